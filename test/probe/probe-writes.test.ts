import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProbe } from '../../src/probe/index.js';
import { asRoot, dropDatabase, MARIADB, uniqueDatabase } from './helpers/db.js';
import { startTamperProxy, type TamperProxy } from './helpers/mysql-tamper-proxy.js';

const database = uniqueDatabase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  await dropDatabase(database);
});

describe('write verification and read-only errors', () => {
  let proxy: TamperProxy;
  beforeEach(async () => {
    proxy = await startTamperProxy(MARIADB);
  });
  afterEach(async () => {
    await proxy.close();
  });

  const start = () =>
    startProbe({
      writer: { host: '127.0.0.1', port: proxy.port },
      user: 'root',
      database,
      intervalMs: 50,
      timeoutMs: 500,
    });

  it('when an acknowledged row disappears, then it is counted as lost', async () => {
    const probe = start();
    expect(await probe.waitForBaseline(5000)).toBe(true);
    await sleep(300);
    const [row] = await asRoot<{ seq: number }[]>(
      `SELECT seq FROM \`${database}\`.probe_writes WHERE probe_run_id = ? ORDER BY seq LIMIT 1`,
      [probe.runId],
    );
    expect(row).toBeDefined();
    await asRoot(`DELETE FROM \`${database}\`.probe_writes WHERE probe_run_id = ? AND seq = ?`, [
      probe.runId,
      row?.seq,
    ]);
    const report = await probe.stop();
    expect(report.writes).toMatchObject({ lost: 1, ambiguous: 0, verified: true });
    expect(report.writes.acknowledged).toBe(report.writer.ok);
    expect(report.writer.outages).toEqual([]);
  });

  it('when the replies to committed inserts are lost, then those writes are ambiguous, not lost', async () => {
    const probe = start();
    expect(await probe.waitForBaseline(5000)).toBe(true);
    proxy.mode = 'drop-insert-reply';
    while (proxy.tampered < 3) await sleep(20);
    proxy.mode = 'pass';
    expect(await probe.waitHealthyFor(200, 5000)).toBe(true);
    // the read-back after the window closed already shows them, before the final verification
    await sleep(1000);
    expect(probe.snapshot().writes.ambiguous).toBe(proxy.tampered);
    const report = await probe.stop();
    expect(report.writes).toMatchObject({ lost: 0, ambiguous: proxy.tampered, verified: true });
    expect(report.writer.failed).toBeGreaterThanOrEqual(proxy.tampered);
    const errors = report.writer.outages.flatMap((o) => Object.keys(o.errors));
    expect(errors).toContain('reset');
  });

  it('when the writer answers read-only errors, then the outage is classified read-only and ends when writes succeed again', async () => {
    const probe = start();
    expect(await probe.waitForBaseline(5000)).toBe(true);
    proxy.mode = 'read-only';
    while (proxy.tampered < 5) await sleep(20);
    proxy.mode = 'pass';
    expect(await probe.waitHealthyFor(200, 5000)).toBe(true);
    const report = await probe.stop();
    expect(report.writer.outages).toHaveLength(1);
    expect(report.writer.outages[0]?.errors).toEqual({ 'read-only': report.writer.failed });
    expect(report.writer.outages[0]?.firstError).toMatch(/^1290: .*read-only/);
    expect(report.writes).toMatchObject({ lost: 0, ambiguous: 0, verified: true });
  });
});
