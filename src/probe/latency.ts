import type { LatencyReport } from './types.js';

/** The `p`-th percentile (0–100) of sorted values, nearest-rank; undefined for no values. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50, p99 and max of latencies in ms, rounded to 0.1 ms; nulls when there are none. */
export function summarizeLatency(latenciesMs: readonly number[]): LatencyReport {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10) / 10);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}
