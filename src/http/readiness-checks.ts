/**
 * Readiness conditions: Redis answers, and the queues are really being consumed. A worker can be
 * "running" yet wedged after a Redis outage (BullMQ #4585 and friends), so a queue also counts
 * as not consumed when its oldest waiting job has waited longer than `stuckAfterMs`.
 */
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ReadinessCheck } from './health-routes.js';

export function redisCheck(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    async check() {
      const pong = await redis.ping();
      return { ok: pong === 'PONG', detail: pong };
    },
  };
}

/** A worker in this process is running and not paused. */
export function workerCheck(
  name: string,
  worker: Pick<Worker, 'isRunning' | 'isPaused'>,
): ReadinessCheck {
  return {
    name: `worker:${name}`,
    async check() {
      const ok = worker.isRunning() && !worker.isPaused();
      return { ok, detail: ok ? 'running' : 'not running' };
    },
  };
}

/** Some worker (in any process) is connected to `queue`, and no job has waited longer than `stuckAfterMs`. */
export function queueConsumedCheck(
  queue: Queue,
  stuckAfterMs: number,
  now: () => number = Date.now,
): ReadinessCheck {
  return {
    name: `queue:${queue.name}`,
    async check() {
      const [workers, [oldest], waiting] = await Promise.all([
        queue.getWorkersCount(),
        queue.getJobs(['wait'], 0, 0, true),
        queue.getWaitingCount(),
      ]);
      if (workers === 0) return { ok: false, detail: 'no worker is consuming this queue' };
      const age = oldest ? now() - oldest.timestamp : 0;
      if (age > stuckAfterMs)
        return { ok: false, detail: `oldest waiting job is ${Math.round(age / 1000)} s old` };
      return { ok: true, detail: `${workers} worker(s), ${waiting} waiting` };
    },
  };
}
