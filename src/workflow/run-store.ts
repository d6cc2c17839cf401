/**
 * Runs and cluster locks in Redis. A run is one JSON document written by the worker that owns
 * its job; the cluster lock (`SET NX`) holds the id of the one live run per cluster and is
 * released only by that run, with compare-and-delete. A lock whose run is gone or finished is
 * taken over, so a crash between taking the lock and storing the run cannot leak it.
 */
import type { Redis } from 'ioredis';
import { deleteIfHolds, redisScript } from '../redis-script.js';
import { isLive, type Run } from './types.js';

const takeOver = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0
`);

export interface RunStore {
  get(id: string): Promise<Run | undefined>;
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

  const get = async (id: string) => {
    const raw = await redis.get(runKey(id));
    return raw ? (JSON.parse(raw) as Run) : undefined;
  };

  return {
    get,
    async save(run) {
      const created = Date.parse(run.createdAt);
      const tx = redis
        .multi()
        .set(runKey(run.id), JSON.stringify(run))
        .zadd(indexKey, created, run.id)
        .zadd(clusterIndexKey(run.cluster.alias), created, run.id);
      // why: listings of live runs (Slack `list`, the orphan sweep, pending approvals) read this
      // small index instead of scanning every run ever made.
      if (isLive(run.status)) tx.zadd(liveKey, created, run.id);
      else tx.zrem(liveKey, run.id);
      await tx.exec();
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
        const raws = await redis.mget(ids.map(runKey));
        for (const raw of raws) {
          const run = raw ? (JSON.parse(raw) as Run) : undefined;
          if (run && keep(run) && found.length < limit) found.push(run);
        }
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
