/**
 * Per-run delivery state in Redis, kept by the Slack front (never in the Run): the channel and
 * root ts of the run's thread, the cursor into the audit log (next entry, and the next message
 * of that entry), the ts of each approval prompt, and a lock so one worker delivers a run at a
 * time. A global pause key makes every worker honour a 429's Retry-After.
 */
import type { Redis } from 'ioredis';
import { deleteIfHolds, redisScript } from '../../redis-script.js';

export interface ThreadState {
  channel?: string;
  rootTs?: string;
  /** Next audit seq to deliver. */
  next: number;
  /** Next message index within entry `next` (an entry can produce several). */
  op: number;
  /** The root checklist changed since it was last rewritten. */
  rootDirty: boolean;
  /** When the root was last rewritten (ms). */
  rootUpdatedAt: number;
  /** Consecutive failed attempts (5xx, network), for backoff. */
  failures: number;
  /** Prompt ts by gate id. */
  gates: Record<string, string>;
  /** Gate ids whose prompt still shows buttons. */
  openGates: string[];
  /** Audit time (ISO) of the last progress reply, by step. */
  progressAt: Record<string, string>;
}

/** Field changes to store together with an advance of the cursor. */
export interface StateChanges {
  channel?: string;
  rootTs?: string;
  rootDirty?: boolean;
  gate?: { id: string; ts: string };
  closeGate?: string;
  progress?: { step: string; at: string };
}

const renew = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);

export interface ThreadStore {
  load(runId: string): Promise<ThreadState>;
  /** Moves the cursor to (`next`, `op`) and applies `changes` in one write. */
  advance(runId: string, next: number, op: number, changes?: StateChanges): Promise<void>;
  rootUpdated(runId: string, at: number): Promise<void>;
  setFailures(runId: string, n: number): Promise<void>;
  /** Takes the run's delivery lock for `ttlMs`; returns the token or undefined if held. */
  lock(runId: string, ttlMs: number): Promise<string | undefined>;
  renew(runId: string, token: string, ttlMs: number): Promise<boolean>;
  unlock(runId: string, token: string): Promise<void>;
  /** Time (ms) until which Slack asked us to wait, if later than now. */
  pausedUntil(): Promise<number>;
  pause(untilMs: number): Promise<void>;
}

export function createThreadStore(
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): ThreadStore {
  const key = (runId: string) => `${prefix}:slack:thread:${runId}`;
  const lockKey = (runId: string) => `${prefix}:slack:lock:${runId}`;
  const pauseKey = `${prefix}:slack:pause`;

  return {
    async load(runId) {
      const h = await redis.hgetall(key(runId));
      const state: ThreadState = {
        next: Number(h.next ?? 0),
        op: Number(h.op ?? 0),
        rootDirty: h.rootDirty === '1',
        rootUpdatedAt: Number(h.rootUpdatedAt ?? 0),
        failures: Number(h.failures ?? 0),
        gates: {},
        openGates: [],
        progressAt: {},
      };
      if (h.channel) state.channel = h.channel;
      if (h.rootTs) state.rootTs = h.rootTs;
      for (const [field, value] of Object.entries(h)) {
        if (field.startsWith('gate:')) state.gates[field.slice(5)] = value;
        else if (field.startsWith('open:')) state.openGates.push(field.slice(5));
        else if (field.startsWith('progress:')) state.progressAt[field.slice(9)] = value;
      }
      return state;
    },
    async advance(runId, next, op, changes = {}) {
      // why: advancing means a Slack call just succeeded, which ends any run of failures.
      const fields: Record<string, string> = { next: String(next), op: String(op), failures: '0' };
      if (changes.channel) fields.channel = changes.channel;
      if (changes.rootTs) fields.rootTs = changes.rootTs;
      if (changes.rootDirty) fields.rootDirty = '1';
      if (changes.gate) {
        fields[`gate:${changes.gate.id}`] = changes.gate.ts;
        fields[`open:${changes.gate.id}`] = '1';
      }
      if (changes.progress) fields[`progress:${changes.progress.step}`] = changes.progress.at;
      const tx = redis.multi().hset(key(runId), fields);
      if (changes.closeGate) tx.hdel(key(runId), `open:${changes.closeGate}`);
      await tx.exec();
    },
    async rootUpdated(runId, at) {
      await redis.hset(key(runId), { rootDirty: '0', rootUpdatedAt: String(at), failures: '0' });
    },
    async setFailures(runId, n) {
      await redis.hset(key(runId), 'failures', String(n));
    },
    async lock(runId, ttlMs) {
      const token = `${now()}-${Math.random().toString(36).slice(2)}`;
      const ok = await redis.set(lockKey(runId), token, 'PX', ttlMs, 'NX');
      return ok === 'OK' ? token : undefined;
    },
    async renew(runId, token, ttlMs) {
      return (await renew(redis, [lockKey(runId)], [token, String(ttlMs)])) === 1;
    },
    async unlock(runId, token) {
      await deleteIfHolds(redis, [lockKey(runId)], [token]);
    },
    async pausedUntil() {
      const value = Number((await redis.get(pauseKey)) ?? 0);
      return value > now() ? value : 0;
    },
    async pause(untilMs) {
      const ms = Math.max(1, Math.ceil(untilMs - now()));
      // why: keep the later of two pauses when two workers are rate-limited at once.
      const current = Number((await redis.get(pauseKey)) ?? 0);
      if (current >= untilMs) return;
      await redis.set(pauseKey, String(untilMs), 'PX', ms);
    },
  };
}
