/** What a scenario's keys cost in Redis: `INFO memory` and `MEMORY USAGE` per key family. */
import type { Redis } from 'ioredis';

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** A key's family: the key with run ids, job generations and numbers replaced. */
export function keyFamily(key: string, prefix: string): string {
  return key
    .slice(prefix.length + 1)
    .replace(/r-[a-z0-9]+-[a-z0-9]{4}(-g\d+)?/g, '<run>')
    .replace(/:\d+$/, ':<n>')
    .replace(/(lock:)[^:]+\/.+$/, '$1<cluster>')
    .replace(/(decision:<run>:).+$/, '$1<gate>');
}

export interface KeyUsage {
  keys: number;
  bytes: number;
  byFamily: Record<string, { keys: number; bytes: number }>;
}

/** Sums MEMORY USAGE (all samples) over every key under `prefix:`. */
export async function keyUsage(redis: Redis, prefix: string): Promise<KeyUsage> {
  const usage: KeyUsage = { keys: 0, bytes: 0, byFamily: {} };
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const bytes = Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
      const family = keyFamily(key, prefix);
      const slot = usage.byFamily[family] ?? { keys: 0, bytes: 0 };
      usage.byFamily[family] = { keys: slot.keys + 1, bytes: slot.bytes + bytes };
      usage.keys += 1;
      usage.bytes += bytes;
    }
  } while (cursor !== '0');
  return usage;
}
