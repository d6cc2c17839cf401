/**
 * The outage probe: a writer loop (INSERT, or SELECT 1 in read-only mode) and an optional reader
 * loop, each sampling every interval on its own connections, plus write verification. Outages
 * never stop it; authentication and privilege errors do, through {@link Probe.fatal}.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors.js';
import type { ConnectionSettings } from './connection.js';
import { formatEndpoint } from './endpoint.js';
import { type AckedWrite, insertAcked } from './lag.js';
import { readerOperation, writerOperation } from './operations.js';
import { findOutages } from './outage.js';
import { endpointReport, readerReport, toIsoTimestamp } from './report.js';
import { createSampler, type Sampler } from './sampler.js';
import { probeSql } from './sql.js';
import type { ProbeOptions, ProbeReport } from './types.js';
import { createWriteChecker } from './write-checker.js';

export interface Probe {
  readonly runId: string;
  /** Resolves true once every probed endpoint has had one successful operation, false on timeout. */
  waitForBaseline(timeoutMs: number): Promise<boolean>;
  /** Milliseconds all endpoints have been continuously healthy (0 while any is failing). */
  healthyForMs(): number;
  /** Resolves true once healthyForMs() >= ms, false if timeoutMs elapses first. */
  waitHealthyFor(ms: number, timeoutMs: number): Promise<boolean>;
  /** The report so far (no write verification). */
  snapshot(): ProbeReport;
  /** Stops sampling, verifies writes, closes connections; never throws for outages. */
  stop(): Promise<ProbeReport>;
  /** Rejects with an AppError code 'probe_auth' (or 'probe_privileges') on configuration errors, which stop the probe. */
  readonly fatal: Promise<never>;
}

function checkOptions(options: ProbeOptions, runId: string): void {
  const { intervalMs = 100, timeoutMs = 1000, database = 'aurora_probe' } = options;
  const problems: string[] = [];
  if (!Number.isInteger(intervalMs) || intervalMs < 1) problems.push('intervalMs must be ≥ 1');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) problems.push('timeoutMs must be ≥ 1');
  if (database.length === 0 || database.length > 64) problems.push('database: 1–64 characters');
  if (runId.length === 0 || runId.length > 64) problems.push('runId: 1–64 characters');
  if (problems.length > 0)
    throw new UserError('probe_options', `Invalid probe options: ${problems.join('; ')}`);
}

/** Starts probing at once; call {@link Probe.stop} to end it and get the verified report. */
export function startProbe(options: ProbeOptions): Probe {
  const now = options.now ?? Date.now;
  const runId = options.runId ?? randomUUID();
  checkOptions(options, runId);
  const intervalMs = options.intervalMs ?? 100;
  const timeoutMs = options.timeoutMs ?? 1000;
  const readOnly = options.readOnly ?? false;
  const database = options.database ?? 'aurora_probe';
  const { logger } = options;
  const sql = probeSql(database);
  const auth = { user: options.user, ...(options.password ? { password: options.password } : {}) };
  const writerSettings: ConnectionSettings = { endpoint: options.writer, ...auth };
  const writerName = formatEndpoint(options.writer);
  const readerName = options.reader ? formatEndpoint(options.reader) : undefined;
  const startedAt = now();
  let endedAt: number | undefined;
  let stopping: Promise<ProbeReport> | undefined;
  let failure: UserError | undefined;
  const acked: AckedWrite[] = [];

  let rejectFatal: (error: UserError) => void = () => {};
  const fatal = new Promise<never>((_, reject) => {
    rejectFatal = reject;
  });
  // why: a caller that never awaits `fatal` must not crash the process with an unhandled rejection
  fatal.catch(() => {});

  const samplers: Sampler[] = [];
  const onFatal = (error: UserError) => {
    if (failure || stopping) return;
    failure = error;
    // why: the caller owns the error (the CLI prints it); logging it here would say it twice
    logger?.debug({ code: error.code }, error.message);
    for (const sampler of samplers) void sampler.stop();
    rejectFatal(error);
  };
  const logRecovery = (role: 'writer' | 'reader', sampler: Sampler) => () => {
    const window = findOutages(sampler.samples.filter((s) => s !== undefined)).at(-1);
    if (!window) return;
    logger?.info(
      {
        durationMs: Math.round(window.durationMs),
        lowerMs: window.lowerMs,
        upperMs: window.upperMs,
      },
      `${role} recovered after about ${Math.round(window.durationMs)} ms (${window.failedOps} failed operations)`,
    );
  };
  // why: an answer slower than this is not a healthy one, even before its deadline passes
  const suspectAfterMs = Math.max(intervalMs, timeoutMs / 4);
  const common = { database, intervalMs, timeoutMs, suspectAfterMs, now, logger, onFatal };

  const writes = createWriteChecker({
    settings: writerSettings,
    sql,
    runId,
    timeoutMs,
    samples: () => writer.samples,
    logger,
  });
  const writer = createSampler({
    ...common,
    role: 'writer',
    settings: writerSettings,
    endpointName: writerName,
    operate: writerOperation(sql, runId, readOnly),
    onSample(sample) {
      if (readOnly) return;
      if (sample.ok)
        insertAcked(acked, { seq: sample.seq, sentAt: sample.start, ackedAt: sample.end });
      writes.onSample(sample);
    },
    onRecovered: () => logRecovery('writer', writer)(),
  });
  samplers.push(writer);

  const reader =
    options.reader &&
    createSampler({
      ...common,
      role: 'reader',
      settings: { endpoint: options.reader, ...auth },
      endpointName: readerName ?? '',
      operate: readerOperation(sql, runId, readOnly, acked),
      onRecovered: () => logRecovery('reader', reader as Sampler)(),
    });
  if (reader) samplers.push(reader);
  for (const sampler of samplers) sampler.start();

  const snapshot = (): ProbeReport => {
    const writerReport = endpointReport(writerName, writer.samples, writer.skipped);
    const readerPart = reader
      ? readerReport(readerName ?? '', reader.samples, reader.skipped, !readOnly)
      : null;
    return {
      runId,
      startedAt: toIsoTimestamp(startedAt),
      endedAt: toIsoTimestamp(endedAt ?? now()),
      intervalMs,
      timeoutMs,
      readOnly,
      baselineEstablished: samplers.every((s) => s.baseline),
      writer: writerReport,
      reader: readerPart,
      writes: readOnly
        ? { acknowledged: 0, lost: 0, ambiguous: 0, verified: false }
        : failure
          ? { ...writes.report(), error: `not read back: the probe stopped on ${failure.code}` }
          : writes.report(),
    };
  };

  const healthyForMs = () => {
    let since = Number.NEGATIVE_INFINITY;
    for (const sampler of samplers) {
      const s = sampler.healthySince();
      if (s === undefined) return 0;
      since = Math.max(since, s);
    }
    return Math.max(0, now() - since);
  };

  const waitFor = (done: () => boolean, limitMs: number) =>
    new Promise<boolean>((resolve) => {
      const deadline = now() + limitMs;
      const poll = () => {
        if (done()) return resolve(true);
        if (stopping || failure || now() >= deadline) return resolve(false);
        setTimeout(poll, Math.max(5, Math.min(intervalMs / 2, deadline - now())));
      };
      poll();
    });

  return {
    runId,
    fatal,
    snapshot,
    healthyForMs,
    waitForBaseline: (limitMs) => waitFor(() => samplers.every((s) => s.baseline), limitMs),
    waitHealthyFor: (ms, limitMs) => waitFor(() => healthyForMs() >= ms, limitMs),
    stop() {
      stopping ??= (async () => {
        endedAt = now();
        await Promise.all(samplers.map((s) => s.stop()));
        // why: after a configuration error the same credentials cannot read the rows back
        if (!readOnly && !failure) await writes.finish();
        return snapshot();
      })();
      return stopping;
    },
  };
}
