/**
 * The engine's Slack notifier. It only enqueues: the audit log is the source of truth and the
 * outbox worker turns it into messages, so notify() is one Redis write and never calls Slack.
 */
import type { Queue } from 'bullmq';
import type { Logger } from '../../logger.js';
import type { AuditEntry, Notifier, Run } from '../../workflow/types.js';
import { type OutboxJobData, outboxJobId } from './outbox-queue.js';

export function createSlackNotifier(options: {
  queue: Queue<OutboxJobData>;
  logger: Logger;
  /** Channel for runs that name none; without it such runs are not posted. */
  defaultChannel?: string;
}): Notifier {
  const { queue, logger, defaultChannel } = options;
  return {
    async notify(run: Run, entry: AuditEntry) {
      if (!run.slack?.channel && !defaultChannel) return;
      try {
        await queue.add(
          'deliver',
          { runId: run.id, seq: entry.seq },
          { jobId: outboxJobId(run.id, entry.seq) },
        );
      } catch (error) {
        // why: the entry is safe in the audit log; the next notify or the sweeper delivers it.
        logger.warn(
          { err: error, runId: run.id, seq: entry.seq },
          'could not enqueue Slack delivery',
        );
      }
    },
  };
}
