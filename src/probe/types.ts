/**
 * Types of the outage probe: its options and the JSON report. Report field names are a stable
 * interface (the CLI's `--json`, `--report FILE` and the workflow's thread posts read them).
 */
import type { Logger } from '../logger.js';

/** A MySQL endpoint as a client addresses it; the host is re-resolved on every new connection. */
export interface Endpoint {
  host: string;
  port: number;
}

/** How an operation failed, as a client would tell it from the error it got. */
export type ErrorClass = 'refused' | 'reset' | 'timeout' | 'read-only' | 'auth' | 'other';
export const ERROR_CLASSES: readonly ErrorClass[] = [
  'refused',
  'reset',
  'timeout',
  'read-only',
  'auth',
  'other',
];

export interface ProbeOptions {
  writer: Endpoint;
  /** When given, a second loop reads the newest visible `seq` through this endpoint. */
  reader?: Endpoint;
  user: string;
  password?: string;
  /** Schema of the probe table (default `aurora_probe`), created with the table if missing. */
  database?: string;
  /** Time between the starts of two operations on one endpoint, in ms (default 100). */
  intervalMs?: number;
  /** Deadline of one operation, connect included, in ms (default 1000). */
  timeoutMs?: number;
  /** Probe with `SELECT 1` instead of writing (no table, no write verification). */
  readOnly?: boolean;
  /** `probe_run_id` of the rows this run writes (default: random). */
  runId?: string;
  logger?: Logger;
  /** Clock in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

/** One finished operation on one endpoint. Times are ms since the epoch on the probe's clock. */
export interface Sample {
  /** Position in start order (the writer's `seq`). */
  seq: number;
  /** When the operation began, before any connect. */
  start: number;
  /** When its outcome was known: reply, error, or deadline. */
  end: number;
  ok: boolean;
  errorClass?: ErrorClass;
  /** The error message, for people. */
  error?: string;
  /** Reader only: replica lag seen by this read, in ms (see {@link ReaderReport.maxLagMs}). */
  lagMs?: number;
  /** It ran on a connection kept from an earlier operation, rather than a fresh one. */
  reused?: boolean;
}

/** Latency of successful operations in ms (connect included when one was needed); null without any. */
export interface LatencyReport {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** A maximal run of failed operations on one endpoint. */
export interface OutageReport {
  /** Estimated start (ISO-8601 with ms): midway between the last success and the first failure. */
  start: string;
  /** Estimated end, midway between the last failure and the first success; null while ongoing. */
  end: string | null;
  /** Point estimate of the unavailability in ms; within one interval of the truth at loopback latency. */
  durationMs: number;
  /** The true unavailability is at least this long (ms). */
  lowerMs: number;
  /** ...and at most this long (ms); null when a side is unbounded (before the first success, or ongoing). */
  upperMs: number | null;
  failedOps: number;
  /** Failed operations per error class. */
  errors: Partial<Record<ErrorClass, number>>;
  /** The first error message seen in this window. */
  firstError: string;
  /** No successful operation has followed yet. */
  ongoing: boolean;
  /** No successful operation preceded it: the endpoint was failing when the probe started. */
  beforeBaseline: boolean;
}

export interface EndpointReport {
  /** `host:port` as given. */
  endpoint: string;
  /** Whether at least one operation succeeded. */
  baselineEstablished: boolean;
  /** Finished operations. */
  ops: number;
  ok: number;
  failed: number;
  /** Ticks not sampled because too many operations were still in flight. */
  skipped: number;
  outages: OutageReport[];
  /** Sum of the outages' `durationMs`. */
  totalOutageMs: number;
  latencyMs: LatencyReport;
  /** Latency before the first outage; null when there was none. */
  latencyBeforeMs: LatencyReport | null;
  /** Latency after the last outage; null when there was none. */
  latencyAfterMs: LatencyReport | null;
}

export interface ReaderReport extends EndpointReport {
  /**
   * Worst replica lag seen, in ms: at each read, how long ago the oldest acknowledged write the
   * reader could not yet see was sent (0 when it saw them all). Null in read-only mode.
   */
  maxLagMs: number | null;
}

export interface WritesReport {
  /** Inserts the client got OK for. */
  acknowledged: number;
  /** Acknowledged but absent when read back: must be 0 on a healthy system. */
  lost: number;
  /** Present although the client saw an error: commits whose acknowledgement was lost. */
  ambiguous: number;
  /** Whether every row was read back at the end; false in snapshots, read-only mode or on failure. */
  verified: boolean;
  /** Why verification failed, when it did. */
  error?: string;
}

export interface ProbeReport {
  runId: string;
  startedAt: string;
  endedAt: string;
  intervalMs: number;
  timeoutMs: number;
  readOnly: boolean;
  /** Every probed endpoint had at least one successful operation. */
  baselineEstablished: boolean;
  writer: EndpointReport;
  reader: ReaderReport | null;
  writes: WritesReport;
}
