/**
 * A Slack user's time zone from users.info, cached per process. Best effort: a failure gives
 * undefined (the decision is then shown in UTC only) and is not cached.
 */
import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { withTimeout } from '../with-timeout.js';

export function createUserTzLookup(
  client: Pick<webApi.WebClient, 'users'>,
  ttlMs = 3_600_000,
  now: () => number = Date.now,
): (userId: string) => Promise<string | undefined> {
  // why: a time zone rarely changes, and a burst of decisions by one approver should cost one
  // users.info. A failure (fetchMethod's undefined) is not kept.
  const cache = new LRUCache<string, { tz: string | undefined }>({
    max: 10_000,
    ttl: Math.max(1, ttlMs),
    ttlResolution: 0,
    perf: { now },
    fetchMethod: async (userId) => {
      try {
        // why: a users.info Slack never answers must not hold up every later decision message.
        const result = await withTimeout(client.users.info({ user: userId }), 5_000);
        return { tz: typeof result.user?.tz === 'string' ? result.user.tz : undefined };
      } catch {
        return undefined;
      }
    },
  });
  return async (userId) => (await cache.fetch(userId))?.tz;
}
