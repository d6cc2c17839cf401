/** Builds the stable JSON report from samples, without I/O. */
import { summarizeLatency } from './latency.js';
import { findOutages, type OutageWindow } from './outage.js';
import type { EndpointReport, OutageReport, ReaderReport, Sample } from './types.js';

/** ISO-8601 with milliseconds, UTC. */
export const toIsoTimestamp = (ms: number): string => new Date(Math.round(ms)).toISOString();
const iso = toIsoTimestamp;
const round = (ms: number) => Math.round(ms);

function outageReport(window: OutageWindow): OutageReport {
  return {
    start: iso(window.start),
    end: window.end === undefined ? null : iso(window.end),
    durationMs: round(window.durationMs),
    lowerMs: Math.floor(window.lowerMs),
    upperMs: window.upperMs === undefined ? null : Math.ceil(window.upperMs),
    failedOps: window.failedOps,
    errors: window.errors,
    firstError: window.firstError,
    ongoing: window.ongoing,
    beforeBaseline: window.beforeBaseline,
  };
}

const latencies = (samples: readonly Sample[], keep: (s: Sample) => boolean) =>
  samples.filter((s) => s.ok && keep(s)).map((s) => s.end - s.start);

/** The report of one endpoint from its finished operations (`samples` by seq, holes allowed). */
export function endpointReport(
  endpoint: string,
  bySeq: readonly (Sample | undefined)[],
  skipped: number,
): EndpointReport {
  const samples = bySeq.filter((s): s is Sample => s !== undefined);
  const windows = findOutages(samples);
  const ok = samples.filter((s) => s.ok).length;
  const first = windows[0];
  const last = windows[windows.length - 1];
  return {
    endpoint,
    baselineEstablished: ok > 0,
    ops: samples.length,
    ok,
    failed: samples.length - ok,
    skipped,
    outages: windows.map(outageReport),
    totalOutageMs: round(windows.reduce((sum, w) => sum + w.durationMs, 0)),
    latencyMs: summarizeLatency(latencies(samples, () => true)),
    latencyBeforeMs: first
      ? summarizeLatency(latencies(samples, (s) => s.seq <= (first.prevOkSeq ?? -1)))
      : null,
    latencyAfterMs:
      last && last.nextOkSeq !== undefined
        ? summarizeLatency(latencies(samples, (s) => s.seq >= (last.nextOkSeq as number)))
        : null,
  };
}

/** The reader's report: the endpoint report plus the worst replica lag (null when not measured). */
export function readerReport(
  endpoint: string,
  bySeq: readonly (Sample | undefined)[],
  skipped: number,
  measuresLag: boolean,
): ReaderReport {
  let maxLagMs: number | null = null;
  if (measuresLag) {
    for (const s of bySeq) {
      if (s?.lagMs !== undefined) maxLagMs = Math.max(maxLagMs ?? 0, Math.round(s.lagMs));
    }
  }
  return { ...endpointReport(endpoint, bySeq, skipped), maxLagMs };
}
