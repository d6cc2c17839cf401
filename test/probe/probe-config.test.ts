import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { startFaultProxy } from '../../src/net/fault-proxy.js';
import { startProbe } from '../../src/probe/index.js';
import { asRoot, dropDatabase, MARIADB, uniqueDatabase } from './helpers/db.js';

const database = uniqueDatabase();
const limitedUser = `probe_sel_${randomBytes(3).toString('hex')}`;
const limitedPassword = randomBytes(8).toString('hex');

beforeAll(async () => {
  // a user that may read the probe table but not write it
  await asRoot(`CREATE DATABASE \`${database}\``);
  await asRoot(
    `CREATE TABLE \`${database}\`.probe_writes (probe_run_id VARCHAR(64) NOT NULL, seq BIGINT UNSIGNED NOT NULL, sent_at BIGINT NOT NULL, PRIMARY KEY (probe_run_id, seq))`,
  );
  await asRoot(`CREATE USER '${limitedUser}'@'%' IDENTIFIED BY '${limitedPassword}'`);
  await asRoot(`GRANT SELECT ON \`${database}\`.* TO '${limitedUser}'@'%'`);
});

afterAll(async () => {
  await asRoot(`DROP USER IF EXISTS '${limitedUser}'@'%'`);
  await dropDatabase(database);
});

describe('probe configuration errors', () => {
  it('when the password is wrong, then fatal rejects with probe_auth at once and sampling stops', async () => {
    const probe = startProbe({
      writer: MARIADB,
      user: limitedUser,
      password: 'wrong',
      database,
    });
    const error = await probe.fatal.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('probe_auth');
    expect((error as AppError).message).toContain(limitedUser);
    expect(await probe.waitForBaseline(200)).toBe(false);
    const report = await probe.stop();
    const ops = report.writer.ops;
    await new Promise((r) => setTimeout(r, 300));
    expect(probe.snapshot().writer.ops).toBe(ops);
    expect(report.writer.outages[0]?.errors).toMatchObject({ auth: expect.any(Number) });
  });

  it('when the user may not insert, then fatal names the INSERT privilege and suggests --read-only', async () => {
    const probe = startProbe({
      writer: MARIADB,
      user: limitedUser,
      password: limitedPassword,
      database,
    });
    const error = (await probe.fatal.catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('probe_privileges');
    expect(error.message).toContain('INSERT');
    expect(error.hint).toContain('--read-only');
    await probe.stop();
  });

  it('when the same user probes read-only, then SELECT 1 establishes a baseline and no write is checked', async () => {
    const probe = startProbe({
      writer: MARIADB,
      reader: MARIADB,
      user: limitedUser,
      password: limitedPassword,
      database,
      readOnly: true,
    });
    expect(await probe.waitForBaseline(5000)).toBe(true);
    const report = await probe.stop();
    expect(report).toMatchObject({ readOnly: true, baselineEstablished: true });
    expect(report.writes).toEqual({ acknowledged: 0, lost: 0, ambiguous: 0, verified: false });
    expect(report.reader?.maxLagMs).toBeNull();
  });

  it('when options are invalid, then startProbe throws a user error', () => {
    expect(() => startProbe({ writer: MARIADB, user: 'root', intervalMs: 0 })).toThrow(
      /intervalMs/,
    );
  });
});

describe('reader loop', () => {
  it('when only the reader is cut off, then the reader reports the outage and lag while the writer stays clean', async () => {
    const proxy = await startFaultProxy({ target: MARIADB });
    const probe = startProbe({
      writer: MARIADB,
      reader: { host: '127.0.0.1', port: proxy.port },
      user: 'root',
      database,
      timeoutMs: 500,
    });
    try {
      expect(await probe.waitForBaseline(5000)).toBe(true);
      const down = Date.now();
      await proxy.disrupt('reset');
      await new Promise((r) => setTimeout(r, 800));
      await proxy.restore();
      const truth = Date.now() - down;
      expect(await probe.waitHealthyFor(300, 5000)).toBe(true);
      const report = await probe.stop();
      expect(report.writer.outages).toEqual([]);
      expect(report.reader?.outages).toHaveLength(1);
      expect(report.reader?.outages[0]?.lowerMs).toBeLessThanOrEqual(truth);
      expect(report.reader?.outages[0]?.upperMs).toBeGreaterThanOrEqual(truth);
      expect(report.reader?.maxLagMs).toEqual(expect.any(Number));
      expect(report.writes).toMatchObject({ lost: 0, verified: true });
    } finally {
      await probe.stop();
      await proxy.close();
    }
  });
});
