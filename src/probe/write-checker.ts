/**
 * Reads the writer's rows back after each outage window closes (so `snapshot()` shows lost and
 * ambiguous writes soon after a switchover) and once more, in full, when the probe stops.
 */
import type { Logger } from '../logger.js';
import { errorMessage } from './classify.js';
import type { ConnectionSettings } from './connection.js';
import type { ProbeSql } from './sql.js';
import type { Sample, WritesReport } from './types.js';
import { readBackSeqs } from './verifier.js';
import { tallyWrites } from './writes.js';

export interface WriteCheckerOptions {
  settings: ConnectionSettings;
  sql: ProbeSql;
  runId: string;
  timeoutMs: number;
  /** The writer's finished operations by seq. */
  samples: () => readonly (Sample | undefined)[];
  logger?: Logger | undefined;
}

export interface WriteChecker {
  /** Feed every writer sample; a success after failures schedules a read-back of that stretch. */
  onSample(sample: Sample): void;
  /** Stops scheduling, then reads every row back; never throws. */
  finish(): Promise<void>;
  report(): WritesReport;
}

export function createWriteChecker(options: WriteCheckerOptions): WriteChecker {
  const { settings, sql, runId, timeoutMs } = options;
  const present = new Map<number, boolean>();
  const unchecked = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let finished = false;
  let verified = false;
  let error: string | undefined;

  const check = async (fromSeq: number, toSeq: number, budgetMs: number) => {
    const found = await readBackSeqs(settings, sql, runId, fromSeq, toSeq, budgetMs);
    const samples = options.samples();
    for (let seq = fromSeq; seq <= toSeq; seq += 1) {
      if (!samples[seq]) continue;
      present.set(seq, found.has(seq));
      unchecked.delete(seq);
    }
  };

  const checkWindow = () => {
    timer = undefined;
    if (finished || unchecked.size === 0) return;
    let lowest = Number.POSITIVE_INFINITY;
    for (const seq of unchecked) lowest = Math.min(lowest, seq);
    const fromSeq = Math.max(0, lowest - 1);
    const toSeq = options.samples().length - 1;
    running = check(fromSeq, toSeq, timeoutMs * 3)
      .catch((e: unknown) =>
        options.logger?.debug({ error: errorMessage(e) }, 'write read-back failed; will retry'),
      )
      .finally(() => {
        running = undefined;
      });
  };

  return {
    onSample(sample) {
      if (!sample.ok) {
        unchecked.add(sample.seq);
        return;
      }
      // why: wait out the operations still in flight in that stretch (each ends within the timeout)
      if (unchecked.size > 0 && !timer && !running && !finished)
        timer = setTimeout(checkWindow, timeoutMs * 1.5);
    },
    async finish() {
      finished = true;
      clearTimeout(timer);
      await running;
      const toSeq = options.samples().length - 1;
      if (toSeq < 0) {
        verified = true;
        return;
      }
      const budgetMs = Math.max(3 * timeoutMs, 2000);
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        try {
          await check(0, toSeq, budgetMs);
          verified = true;
          error = undefined;
          return;
        } catch (e) {
          error = `could not read the probe rows back: ${errorMessage(e)}`;
        }
      }
    },
    report() {
      return {
        ...tallyWrites(options.samples(), present),
        verified,
        ...(error === undefined ? {} : { error }),
      };
    },
  };
}
