/**
 * A Slack user's time zone from users.info, cached per process. Best effort: a failure gives
 * undefined (the decision is then shown in UTC only) and is not cached.
 */
import type { webApi } from '@slack/bolt';

export function createUserTzLookup(
  client: Pick<webApi.WebClient, 'users'>,
  ttlMs = 3_600_000,
  now: () => number = Date.now,
): (userId: string) => Promise<string | undefined> {
  const cache = new Map<string, { at: number; tz: string | undefined }>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttlMs) return hit.tz;
    try {
      const result = await client.users.info({ user: userId });
      const tz = typeof result.user?.tz === 'string' ? result.user.tz : undefined;
      cache.set(userId, { at: now(), tz });
      return tz;
    } catch {
      return undefined;
    }
  };
}
