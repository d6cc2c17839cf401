import { describe, expect, it } from 'vitest';
import { findOutages } from '../../src/probe/outage.js';
import type { ErrorClass, Sample } from '../../src/probe/types.js';

const ok = (seq: number, start: number, end = start + 1): Sample => ({ seq, start, end, ok: true });
const fail = (
  seq: number,
  start: number,
  end = start + 1,
  errorClass: ErrorClass = 'refused',
): Sample => ({
  seq,
  start,
  end,
  ok: false,
  errorClass,
  error: `${errorClass} #${seq}`,
});

/** Samples every 100 ms from t=0: 'o' ok, 'r' refused (1 ms), 't' timeout (1000 ms). */
function timeline(pattern: string): Sample[] {
  return [...pattern].map((c, seq) => {
    const start = seq * 100;
    if (c === 'o') return ok(seq, start);
    if (c === 't') return fail(seq, start, start + 1000, 'timeout');
    return fail(seq, start);
  });
}

describe('findOutages', () => {
  const cases: {
    name: string;
    samples: Sample[];
    expected: {
      durationMs: number;
      lowerMs: number;
      upperMs: number | undefined;
      failedOps: number;
    }[];
  }[] = [
    { name: 'no failure', samples: timeline('ooooo'), expected: [] },
    {
      name: 'one refused operation',
      samples: timeline('oro'),
      // T0 in [0, 101], T1 in [100, 201]
      expected: [{ durationMs: 100, lowerMs: 0, upperMs: 201, failedOps: 1 }],
    },
    {
      name: 'ten refused operations',
      samples: timeline('orrrrrrrrrro'),
      expected: [{ durationMs: 1000, lowerMs: 899, upperMs: 1101, failedOps: 10 }],
    },
    {
      name: 'timeouts: every failure ends at its deadline',
      samples: timeline('ottttto'),
      // min(F.end) = 1100 is after max(F.start) = 500, so nothing is proven beyond 0
      expected: [{ durationMs: 500, lowerMs: 0, upperMs: 601, failedOps: 5 }],
    },
    {
      name: 'two windows',
      samples: timeline('orrooorrrro'),
      expected: [
        { durationMs: 200, lowerMs: 99, upperMs: 301, failedOps: 2 },
        { durationMs: 400, lowerMs: 299, upperMs: 501, failedOps: 4 },
      ],
    },
  ];

  it.each(cases)('when $name, then windows and bounds are as derived', ({ samples, expected }) => {
    const windows = findOutages(samples);
    expect(
      windows.map(({ durationMs, lowerMs, upperMs, failedOps }) => ({
        durationMs,
        lowerMs,
        upperMs,
        failedOps,
      })),
    ).toEqual(expected);
  });

  it('when failures of different classes form one window, then each class is counted', () => {
    const samples = [
      ok(0, 0),
      fail(1, 100, 101, 'reset'),
      fail(2, 200, 1200, 'timeout'),
      fail(3, 300, 301, 'refused'),
      fail(4, 400, 401, 'refused'),
      ok(5, 500),
    ];
    const [window] = findOutages(samples);
    expect(window?.errors).toEqual({ reset: 1, timeout: 1, refused: 2 });
    expect(window?.firstError).toBe('reset #1');
    expect(window?.prevOkSeq).toBe(0);
    expect(window?.nextOkSeq).toBe(5);
  });

  it('when the first failure was a kept connection reset under a running operation, then the outage starts within that operation', () => {
    const samples = [
      ok(0, 0),
      { ...fail(1, 100, 103, 'reset'), reused: true },
      fail(2, 200),
      fail(3, 300),
      ok(4, 400),
    ];
    const [window] = findOutages(samples);
    // T0 ≈ 101.5 rather than 50: the connection was alive when operation 1 began
    expect(window?.start).toBe(101.5);
    expect(window?.durationMs).toBe(350 - 101.5);
    expect(window?.upperMs).toBe(401);
  });

  it('when the endpoint fails from the first operation, then the window has no upper bound', () => {
    const [window] = findOutages(timeline('rrro'));
    expect(window).toMatchObject({ beforeBaseline: true, ongoing: false, upperMs: undefined });
    expect(window?.start).toBe(0);
    expect(window?.end).toBe(250);
    expect(window?.durationMs).toBe(250);
  });

  it('when failures continue to the end, then the window is ongoing and lasts until the last failure', () => {
    const [window] = findOutages(timeline('oorrr'));
    expect(window).toMatchObject({ ongoing: true, beforeBaseline: false, end: undefined });
    expect(window?.upperMs).toBeUndefined();
    expect(window?.start).toBe(150);
    expect(window?.durationMs).toBe(401 - 150);
  });

  it('when nothing ever succeeds, then the one window is both before baseline and ongoing', () => {
    const windows = findOutages(timeline('ttt'));
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ beforeBaseline: true, ongoing: true, failedOps: 3 });
  });
});

/** A small deterministic PRNG (mulberry32) so the simulation is reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulates a probe ticking every 100 ms (with up to 15 ms of timer lateness and 1–5 ms of
 * latency) through an outage [t0, t1): operations whose round trip overlaps it fail, refused at
 * once or, black-holed, at their deadline or when the outage ends.
 */
function simulate(random: () => number, mode: 'refuse' | 'blackhole') {
  const t0 = 1000 + random() * 500;
  // why: at least 115 ms, the longest gap between ticks, so every outage is seen at all
  const t1 = t0 + 120 + random() * 12_000;
  const samples: Sample[] = [];
  for (let seq = 0; seq * 100 < t1 + 1000; seq += 1) {
    const start = seq * 100 + random() * 15;
    const latency = 1 + random() * 4;
    if (start + latency < t0 || start >= t1) samples.push(ok(seq, start, start + latency));
    // caught in flight on the kept connection when the outage began
    else if (start < t0) samples.push({ ...fail(seq, start, t0, 'reset'), reused: true });
    else if (mode === 'refuse') samples.push(fail(seq, start, start + latency / 2));
    else samples.push(fail(seq, start, Math.min(start + 1000, t1 + 0.5), 'timeout'));
  }
  return { truth: t1 - t0, samples };
}

describe('findOutages on simulated outages', () => {
  for (const mode of ['refuse', 'blackhole'] as const) {
    it(`when ${mode} outages of random length and phase are sampled, then the truth is always within the bounds and the estimate within one interval`, () => {
      const random = rng(mode === 'refuse' ? 7 : 11);
      for (let run = 0; run < 2000; run += 1) {
        const { truth, samples } = simulate(random, mode);
        const windows = findOutages(samples);
        expect(windows).toHaveLength(1);
        const [w] = windows;
        if (!w || w.upperMs === undefined) throw new Error('expected a closed window');
        expect(w.lowerMs).toBeLessThanOrEqual(truth);
        expect(w.upperMs).toBeGreaterThanOrEqual(truth);
        // one interval, plus the simulated timer lateness and latency at the two edges
        expect(Math.abs(w.durationMs - truth)).toBeLessThanOrEqual(100 + 15 + 5);
      }
    });
  }
});
