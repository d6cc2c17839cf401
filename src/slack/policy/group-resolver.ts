/**
 * Resolves user-group (`S…`) memberships through `usergroups.users.list`, caching each group
 * for `ttlMs` so a burst of clicks costs one Web API call. Failures are not cached: the next
 * check asks again.
 */
import type { Logger } from '../../logger.js';
import type { GroupMembers } from './can.js';

/** The one Web API call needed, e.g. `(usergroup) => client.usergroups.users.list({ usergroup })`. */
export type ListGroupUsers = (usergroup: string) => Promise<{ users?: string[] }>;

export interface GroupResolver {
  /** Members of each group that could be resolved within the deadline; unresolved ones are absent. */
  resolve(groupIds: readonly string[]): Promise<GroupMembers>;
}

export function createGroupResolver(options: {
  list: ListGroupUsers;
  /** How long a membership list is trusted, in ms. */
  ttlMs: number;
  /** Longest wait for Slack before a group counts as unresolved, in ms (default 1500). */
  timeoutMs?: number;
  logger?: Logger;
  now?: () => number;
}): GroupResolver {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 1500;
  const cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();

  function fetchGroup(id: string): Promise<ReadonlySet<string>> {
    const cached = cache.get(id);
    if (cached && now() - cached.at < options.ttlMs) return cached.members;
    const members = options.list(id).then((r) => new Set(r.users ?? []) as ReadonlySet<string>);
    cache.set(id, { at: now(), members });
    members.catch((error: unknown) => {
      if (cache.get(id)?.members === members) cache.delete(id);
      options.logger?.warn({ err: error, usergroup: id }, 'usergroups.users.list failed');
    });
    return members;
  }

  async function resolveOne(id: string): Promise<[string, ReadonlySet<string>] | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      const members = await Promise.race([fetchGroup(id), deadline]);
      return members === undefined ? undefined : [id, members];
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async resolve(groupIds) {
      const unique = [...new Set(groupIds)];
      const found = await Promise.all(unique.map(resolveOne));
      return new Map(found.filter((x): x is [string, ReadonlySet<string>] => x !== undefined));
    },
  };
}
