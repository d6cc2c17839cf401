import { describe, expect, it } from 'vitest';
import { type AckedWrite, insertAcked, replicaLagMs } from '../../src/probe/lag.js';
import { percentile, summarizeLatency } from '../../src/probe/latency.js';
import { endpointReport, readerReport } from '../../src/probe/report.js';
import { formatProbeSummary } from '../../src/probe/summary.js';
import type { ProbeReport, Sample } from '../../src/probe/types.js';
import { tallyWrites } from '../../src/probe/writes.js';

const T = Date.parse('2026-11-26T10:00:00.000Z');
const ok = (seq: number, latency = 2): Sample => ({
  seq,
  start: T + seq * 100,
  end: T + seq * 100 + latency,
  ok: true,
});
const fail = (seq: number): Sample => ({
  seq,
  start: T + seq * 100,
  end: T + seq * 100 + 1,
  ok: false,
  errorClass: 'refused',
  error: 'connect ECONNREFUSED',
});

describe('latency', () => {
  it('when percentiles are taken, then they use the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([], 50)).toBeUndefined();
    expect(summarizeLatency([3, 1, 2])).toEqual({ p50: 2, p99: 3, max: 3 });
    expect(summarizeLatency([])).toEqual({ p50: null, p99: null, max: null });
  });
});

describe('replicaLagMs', () => {
  const acked: AckedWrite[] = [];
  for (const seq of [0, 1, 3, 2, 4])
    insertAcked(acked, { seq, sentAt: seq * 100, ackedAt: seq * 100 + 5 });

  it('when acknowledgements arrive out of order, then they are kept sorted by seq', () => {
    expect(acked.map((a) => a.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    { visible: 4, readStart: 450, lag: 0, why: 'the reader saw everything' },
    { visible: 2, readStart: 450, lag: 150, why: 'seq 3, sent at 300, is missing' },
    { visible: undefined, readStart: 450, lag: 450, why: 'nothing is visible' },
    { visible: 3, readStart: 402, lag: 0, why: 'seq 4 was not acknowledged before the read began' },
  ])('when $why, then the lag is $lag ms', ({ visible, readStart, lag }) => {
    expect(replicaLagMs(acked, visible, readStart)).toBe(lag);
  });
});

describe('tallyWrites', () => {
  it('when rows are read back, then lost and ambiguous writes are counted', () => {
    const samples = [ok(0), ok(1), fail(2), fail(3), ok(4), undefined];
    const present = new Map([
      [0, true],
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(tallyWrites(samples, present)).toEqual({ acknowledged: 3, lost: 1, ambiguous: 1 });
  });
});

describe('endpointReport', () => {
  it('when an outage sits between successes, then the report has ISO times, bounds and latency before and after', () => {
    const samples = [ok(0, 2), ok(1, 4), fail(2), fail(3), ok(4, 10), ok(5, 12)];
    const report = endpointReport('db:3306', samples, 0);
    expect(report).toMatchObject({
      endpoint: 'db:3306',
      baselineEstablished: true,
      ops: 6,
      ok: 4,
      failed: 2,
      totalOutageMs: 200,
      latencyBeforeMs: { p50: 2, max: 4 },
      latencyAfterMs: { p50: 10, max: 12 },
    });
    expect(report.outages).toEqual([
      {
        start: '2026-11-26T10:00:00.150Z',
        end: '2026-11-26T10:00:00.350Z',
        durationMs: 200,
        lowerMs: 99,
        upperMs: 310,
        failedOps: 2,
        errors: { refused: 2 },
        firstError: 'connect ECONNREFUSED',
        ongoing: false,
        beforeBaseline: false,
      },
    ]);
  });

  it('when the reader measured lag, then the worst one is reported', () => {
    const samples = [{ ...ok(0), lagMs: 3 }, { ...ok(1), lagMs: 40.4 }, undefined];
    expect(readerReport('r:3306', samples, 0, true).maxLagMs).toBe(40);
    expect(readerReport('r:3306', samples, 0, false).maxLagMs).toBeNull();
  });
});

describe('formatProbeSummary', () => {
  const writer = endpointReport('db:3306', [ok(0), fail(1), fail(2), ok(3)], 0);
  const report: ProbeReport = {
    runId: 'run-1',
    startedAt: '2026-11-26T10:00:00.000Z',
    endedAt: '2026-11-26T10:01:00.000Z',
    intervalMs: 100,
    timeoutMs: 1000,
    readOnly: false,
    baselineEstablished: true,
    writer,
    reader: null,
    writes: { acknowledged: 2, lost: 1, ambiguous: 1, verified: true },
  };

  it('when a report has an outage and bad writes, then the summary says so in words', () => {
    const text = formatProbeSummary(report);
    expect(text).toContain('writer db:3306: 4 operations, 2 ok, 2 failed');
    expect(text).toContain(
      'outage 1: 10:00:00.050 → 10:00:00.250, about 200 ms (between 99 ms and 302 ms)',
    );
    expect(text).toContain('refused 2');
    expect(text).toContain('writes: 2 acknowledged, 1 lost, 1 ambiguous (verified)');
    expect(text).toContain('LOST WRITES');
  });

  it('when an endpoint never answered, then the summary says there is no baseline', () => {
    const dead = endpointReport('db:3306', [fail(0), fail(1)], 0);
    const text = formatProbeSummary({ ...report, baselineEstablished: false, writer: dead });
    expect(text).toContain('NO BASELINE');
    expect(text).toContain('connect ECONNREFUSED');
  });
});
