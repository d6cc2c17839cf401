/** Request rates from the emulator's call log (wall-clock arrival times). */
import type { CallLogEntry } from '../../src/sim/rds/index.js';
import { round } from './stats.js';

export interface CallRate {
  total: number;
  /** Seconds from the first to the last request. */
  spanS: number;
  /** Requests in each whole wall-clock second (the windows the bot's budget counts in). */
  perSecond: number[];
  peak: number;
  /** total / spanS. */
  mean: number;
  /** Most requests in any 1000 ms interval, aligned or not (up to twice the budget is legal). */
  slidingPeak: number;
  byAction: Record<string, number>;
  byOutcome: Record<string, number>;
}

export function callRate(calls: readonly CallLogEntry[]): CallRate {
  const times = calls.map((c) => Date.parse(c.time)).sort((a, b) => a - b);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  const perSecond: number[] = [];
  for (const t of times) {
    const i = Math.floor(t / 1000) - Math.floor(first / 1000);
    perSecond[i] = (perSecond[i] ?? 0) + 1;
  }
  for (let i = 0; i < perSecond.length; i += 1) perSecond[i] ??= 0;
  let slidingPeak = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi += 1) {
    while ((times[hi] ?? 0) - (times[lo] ?? 0) >= 1000) lo += 1;
    slidingPeak = Math.max(slidingPeak, hi - lo + 1);
  }
  const count = (key: (c: CallLogEntry) => string) =>
    calls.reduce<Record<string, number>>((acc, c) => {
      acc[key(c)] = (acc[key(c)] ?? 0) + 1;
      return acc;
    }, {});
  const spanS = (last - first) / 1000;
  return {
    total: calls.length,
    spanS: round(spanS, 1),
    perSecond,
    peak: Math.max(0, ...perSecond),
    mean: spanS > 0 ? round(calls.length / spanS, 2) : calls.length,
    slidingPeak,
    byAction: count((c) => c.action),
    byOutcome: count((c) => c.outcome),
  };
}
