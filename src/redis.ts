import { Redis, type RedisOptions } from 'ioredis';
import { UnavailableError } from './errors.js';
import { withTimeout } from './with-timeout.js';

/**
 * How a connection is used decides how it behaves when Redis goes away:
 * - `worker`: BullMQ workers and QueueEvents block and must wait forever
 *   (`maxRetriesPerRequest: null`), reconnecting in the background;
 * - `producer`: the Slack front and CLI must fail fast so a user gets an answer
 *   instead of a hung command (`enableOfflineQueue: false`).
 */
export type RedisRole = 'worker' | 'producer';

export function redisOptions(role: RedisRole): RedisOptions {
  const common: RedisOptions = { lazyConnect: false, connectionName: `aurora-bot-${role}` };
  return role === 'worker'
    ? { ...common, maxRetriesPerRequest: null, enableReadyCheck: true }
    : { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 };
}

/** Redacts a password in a redis URL so it can be shown. */
export function safeRedisUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, redisOptions(role));
}

/**
 * Connects and PINGs once, turning any failure into one clear line that says which URL
 * was tried and how to start a Redis.
 */
export async function connectRedis(url: string, role: RedisRole, timeoutMs = 3000): Promise<Redis> {
  const client = new Redis(url, { ...redisOptions(role), lazyConnect: true });
  // why: ioredis reconnects by itself; an 'error' without a listener would crash the process.
  client.on('error', () => {});
  try {
    // why: resolve only once the connection is ready; a producer connection has no offline
    // queue, so a command sent before `ready` would fail with "Stream isn't writeable".
    await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs,
    );
  } catch (error) {
    client.disconnect();
    throw new UnavailableError(
      'redis_unreachable',
      `Redis is not reachable at ${safeRedisUrl(url)} (${(error as Error).message}).`,
      {
        hint: 'Start one with `redis-server --daemonize yes` or `docker compose up -d redis`, or set REDIS_URL.',
        cause: error,
      },
    );
  }
  return client;
}
