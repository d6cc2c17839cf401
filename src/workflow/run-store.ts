/**
 * Runs and cluster locks in Redis. A run is one JSON document written by the worker that owns
 * its job; the cluster lock (`SET NX`) holds the id of the one live run per cluster and is
 * released only by that run, with compare-and-delete. A lock whose run is gone or finished is
 * taken over, so a crash between taking the lock and storing the run cannot leak it.
 *
 * Saves are compare-and-set on the run's revision: a copy loaded before someone else saved the
 * run cannot overwrite the newer state (two activations of one job can overlap when BullMQ
 * loses a lock, e.g. while Redis restarts).
 */
import type { Redis } from 'ioredis';
import { deleteIfHolds, redisScript } from '../redis-script.js';
import { isLive, type Run } from './types.js';

const takeOver = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0
`);

// why: a document saved before revisions existed counts as revision 0.
const save = redisScript(`
local stored = redis.call('GET', KEYS[1])
local rev = 0
if stored then
  local ok, doc = pcall(cjson.decode, stored)
  if ok and type(doc) == 'table' and tonumber(doc.rev) then rev = tonumber(doc.rev) end
end
if rev ~= tonumber(ARGV[1]) then return rev end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
if ARGV[5] == '1' then redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4])
else redis.call('ZREM', KEYS[4], ARGV[4]) end
return -1
`);

/** Someone saved the run since this copy was loaded; reload it and go on from there. */
export class StaleRunError extends Error {
  constructor(runId: string, expected: number, stored: number) {
    super(`run ${runId} was saved elsewhere (revision ${stored}, this copy has ${expected})`);
    this.name = 'StaleRunError';
  }
}

export interface RunStore {
  get(id: string): Promise<Run | undefined>;
  /** Stores the run and bumps its revision; throws {@link StaleRunError} if it is not the latest. */
  save(run: Run): Promise<void>;
  /**
   * The newest runs that pass `keep` (all by default), at most `limit`, newest first; `from`
   * picks an index: every run, the live ones, or one cluster's.
   */
  list(limit?: number, keep?: (run: Run) => boolean, from?: RunIndex): Promise<Run[]>;
  /** Takes the cluster lock for `runId`; returns the id of the live run holding it otherwise. */
  lock(clusterKey: string, runId: string): Promise<{ ok: true } | { ok: false; owner: Run }>;
  unlock(clusterKey: string, runId: string): Promise<void>;
  lockOwner(clusterKey: string): Promise<string | undefined>;
}

/** Which index a listing reads: all runs, live runs, or the runs of one cluster alias. */
export type RunIndex = { kind: 'all' } | { kind: 'live' } | { kind: 'cluster'; alias: string };

export function clusterKeyOf(run: Pick<Run, 'cluster'>): string {
  return `${run.cluster.region}/${run.cluster.clusterIdentifier}`;
}

export function createRunStore(redis: Redis, prefix: string): RunStore {
  const runKey = (id: string) => `${prefix}:run:${id}`;
  const lockKey = (clusterKey: string) => `${prefix}:lock:${clusterKey}`;
  const indexKey = `${prefix}:runs`;
  const liveKey = `${prefix}:runs:live`;
  const clusterIndexKey = (alias: string) => `${prefix}:runs:cluster:${alias}`;
  const keyOf = (from: RunIndex) =>
    from.kind === 'live'
      ? liveKey
      : from.kind === 'cluster'
        ? clusterIndexKey(from.alias)
        : indexKey;

  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as Run) : undefined);
  const get = async (id: string) => parse(await redis.get(runKey(id)));

  return {
    get,
    async save(run) {
      const expected = run.rev ?? 0;
      run.rev = expected + 1;
      // why: listings of live runs (Slack `list`, the orphan sweep, pending approvals) read the
      // small live index instead of scanning every run ever made.
      const stored = (await save(
        redis,
        [runKey(run.id), indexKey, clusterIndexKey(run.cluster.alias), liveKey],
        [
          expected,
          JSON.stringify(run),
          Date.parse(run.createdAt),
          run.id,
          isLive(run.status) ? '1' : '0',
        ],
      ).catch((error: unknown) => {
        run.rev = expected;
        throw error;
      })) as number;
      if (stored !== -1) {
        run.rev = expected;
        throw new StaleRunError(run.id, expected, stored);
      }
    },
    async list(limit = 50, keep = () => true, from = { kind: 'all' }) {
      const key = keyOf(from);
      const found: Run[] = [];
      const page = Math.max(limit, 100);
      // why: filter while paging, so "the newest 10 failed runs" is not "the failed runs among
      // the newest 10". The scan stops at 10,000 runs.
      for (let start = 0; found.length < limit && start < 10_000; start += page) {
        const ids = await redis.zrevrange(key, start, start + page - 1);
        if (ids.length === 0) break;
        for (const run of (await redis.mget(ids.map(runKey))).map(parse))
          if (run && keep(run) && found.length < limit) found.push(run);
      }
      return found;
    },
    async lock(clusterKey, runId) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        if ((await redis.set(lockKey(clusterKey), runId, 'NX')) === 'OK') return { ok: true };
        const ownerId = await redis.get(lockKey(clusterKey));
        if (ownerId === null) continue;
        const owner = await get(ownerId);
        if (owner && isLive(owner.status)) return { ok: false, owner };
        if (owner === undefined) {
          // why: the owner may be a run being created right now (lock taken, run not yet saved).
          await new Promise((resolve) => setTimeout(resolve, 200));
          const again = await get(ownerId);
          if (again && isLive(again.status)) return { ok: false, owner: again };
        }
        if ((await takeOver(redis, [lockKey(clusterKey)], [ownerId, runId])) === 1)
          return { ok: true };
      }
      throw new Error(`could not take the lock of ${clusterKey}`);
    },
    async unlock(clusterKey, runId) {
      await deleteIfHolds(redis, [lockKey(clusterKey)], [runId]);
    },
    async lockOwner(clusterKey) {
      return (await redis.get(lockKey(clusterKey))) ?? undefined;
    },
  };
}
