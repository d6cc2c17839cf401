import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATING_ACTIONS, type RdsEmulator, startRdsEmulator } from '../../src/sim/rds/index.js';
import { runCli } from '../helpers/cli.js';
import { REDIS_URL } from '../helpers/engine-harness.js';

interface Summary {
  runId: string;
  status: string;
  strategy: string;
  steps: { name: string; status: string; start: string | null; durationMs: number | null }[];
  outages: Record<string, { writer: { outages: unknown[]; totalOutageMs: number } }>;
  mutations: { action: string; requestId: string }[];
  plan?: { steps: { name: string }[] };
}

describe('npx aurora-bot scaleup against the emulator', { timeout: 90_000 }, () => {
  let emulator: RdsEmulator;
  const prefix = `tcli${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let env: Record<string, string>;

  beforeAll(async () => {
    // why: aurora-bot.sim.yaml polls every second; at this speed every wait is one poll.
    emulator = await startRdsEmulator({ port: 0, speed: 20_000, outageScale: 0.05, seed: 11 });
    env = {
      AWS_ENDPOINT_URL_RDS: emulator.url,
      AWS_REGION: 'ap-northeast-2',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      REDIS_URL,
      AURORA_BOT_QUEUE_PREFIX: prefix,
    };
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await emulator.close();
  });

  it('when run with --yes, then the blue/green scale-up completes and prints a JSON summary with the measured switchover', async () => {
    const result = await runCli(
      ['scaleup', 'prod-db', 'r6g.2xlarge', '--yes', '--config', 'aurora-bot.sim.yaml'],
      { env, timeoutMs: 80_000 },
    );
    expect(result.stderr).toContain('pre-approved with --yes');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.runId).toMatch(/^r-/);
    expect(summary.status).toBe('succeeded');
    expect(summary.strategy).toBe('bluegreen');
    expect(summary.steps).toHaveLength(11);
    for (const step of summary.steps) {
      expect(step.status, step.name).toBe('done');
      expect(step.durationMs, step.name).toBeGreaterThanOrEqual(0);
    }
    const switchover = summary.outages.switchover;
    expect(switchover?.writer.outages.length).toBeGreaterThanOrEqual(1);
    expect(switchover?.writer.totalOutageMs).toBeGreaterThan(0);
    expect(summary.outages['reboot-writer']).toBeDefined();

    const mutating = new Set(MUTATING_ACTIONS);
    const accepted = emulator.calls().filter((c) => mutating.has(c.action) && c.outcome === 'ok');
    expect(summary.mutations.map((m) => [m.action, m.requestId])).toEqual(
      accepted.map((c) => [c.action, c.requestId]),
    );
    expect(accepted.filter((c) => c.action === 'CreateBlueGreenDeployment')).toHaveLength(1);
    expect(accepted.filter((c) => c.action === 'SwitchoverBlueGreenDeployment')).toHaveLength(1);
    expect(accepted.filter((c) => c.action === 'RebootDBInstance')).toHaveLength(1);
  });

  it('when run with --dry-run, then it exits 0 with the plan and changes nothing', async () => {
    const before = emulator.calls().length;
    const result = await runCli(
      [
        'scaleup',
        'prod-db',
        'r6g.4xlarge',
        '--dry-run',
        '--strategy',
        'failover',
        '--config',
        'aurora-bot.sim.yaml',
      ],
      { env, timeoutMs: 30_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('plan for prod-db (db.r6g.2xlarge → db.r6g.4xlarge, failover');
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.status).toBe('succeeded');
    expect(summary.plan?.steps.map((s) => s.name)).toEqual([
      'preflight',
      'add-reader',
      'failover',
      'finish-old-writer',
    ]);
    const mutating = new Set(MUTATING_ACTIONS);
    expect(
      emulator
        .calls()
        .slice(before)
        .filter((c) => mutating.has(c.action)),
    ).toEqual([]);
  });

  it('when the cluster is unknown, then it exits 2 naming the known clusters', async () => {
    const result = await runCli(
      ['scaleup', 'nope-db', 'r6g.2xlarge', '--yes', '--config', 'aurora-bot.sim.yaml'],
      { env, timeoutMs: 20_000 },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown cluster "nope-db".*prod-db, staging-db/);
  });
});
