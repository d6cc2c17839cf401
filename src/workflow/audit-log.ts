/**
 * The append-only, hash-chained audit log of a run, in Redis. Appends are compare-and-append
 * (a Lua script checks the length the hash was computed for), so concurrent writers (the worker
 * and a click handler) can never fork the chain. An optional dedupe key makes an append
 * idempotent, which keeps at-least-once job delivery from writing an event twice.
 */
import type { Redis } from 'ioredis';
import { redisScript } from '../redis-script.js';
import { type ChainVerdict, GENESIS_HASH, makeEntry, verifyChain } from './audit-chain.js';
import type { AuditEntry, EngineEvent } from './types.js';

const append = redisScript(`
if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return -1 end
if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return -2 end
redis.call('RPUSH', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[1]) end
return tonumber(ARGV[1])
`);

export interface AuditLog {
  /** Appends an event; returns the entry, or undefined if `dedupeKey` was already used. */
  append(runId: string, event: EngineEvent, dedupeKey?: string): Promise<AuditEntry | undefined>;
  list(runId: string, from?: number): Promise<AuditEntry[]>;
  verify(runId: string): Promise<ChainVerdict>;
}

export function createAuditLog(
  redis: Redis,
  prefix: string,
  now: () => number = Date.now,
): AuditLog {
  const listKey = (runId: string) => `${prefix}:audit:${runId}`;
  const keysKey = (runId: string) => `${prefix}:audit-keys:${runId}`;

  const list = async (runId: string, from = 0) =>
    (await redis.lrange(listKey(runId), from, -1)).map((raw) => JSON.parse(raw) as AuditEntry);

  return {
    async append(runId, event, dedupeKey) {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const [length, lastRaw] = await Promise.all([
          redis.llen(listKey(runId)),
          redis.lindex(listKey(runId), -1),
        ]);
        const prevHash = lastRaw ? (JSON.parse(lastRaw) as AuditEntry).hash : GENESIS_HASH;
        const entry = makeEntry(runId, length, new Date(now()).toISOString(), event, prevHash);
        const result = (await append(
          redis,
          [listKey(runId), keysKey(runId)],
          [String(length), JSON.stringify(entry), dedupeKey ?? ''],
        )) as number;
        if (result === -1) return undefined;
        if (result >= 0) return entry;
      }
      throw new Error(`audit log of ${runId}: too much contention`);
    },
    list,
    async verify(runId) {
      return verifyChain(await list(runId), runId);
    },
  };
}
