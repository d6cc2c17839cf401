import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { DEFAULT_SIM_BOT_TOKEN, type SlackSim, startSlackSim } from '../../src/sim/slack/index.js';
import { createEngine, type Engine } from '../../src/workflow/engine.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { REDIS_URL, testConfig } from './helpers/front-harness.js';

const prefix = `tc${randomBytes(4).toString('hex')}`;
const env = {
  AURORA_BOT_QUEUE_PREFIX: prefix,
  AURORA_BOT_CONFIG: 'aurora-bot.sim.yaml',
  REDIS_URL,
};
let redis: Redis;
let engine: Engine;
let runId: string;

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  engine = createEngine({
    config: testConfig({}),
    redis,
    redisUrl: REDIS_URL,
    prefix,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
  });
  const run = await engine.createRun({
    clusterAlias: 'staging-db',
    targetClass: 'r6g.large',
    requester: { id: 'U0ALICE', name: 'alice', via: 'slack' },
    dryRun: true,
  });
  runId = run.id;
  await engine.recordEvent(runId, {
    type: 'step.started',
    step: 'preflight',
    title: 'Preflight | checks',
  });
});
afterAll(async () => {
  await engine?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('aurora-bot audit export', () => {
  it('when exported as JSON, then the verification and every entry with its hashes are there', async () => {
    const result = await runCli(['audit', 'export', runId, '--format', 'json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      runId: string;
      verification: { ok: boolean; entries: number };
      entries: { seq: number; hash: string; prevHash: string }[];
    };
    expect(json.runId).toBe(runId);
    expect(json.verification).toEqual({ ok: true, entries: 2 });
    expect(json.entries.map((e) => e.seq)).toEqual([0, 1]);
    expect(json.entries[1]?.prevHash).toBe(json.entries[0]?.hash);
  });

  it('when exported as Markdown, then the verification comes first and each entry is a table row', async () => {
    const result = await runCli(['audit', 'export', runId, '--format', 'md'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`# Audit of run ${runId}`);
    expect(lines[2]).toBe('**✔ hash chain intact: 2 entries verified**');
    expect(result.stdout).toContain('| 1 |');
    expect(result.stdout).toContain('step preflight started: Preflight \\| checks');
  });

  it('when the log was tampered with, then the export says where it breaks and exits 1', async () => {
    const key = `${prefix}:audit:${runId}`;
    const original = await redis.lindex(key, 1);
    if (!original) throw new Error('no entry');
    await redis.lset(key, 1, original.replace('Preflight', 'Postflight'));
    try {
      const result = await runCli(['audit', 'export', runId, '--format', 'md'], { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('hash chain BROKEN at entry #1');
      expect(result.stderr).toContain('BROKEN at entry 1');
    } finally {
      await redis.lset(key, 1, original);
    }
  });

  it('when the run does not exist or the format is unknown, then it is a usage error', async () => {
    const missing = await runCli(['audit', 'export', 'r-nope-0000'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no run r-nope-0000');
    const bad = await runCli(['audit', 'export', runId, '--format', 'xml'], { env });
    expect(bad.code).toBe(2);
  });
});

describe('aurora-bot start', () => {
  let sim: SlackSim;
  beforeAll(async () => {
    sim = await startSlackSim({ port: 0, signingSecret: 'cli-secret' });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('when started as the web role, then it serves Slack and health on one port and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--role', 'web'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        PORT: '0',
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: DEFAULT_SIM_BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'cli-secret',
        SLACK_API_URL: sim.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no port logged:\n${stderr}`)), 30_000);
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const match = /"msg":"Slack front listening"/.test(stderr)
          ? /"port":(\d+)[^\n]*"msg":"Slack front listening"/.exec(stderr)
          : null;
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}:\n${stderr}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    sim.setBotUrl(`http://127.0.0.1:${port}`);
    const answer = await sim.sendCommand({ user: 'U0ALICE', text: 'help' });
    expect(JSON.stringify(answer.body)).toContain('/aurora scaleup');
    expect(sim.calls().some((c) => c.method === 'auth.test' && c.ok)).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).not.toContain(DEFAULT_SIM_BOT_TOKEN);
    expect(stderr).not.toContain('cli-secret');
  });

  it('when Slack cannot be reached for auth.test, then it exits with one clear error', async () => {
    const result = await runCli(['start', '--role', 'web'], {
      env: {
        ...env,
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-nope',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Slack rejected or did not answer auth.test');
    expect(result.stderr).toContain('Check SLACK_BOT_TOKEN');
    expect(result.stderr).not.toContain('xoxb-nope');
  });

  it('when the signing secret is missing, then it is a configuration error naming it', async () => {
    const result = await runCli(['start'], {
      env: { ...env, SLACK_BOT_TOKEN: DEFAULT_SIM_BOT_TOKEN, SLACK_API_URL: sim.apiUrl },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET: required');
  });
});

describe('slack-app-manifest.yaml', () => {
  it('when read, then it declares /aurora and interactivity on /slack/events with the minimal bot scopes', () => {
    const manifest = parse(
      readFileSync(new URL('../../slack-app-manifest.yaml', import.meta.url), 'utf8'),
    ) as {
      _metadata: { major_version: number };
      features: { slash_commands: { command: string; url: string; description: string }[] };
      oauth_config: { scopes: { bot: string[] } };
      settings: {
        interactivity: { is_enabled: boolean; request_url: string };
        socket_mode_enabled: boolean;
      };
    };
    expect(manifest._metadata.major_version).toBe(1);
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe('/aurora');
    expect(command?.url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: command?.url,
    });
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'chat:write',
      'chat:write.public',
      'commands',
      'usergroups:read',
      'users:read',
    ]);
  });
});
