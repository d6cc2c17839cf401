/**
 * Outage windows from samples, without I/O. A window is a maximal run of failed operations in
 * start order. Its bounds rest on what each operation proves:
 *
 * - a success proves the endpoint served it at some instant within its [start, end];
 * - a failure proves the endpoint was unavailable at some instant within its [start, end]
 *   (for a timeout, `end` is the deadline);
 * - the unavailability is one interval [T0, T1]; a success that started before the window's first
 *   failure was served before T0, one that started after its last failure was served after T1.
 *
 * With P the last success before the window, N the first success after it and F its failures:
 *   P.start ≤ T0 ≤ min(F.end)   and   max(F.start) ≤ T1 ≤ N.end, hence
 *   lowerMs = max(F.start) − min(F.end)   ≤   T1 − T0   ≤   N.end − P.start = upperMs.
 * The point estimate puts each edge midway between the neighbouring starts,
 *   T0 ≈ (P.start + F₁.start) / 2,   T1 ≈ (Fₖ.start + N.start) / 2,
 * because a connect or query fails or succeeds right at its start when the network answers at
 * all; each edge is then off by at most half an interval plus one round trip. One exception:
 * when F₁ ran on a connection that was alive when it began and was reset under it, the outage
 * began during F₁ (servers and proxies drop connections as they go down), so T0 ≈ F₁'s midpoint.
 * Without it, an operation caught in flight would add half an interval to the estimate.
 */
import type { ErrorClass, Sample } from './types.js';

export interface OutageWindow {
  /** Estimated edges, ms since the epoch; `end` is undefined while ongoing. */
  start: number;
  end: number | undefined;
  durationMs: number;
  lowerMs: number;
  upperMs: number | undefined;
  failedOps: number;
  errors: Partial<Record<ErrorClass, number>>;
  firstError: string;
  ongoing: boolean;
  beforeBaseline: boolean;
  /** `seq` of the surrounding successes, when there are any. */
  prevOkSeq: number | undefined;
  nextOkSeq: number | undefined;
}

function closeWindow(
  failed: readonly Sample[],
  prev: Sample | undefined,
  next: Sample | undefined,
): OutageWindow {
  const first = failed[0] as Sample;
  const last = failed[failed.length - 1] as Sample;
  const errors: Partial<Record<ErrorClass, number>> = {};
  let minEnd = Number.POSITIVE_INFINITY;
  let maxStart = Number.NEGATIVE_INFINITY;
  for (const f of failed) {
    const cls = f.errorClass ?? 'other';
    errors[cls] = (errors[cls] ?? 0) + 1;
    minEnd = Math.min(minEnd, f.end);
    maxStart = Math.max(maxStart, f.start);
  }
  const lowerMs = Math.max(0, maxStart - minEnd);
  const upperMs = prev && next ? next.end - prev.start : undefined;
  const caughtInFlight = first.reused === true && first.errorClass === 'reset';
  const start = caughtInFlight
    ? (first.start + first.end) / 2
    : prev
      ? (prev.start + first.start) / 2
      : first.start;
  // why: while ongoing the last evidence of failure is the best end we have
  const end = next ? (last.start + next.start) / 2 : undefined;
  const raw = (end ?? Math.max(last.end, last.start)) - start;
  const durationMs = Math.min(Math.max(raw, lowerMs), upperMs ?? Number.POSITIVE_INFINITY);
  return {
    start,
    end,
    durationMs,
    lowerMs,
    upperMs,
    failedOps: failed.length,
    errors,
    firstError: first.error ?? first.errorClass ?? 'other',
    ongoing: next === undefined,
    beforeBaseline: prev === undefined,
    prevOkSeq: prev?.seq,
    nextOkSeq: next?.seq,
  };
}

/** Outage windows of one endpoint; `samples` must be finished operations sorted by `seq`. */
export function findOutages(samples: readonly Sample[]): OutageWindow[] {
  const windows: OutageWindow[] = [];
  let prev: Sample | undefined;
  let failed: Sample[] = [];
  for (const sample of samples) {
    if (!sample.ok) {
      failed.push(sample);
      continue;
    }
    if (failed.length > 0) windows.push(closeWindow(failed, prev, sample));
    failed = [];
    prev = sample;
  }
  if (failed.length > 0) windows.push(closeWindow(failed, prev, undefined));
  return windows;
}
