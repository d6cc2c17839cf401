/**
 * The BullMQ worker that runs deliveries. A delivery that must wait (429 Retry-After, backoff
 * after a 5xx or network error, another worker holding the run) parks its job as delayed
 * instead of sleeping, so it holds neither a worker slot nor the job lock while waiting.
 */
import { DelayedError, type Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Logger } from '../../logger.js';
import { isLive } from '../../workflow/types.js';
import type { EnginePort } from '../engine-port.js';
import { type DeliveryDeps, deliverRun } from './deliver-run.js';
import { OUTBOX_QUEUE, type OutboxJobData, outboxJobId } from './outbox-queue.js';

export interface OutboxWorker {
  worker: Worker<OutboxJobData>;
  /** Enqueues a delivery for every recent run whose thread is behind its audit log. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export function startOutboxWorker(options: {
  deps: DeliveryDeps;
  queue: Queue<OutboxJobData>;
  engine: Pick<EnginePort, 'listRuns' | 'audit'>;
  connection: WorkerOptions['connection'];
  prefix: string;
  logger: Logger;
  /** Deliveries in parallel (different runs; one run is always delivered by one worker at a time). */
  concurrency?: number;
  /** How often to look for threads left behind (ms); 0 disables. */
  sweepEveryMs?: number;
}): OutboxWorker {
  const { deps, logger } = options;
  const worker = new Worker<OutboxJobData>(
    OUTBOX_QUEUE,
    async (job, token) => {
      const result = await deliverRun(job.data.runId, deps, job.data.seq);
      if (result.kind === 'done') return { delivered: result.delivered };
      await job.moveToDelayed(Date.now() + result.delayMs, token);
      throw new DelayedError();
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 8,
    },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'Slack outbox worker error'));
  worker.on('failed', (job, error) =>
    logger.error({ err: error, jobId: job?.id }, 'Slack delivery failed'),
  );

  async function sweep(): Promise<number> {
    let queued = 0;
    const runs = await options.engine.listRuns({ limit: 100 });
    for (const run of runs) {
      const [state, entries] = await Promise.all([
        deps.store.load(run.id),
        options.engine.audit(run.id),
      ]);
      const last = entries.length - 1;
      if (last < 0 || (state.next > last && !state.rootDirty)) continue;
      // why: a finished run that never had a thread (e.g. from before the bot was installed) stays quiet.
      if (!state.rootTs && !isLive(run.status)) continue;
      if (!run.slack?.channel && !deps.defaultChannel) continue;
      await options.queue.add(
        'deliver',
        { runId: run.id, seq: last },
        { jobId: `${outboxJobId(run.id, last)}-sweep-${Date.now()}` },
      );
      queued += 1;
    }
    return queued;
  }

  const every = options.sweepEveryMs ?? 300_000;
  const timer =
    every > 0
      ? setInterval(() => {
          sweep().catch((error: unknown) =>
            logger.warn({ err: error }, 'Slack outbox sweep failed'),
          );
        }, every)
      : undefined;
  timer?.unref();

  return {
    worker,
    sweep,
    async close() {
      if (timer) clearInterval(timer);
      await worker.close();
    },
  };
}
