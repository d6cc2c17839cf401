import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/program.js';
import { type FaultProxy, startFaultProxy } from '../../src/net/fault-proxy.js';
import type { ProbeReport } from '../../src/probe/index.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { dropDatabase, MARIADB, uniqueDatabase } from './helpers/db.js';

const database = uniqueDatabase();
const dir = mkdtempSync(join(tmpdir(), 'aurora-probe-cli-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

afterAll(async () => {
  await dropDatabase(database);
});

async function untilConnected(proxy: FaultProxy, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (proxy.stats.accepted === 0) {
    if (Date.now() > deadline) throw new Error('the probe never connected');
    await sleep(20);
  }
}

describe('aurora-bot probe', () => {
  it('when the input is malformed, then it exits 2 with a usage error', async () => {
    // in process, to keep six start-ups of the CLI off a busy machine; the spawned tests below
    // cover how the status reaches the shell
    const base = ['probe', '--user', 'root'];
    const cases = [
      [[...base, '--writer', 'db.example.com'], 'HOST:PORT'],
      [[...base, '--writer', '127.0.0.1:99999'], 'HOST:PORT'],
      [[...base, '--writer', '127.0.0.1:3306', '--duration', 'soon'], 'duration'],
      [
        [...base, '--writer', '127.0.0.1:3306', '--password-env', 'A', '--password', 'b'],
        'one way only',
      ],
      [
        [...base, '--writer', '127.0.0.1:3306', '--password-env', 'AURORA_PROBE_UNSET_X'],
        'AURORA_PROBE_UNSET_X is not set',
      ],
      [['probe', '--writer', '127.0.0.1:3306'], '--user'],
    ] as const;
    for (const [argv, message] of cases) {
      let stderr = '';
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        stderr += String(chunk);
        return true;
      });
      try {
        expect(await run([...argv])).toBe(2);
      } finally {
        spy.mockRestore();
      }
      expect(stderr).toContain(message);
    }
  });

  it('when the password is wrong, then it exits 2 at once with an auth error', async () => {
    const result = await runCli(
      ['probe', '--writer', '127.0.0.1:3306', '--user', 'root', '--password-env', 'PROBE_PW'],
      { env: { PROBE_PW: 'certainly-wrong' } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("rejected user 'root'");
    expect(result.stderr).toContain('1045');
    // no --duration was given: only the error can have ended it
    expect(result.stdout).toBe('');
  });

  it('when the writer never answers, then it exits 1 and the JSON report says no baseline', async () => {
    const proxy = await startFaultProxy({ target: MARIADB });
    await proxy.disrupt('refuse');
    try {
      const result = await runCli([
        'probe',
        '--writer',
        `127.0.0.1:${proxy.port}`,
        '--user',
        'root',
        '--database',
        database,
        '--duration',
        '1s',
        '--json',
      ]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as ProbeReport;
      expect(report.baselineEstablished).toBe(false);
      expect(report.writer.ok).toBe(0);
      expect(report.writer.outages[0]?.errors.refused).toBeGreaterThan(0);
      expect(result.stderr).toContain('No baseline');
    } finally {
      await proxy.close();
    }
  });

  it('when the writer is cut off for a while, then --json reports one outage around the truth and --report keeps the same file', async () => {
    const proxy = await startFaultProxy({ target: MARIADB });
    const reportFile = join(dir, 'report.json');
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, '\n');
    try {
      const cli = runCli([
        'probe',
        '--writer',
        `127.0.0.1:${proxy.port}`,
        '--reader',
        `127.0.0.1:${MARIADB.port}`,
        '--user',
        'root',
        '--password-file',
        passwordFile,
        '--database',
        database,
        '--duration',
        '4s',
        '--json',
        '--report',
        reportFile,
      ]);
      await untilConnected(proxy);
      await sleep(700);
      const down = Date.now();
      await proxy.disrupt('reset');
      await sleep(1200);
      await proxy.restore();
      const truth = Date.now() - down;
      const result = await cli;
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as ProbeReport;
      expect(Object.keys(report).sort()).toEqual(
        [
          'baselineEstablished',
          'endedAt',
          'intervalMs',
          'readOnly',
          'reader',
          'runId',
          'startedAt',
          'timeoutMs',
          'writer',
          'writes',
        ].sort(),
      );
      expect(report.startedAt).toMatch(ISO_MS);
      expect(report.endedAt).toMatch(ISO_MS);
      expect(report.intervalMs).toBe(100);
      expect(Object.keys(report.writer).sort()).toEqual(
        [
          'baselineEstablished',
          'endpoint',
          'failed',
          'latencyAfterMs',
          'latencyBeforeMs',
          'latencyMs',
          'ok',
          'ops',
          'outages',
          'skipped',
          'totalOutageMs',
        ].sort(),
      );
      expect(report.writer.outages).toHaveLength(1);
      const [outage] = report.writer.outages;
      expect(outage?.start).toMatch(ISO_MS);
      expect(outage?.end).toMatch(ISO_MS);
      expect(outage?.lowerMs).toBeLessThanOrEqual(truth);
      expect(outage?.upperMs).toBeGreaterThanOrEqual(truth);
      expect(outage?.errors).toEqual({ reset: outage?.failedOps });
      expect(report.writer.latencyMs.p50).toEqual(expect.any(Number));
      expect(report.reader?.outages).toEqual([]);
      expect(report.reader?.maxLagMs).toEqual(expect.any(Number));
      // An insert in flight when the connection is cut may commit without its reply reaching
      // the client: that is an ambiguous write, legitimately 0 or 1 here, never a lost one.
      expect(report.writes).toMatchObject({ lost: 0, verified: true });
      expect(report.writes.ambiguous).toBeLessThanOrEqual(1);
      expect(report.writes.acknowledged).toBe(report.writer.ok);
      expect(JSON.parse(readFileSync(reportFile, 'utf8'))).toEqual(report);
    } finally {
      await proxy.close();
    }
  });

  it('when interrupted with SIGINT, then it stops, prints the summary and exits 0, having kept --report up to date while running', async () => {
    const proxy = await startFaultProxy({ target: MARIADB });
    const reportFile = join(dir, 'running.json');
    try {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'probe',
          '--writer',
          `127.0.0.1:${proxy.port}`,
          '--user',
          'root',
          '--database',
          database,
          '--report',
          reportFile,
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await untilConnected(proxy);
      // the periodic rewrite, before any signal: a crash would lose at most a few seconds
      while (!existsSync(reportFile)) await sleep(50);
      const partial = JSON.parse(readFileSync(reportFile, 'utf8')) as ProbeReport;
      expect(partial.writes.verified).toBe(false);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toContain('writer 127.0.0.1:');
      expect(stdout).toMatch(/writes: \d+ acknowledged, 0 lost, 0 ambiguous \(verified\)/);
    } finally {
      await proxy.close();
    }
  });
});
