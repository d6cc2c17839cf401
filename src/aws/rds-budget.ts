/**
 * One RDS API budget shared by every worker of every process: a sliding window in Redis per
 * region, so that no span of a second (plus a small margin for network jitter) carries more
 * than the configured number of requests. AWS's limit is per account and region and shared with
 * the console and other tools, so the bot takes only its configured slice.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisScript } from '../redis-script.js';

export interface RdsBudget {
  /** Resolves when a request may be sent. */
  take(): Promise<void>;
}

/** Width of the window in ms: a second plus a margin, so arrivals never bunch past the limit. */
export const BUDGET_WINDOW_MS = 1050;

// KEYS[1] = window zset; ARGV[1] = limit, ARGV[2] = window ms, ARGV[3] = unique member.
// Returns 0 when a slot was taken, or the ms to wait before trying again. Uses the Redis clock,
// so workers on different hosts agree.
const take = redisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + tonumber(ARGV[2]) - now)
`);

export function createRdsBudget(options: {
  redis: Redis;
  prefix: string;
  region: string;
  requestsPerSecond: number;
}): RdsBudget {
  const limit = Math.max(1, Math.floor(options.requestsPerSecond));
  const key = `${options.prefix}:rds-budget:${options.region}`;
  return {
    async take() {
      for (;;) {
        const member = randomBytes(8).toString('hex');
        const waitMs = (await take(
          options.redis,
          [key],
          [limit, BUDGET_WINDOW_MS, member],
        )) as number;
        if (waitMs === 0) return;
        await new Promise((resolve) =>
          setTimeout(resolve, waitMs + Math.floor(Math.random() * 20)),
        );
      }
    },
  };
}
