/**
 * A Lua script sent by its SHA1 (EVALSHA) and loaded on first use, so the hot paths (audit
 * appends, the RDS budget, lock releases) do not resend the script text with every call.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type RedisScript = (
  redis: Redis,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}

/** Deletes KEYS[1] only while it still holds ARGV[1]: releasing a lock nobody else took over. */
export const deleteIfHolds = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);
