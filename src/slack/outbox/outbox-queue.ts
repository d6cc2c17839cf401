/** The outbox queue: one small delivery job per audit entry, named deterministically. */
import { Queue, type QueueOptions } from 'bullmq';

export const OUTBOX_QUEUE = 'slack-outbox';

export interface OutboxJobData {
  runId: string;
  /** The audit entry that triggered the delivery. */
  seq: number;
}

/** `01JABC…-7`: deterministic (a repeated notify adds nothing) and free of `:` as BullMQ requires. */
export function outboxJobId(runId: string, seq: number): string {
  return `${runId.replace(/:/g, '_')}-${seq}`;
}

export function createOutboxQueue(
  options: Pick<QueueOptions, 'connection' | 'prefix'>,
): Queue<OutboxJobData> {
  return new Queue<OutboxJobData>(OUTBOX_QUEUE, {
    ...options,
    defaultJobOptions: {
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
    },
  });
}
