/**
 * One RDS API budget shared by every worker of every process: a fixed one-second window counted
 * in Redis per region (AWS's limit is per account and region, shared with the console and other
 * tools, so the bot takes only its configured slice).
 */
import type { Redis } from 'ioredis';

export interface RdsBudget {
  /** Resolves when a request may be sent. */
  take(): Promise<void>;
}

export function createRdsBudget(options: {
  redis: Redis;
  prefix: string;
  region: string;
  requestsPerSecond: number;
  now?: () => number;
}): RdsBudget {
  const now = options.now ?? Date.now;
  const perWindow = Math.max(1, Math.floor(options.requestsPerSecond));
  return {
    async take() {
      for (;;) {
        const second = Math.floor(now() / 1000);
        const key = `${options.prefix}:rds-budget:${options.region}:${second}`;
        const count = await options.redis.incr(key);
        if (count === 1) await options.redis.expire(key, 5);
        if (count <= perWindow) return;
        const wait = (second + 1) * 1000 - now() + Math.floor(Math.random() * 50);
        await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 5)));
      }
    },
  };
}
