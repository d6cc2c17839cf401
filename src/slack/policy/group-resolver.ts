/**
 * Resolves user-group (`S…`) memberships through `usergroups.users.list`, caching each group
 * for `ttlMs` so a burst of clicks costs one Web API call. Failures are not cached: the next
 * check asks again.
 */
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../logger.js';
import { withTimeout } from '../../with-timeout.js';
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
  /**
   * Longest a list may take before it is given up (default 10 s): until then every check shares
   * it; after, the next check asks Slack again.
   */
  listTimeoutMs?: number;
  logger?: Logger;
  now?: () => number;
}): GroupResolver {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 1500;
  // why: one list per group per ttl however many clicks ask at once; a failed list is not kept,
  // so the next check asks again. `ttl` 0 would mean "forever" to LRUCache, hence at least 1 ms.
  const cache = new LRUCache<string, ReadonlySet<string>>({
    max: 10_000,
    ttl: Math.max(1, options.ttlMs),
    ttlResolution: 0,
    perf: { now },
    fetchMethod: async (id) => {
      try {
        // why: a list Slack never answers must not stay the shared answer for every later check.
        const { users } = await withTimeout(options.list(id), options.listTimeoutMs ?? 10_000);
        return new Set(users ?? []);
      } catch (error) {
        options.logger?.warn({ err: error, usergroup: id }, 'usergroups.users.list failed');
        throw error;
      }
    },
  });
  const fetchGroup = async (id: string): Promise<ReadonlySet<string>> =>
    (await cache.fetch(id)) ?? new Set();

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
