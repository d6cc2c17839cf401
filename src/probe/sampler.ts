/**
 * The sampling loop of one endpoint. Every interval it starts an independent operation with its
 * own deadline, on an idle connection if there is one and on a fresh connection otherwise, so a
 * hung operation never delays the next ones. A failed or timed-out operation discards its
 * connection. Operations in flight are bounded; a tick that finds the bound reached is skipped.
 */
import type { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { classifyError, errorMessage, TIMEOUT_CODE } from './classify.js';
import { type ConnectionSettings, openConnection, type ProbeConnection } from './connection.js';
import { fatalError, type ProbeStep } from './fatal.js';
import type { Sample } from './types.js';

/** One operation in progress; `operate` sets `step` so a privilege error can name what failed. */
export interface Operation {
  readonly seq: number;
  readonly start: number;
  step: ProbeStep;
}

export interface SamplerOptions {
  role: 'writer' | 'reader';
  settings: ConnectionSettings;
  endpointName: string;
  database: string;
  intervalMs: number;
  timeoutMs: number;
  /** An operation in flight longer than this (ms) makes the endpoint count as failing already. */
  suspectAfterMs: number;
  now: () => number;
  logger?: Logger | undefined;
  /** The operation on a ready connection; may return the reader's lag for the sample. */
  operate(conn: ProbeConnection, op: Operation): Promise<{ lagMs?: number } | undefined>;
  /** Called with each finished operation, in completion order. */
  onSample?(sample: Sample): void;
  /** Called when a success ends a run of failures. */
  onRecovered?(): void;
  onFatal(error: UserError): void;
}

export interface Sampler {
  /** Finished operations by `seq`; holes are operations still in flight. */
  readonly samples: readonly (Sample | undefined)[];
  readonly skipped: number;
  /** At least one operation has succeeded. */
  readonly baseline: boolean;
  /**
   * Start of the first success after the latest failure (ms); undefined while failing, which
   * includes an operation still unanswered after `suspectAfterMs`.
   */
  healthySince(): number | undefined;
  start(): void;
  /** Stops ticking, lets operations in flight finish (each within the timeout), closes connections. */
  stop(): Promise<void>;
}

const MAX_IDLE = 2;

export function createSampler(options: SamplerOptions): Sampler {
  const { intervalMs, timeoutMs, now } = options;
  const maxInFlight = Math.ceil(timeoutMs / intervalMs) + 2;
  const samples: (Sample | undefined)[] = [];
  const idle: ProbeConnection[] = [];
  const running = new Set<Promise<void>>();
  const startedAt = new Map<number, number>();
  let nextSeq = 0;
  let skipped = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let nextTickAt = 0;
  let baseline = false;
  let lastFailSeq = -1;
  let healthySince: number | undefined;

  const giveBack = (conn: ProbeConnection) => {
    if (!stopped && !conn.dead && idle.length < MAX_IDLE) idle.push(conn);
    else void conn.end(timeoutMs);
  };
  const takeIdle = (): ProbeConnection | undefined => {
    for (let conn = idle.pop(); conn; conn = idle.pop()) if (!conn.dead) return conn;
    return undefined;
  };

  const record = (sample: Sample) => {
    samples[sample.seq] = sample;
    const wasHealthy = healthySince !== undefined;
    if (sample.ok) {
      baseline = true;
      if (sample.seq > lastFailSeq && (healthySince === undefined || sample.start < healthySince))
        healthySince = sample.start;
      if (!wasHealthy && healthySince !== undefined && lastFailSeq >= 0) options.onRecovered?.();
    } else if (sample.seq > lastFailSeq) {
      lastFailSeq = sample.seq;
      healthySince = undefined;
      for (let seq = sample.seq + 1; seq < samples.length; seq += 1) {
        const later = samples[seq];
        if (later?.ok && (healthySince === undefined || later.start < healthySince))
          healthySince = later.start;
      }
      if (wasHealthy && healthySince === undefined)
        options.logger?.warn(
          { endpoint: options.endpointName, error: sample.error },
          `${options.role} failing (${sample.errorClass})`,
        );
    }
    options.onSample?.(sample);
  };

  const runOperation = async (seq: number): Promise<void> => {
    const op: Operation = { seq, start: now(), step: 'connect' };
    startedAt.set(seq, op.start);
    const used: ProbeConnection[] = [];
    let reused = false;
    let expired = false;
    const use = (conn: ProbeConnection) => {
      used.push(conn);
      if (expired) conn.destroy();
      return conn;
    };
    const work = async () => {
      let conn = takeIdle();
      reused = conn !== undefined;
      if (conn) use(conn);
      else {
        conn = use(openConnection(options.settings, timeoutMs));
        await conn.ready;
      }
      const extra = await options.operate(conn, op);
      return { conn, extra };
    };
    let deadline: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => {
        expired = true;
        reject(
          Object.assign(new Error(`no answer within ${timeoutMs} ms (${op.step})`), {
            code: TIMEOUT_CODE,
          }),
        );
      }, timeoutMs);
    });
    try {
      const { conn, extra } = await Promise.race([work(), expiry]);
      const end = now();
      giveBack(conn);
      record({ seq, start: op.start, end, ok: true, reused, ...(extra ?? {}) });
    } catch (error) {
      const end = now();
      for (const conn of used) conn.destroy();
      record({
        seq,
        start: op.start,
        end,
        ok: false,
        reused,
        errorClass: classifyError(error),
        error: errorMessage(error),
      });
      const fatal = fatalError(error, {
        step: op.step,
        role: options.role,
        endpoint: options.endpointName,
        user: options.settings.user,
        database: options.database,
      });
      if (fatal) options.onFatal(fatal);
    } finally {
      clearTimeout(deadline);
      startedAt.delete(seq);
    }
  };

  const tick = () => {
    if (stopped) return;
    if (running.size >= maxInFlight) skipped += 1;
    else {
      const seq = nextSeq;
      nextSeq += 1;
      const promise = runOperation(seq).finally(() => running.delete(promise));
      running.add(promise);
    }
    // why: after a stall (a busy event loop) resume at once rather than firing a burst
    nextTickAt = Math.max(nextTickAt + intervalMs, now());
    timer = setTimeout(tick, Math.max(0, nextTickAt - now()));
  };

  return {
    samples,
    get skipped() {
      return skipped;
    },
    get baseline() {
      return baseline;
    },
    healthySince() {
      // why: a black-holed endpoint fails nothing until the deadline; silence counts as failing
      const cutoff = now() - options.suspectAfterMs;
      for (const start of startedAt.values()) if (start < cutoff) return undefined;
      return healthySince;
    },
    start() {
      nextTickAt = now();
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
      await Promise.all(idle.splice(0).map((conn) => conn.end(timeoutMs)));
    },
  };
}
