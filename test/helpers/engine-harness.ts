/**
 * A whole engine against the real RDS emulator, real Redis and the local MariaDB behind the
 * emulator's endpoints, with short timings. The SDK finds the emulator through the standard
 * AWS_ENDPOINT_URL_RDS, exactly as it finds AWS in production.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { type Config, loadEnv, parseConfigText } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import {
  MUTATING_ACTIONS,
  type RdsEmulator,
  type RdsEmulatorOptions,
  startRdsEmulator,
} from '../../src/sim/rds/index.js';
import { createEngine, type Engine } from '../../src/workflow/engine.js';
import type { AuditEntry, Run } from '../../src/workflow/types.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export function simConfig(overrides: Record<string, string> = {}): Config {
  let text = readFileSync(new URL('../../aurora-bot.sim.yaml', import.meta.url), 'utf8');
  const replacements: Record<string, string> = {
    'pollInterval: 1s': 'pollInterval: 20ms',
    'greenPollInterval: 2s': 'greenPollInterval: 20ms',
    'settle: 3s': 'settle: 300ms',
    'settle: 2s': 'settle: 300ms',
    'rdsRequestsPerSecond: 10': 'rdsRequestsPerSecond: 100',
    ...overrides,
  };
  for (const [from, to] of Object.entries(replacements)) text = text.replaceAll(from, to);
  const file = parseConfigText(text, 'aurora-bot.sim.yaml', {});
  return { env: loadEnv({}), configPath: 'aurora-bot.sim.yaml', ...file };
}

export function pointSdkAt(url: string): void {
  process.env.AWS_ENDPOINT_URL_RDS = url;
  process.env.AWS_REGION = 'ap-northeast-2';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
}

export interface Harness {
  emulator: RdsEmulator;
  engine: Engine;
  redis: Redis;
  prefix: string;
  config: Config;
  entries: AuditEntry[];
  waitFor(runId: string, predicate: (run: Run) => boolean, timeoutMs?: number): Promise<Run>;
  mutatingCalls(
    action?: string,
  ): { action: string; outcome: string; params: Record<string, string> }[];
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    emulator?: RdsEmulatorOptions;
    configOverrides?: Record<string, string>;
    worker?: boolean;
  } = {},
): Promise<Harness> {
  const emulator = await startRdsEmulator({
    port: 0,
    speed: 5000,
    outageScale: 0.05,
    seed: 7,
    ...options.emulator,
  });
  pointSdkAt(emulator.url);
  const config = simConfig(options.configOverrides);
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const entries: AuditEntry[] = [];
  const engine = createEngine({
    config,
    redis,
    redisUrl: REDIS_URL,
    prefix,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    notifier: { notify: async (_run, entry) => void entries.push(entry) },
    timing: {
      pollMs: 20,
      baselineTimeoutMs: 3000,
      settleMs: 300,
      settleTimeoutMs: 20_000,
      approvalSliceMs: 300,
    },
  });
  if (options.worker !== false)
    engine.startWorker({ concurrency: 10, lockDurationMs: 5000, stalledIntervalMs: 1000 });
  return {
    emulator,
    engine,
    redis,
    prefix,
    config,
    entries,
    async waitFor(runId, predicate, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await engine.getRun(runId);
        if (run && predicate(run)) return run;
        if (Date.now() > deadline) {
          throw new Error(
            `run ${runId} did not reach the expected state; last: ${run?.status} at ${run?.steps[run.cursor]?.name} ${JSON.stringify(run?.error ?? '')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    mutatingCalls(action) {
      const mutating = new Set<string>(MUTATING_ACTIONS);
      return emulator
        .calls()
        .filter((c) => mutating.has(c.action) && (action === undefined || c.action === action));
    },
    async close() {
      await engine.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await emulator.close();
    },
  };
}
