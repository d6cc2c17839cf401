import { afterAll, describe, expect, it } from 'vitest';
import { type OutageMode, startFaultProxy } from '../../src/net/fault-proxy.js';
import { startProbe } from '../../src/probe/index.js';
import { dropDatabase, MARIADB, uniqueDatabase } from './helpers/db.js';

const database = uniqueDatabase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  await dropDatabase(database);
});

/** Probes through a fault proxy, takes it down for `outageMs`, and returns truth and report. */
async function measure(mode: OutageMode, outageMs: number, timeoutMs: number) {
  const proxy = await startFaultProxy({ target: MARIADB });
  const probe = startProbe({
    writer: { host: '127.0.0.1', port: proxy.port },
    user: 'root',
    database,
    intervalMs: 100,
    timeoutMs,
  });
  try {
    expect(await probe.waitForBaseline(5000)).toBe(true);
    await sleep(300);
    const acceptedBefore = proxy.stats.accepted;
    const down = Date.now();
    await proxy.disrupt(mode);
    await sleep(outageMs);
    await proxy.restore();
    const truth = Date.now() - down;
    const recovered = await probe.waitHealthyFor(300, 5000);
    const report = await probe.stop();
    return { truth, recovered, report, reconnects: proxy.stats.accepted - acceptedBefore };
  } finally {
    await probe.stop();
    await proxy.close();
  }
}

describe('probe through a fault proxy', () => {
  it.each([
    ['refuse', 'refused'],
    ['reset', 'reset'],
  ] as const)(
    'when the writer is cut off in %s mode, then one outage whose bounds hold the truth is reported, classified %s, and the probe recovers',
    async (mode, errorClass) => {
      const { truth, recovered, report, reconnects } = await measure(mode, 1500, 1000);
      expect(recovered).toBe(true);
      expect(report.baselineEstablished).toBe(true);
      expect(report.writer.outages).toHaveLength(1);
      const [outage] = report.writer.outages;
      expect(outage?.lowerMs).toBeLessThanOrEqual(truth);
      expect(outage?.upperMs).toBeGreaterThanOrEqual(truth);
      expect(outage?.durationMs).toBeGreaterThanOrEqual(outage?.lowerMs ?? Number.NaN);
      expect(outage?.durationMs).toBeLessThanOrEqual(outage?.upperMs ?? Number.NaN);
      expect(Object.keys(outage?.errors ?? {})).toEqual([errorClass]);
      expect(outage?.ongoing).toBe(false);
      // the dropped connection was replaced by a fresh one after the outage
      expect(reconnects).toBeGreaterThanOrEqual(1);
      expect(report.writes).toMatchObject({ lost: 0, ambiguous: 0, verified: true });
      expect(report.writes.acknowledged).toBe(report.writer.ok);
    },
  );

  it('when the writer is black-holed, then hung operations time out without delaying the next ones, and the bounds hold the truth', async () => {
    const timeoutMs = 400;
    const { truth, recovered, report } = await measure('blackhole', 1500, timeoutMs);
    expect(recovered).toBe(true);
    expect(report.writer.outages).toHaveLength(1);
    const [outage] = report.writer.outages;
    expect(outage?.lowerMs).toBeLessThanOrEqual(truth);
    expect(outage?.upperMs).toBeGreaterThanOrEqual(truth);
    expect(outage?.errors.timeout).toBeGreaterThan(0);
    // one operation at a time could fail at most truth / timeout + 2 times
    expect(outage?.failedOps).toBeGreaterThan(Math.ceil(truth / timeoutMs) + 2);
    expect(report.writes).toMatchObject({ lost: 0, verified: true });
  });

  it('when operations hang, then the endpoint stops counting as healthy before their deadline', async () => {
    const proxy = await startFaultProxy({ target: MARIADB });
    const probe = startProbe({
      writer: { host: '127.0.0.1', port: proxy.port },
      user: 'root',
      database,
      timeoutMs: 2000,
    });
    try {
      expect(await probe.waitHealthyFor(300, 5000)).toBe(true);
      await proxy.disrupt('blackhole');
      await sleep(800);
      // no operation has timed out yet (the deadline is 2 s), but none has answered for 800 ms
      const classes = probe.snapshot().writer.outages.flatMap((o) => Object.keys(o.errors));
      expect(classes).not.toContain('timeout');
      expect(probe.healthyForMs()).toBe(0);
      await proxy.restore();
      expect(await probe.waitHealthyFor(300, 5000)).toBe(true);
      const report = await probe.stop();
      expect(report.writer.outages).toHaveLength(1);
      expect(report.writer.outages[0]?.ongoing).toBe(false);
    } finally {
      await probe.stop();
      await proxy.close();
    }
  });

  it('when the endpoint is unreachable from the start, then the probe keeps trying and reports no baseline', async () => {
    const proxy = await startFaultProxy({ target: MARIADB });
    await proxy.disrupt('refuse');
    const probe = startProbe({
      writer: { host: '127.0.0.1', port: proxy.port },
      user: 'root',
      database,
      timeoutMs: 300,
    });
    try {
      expect(await probe.waitForBaseline(600)).toBe(false);
      expect(probe.healthyForMs()).toBe(0);
      const early = probe.snapshot();
      expect(early.baselineEstablished).toBe(false);
      expect(early.writer.outages[0]).toMatchObject({
        beforeBaseline: true,
        ongoing: true,
        upperMs: null,
      });
      await proxy.restore();
      expect(await probe.waitForBaseline(3000)).toBe(true);
      const report = await probe.stop();
      expect(report.baselineEstablished).toBe(true);
      expect(report.writer.outages[0]?.beforeBaseline).toBe(true);
    } finally {
      await probe.stop();
      await proxy.close();
    }
  });
});
