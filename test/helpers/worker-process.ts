/**
 * An engine worker in its own process, for crash tests: `node --import tsx worker-process.ts`.
 * It builds the same engine as the test harness (same Redis prefix, configuration and timings)
 * and finds the emulator through AWS_ENDPOINT_URL_RDS in its environment.
 *
 * Environment:
 * - REDIS_URL, AURORA_TEST_PREFIX: where the runs live;
 * - AURORA_TEST_CONFIG_OVERRIDES: JSON object of text replacements for `simConfig`;
 * - AURORA_TEST_KILL_FILE: a JSON array of crash triggers, read each time one could fire (so
 *   the test can hand the remaining ones to a process that is already running). On the first
 *   trigger that fires, the process writes `KILLED <trigger>` on stdout and SIGKILLs itself. A
 *   trigger is `mutate:<Action>` (right after AWS accepted that call, before the step could
 *   record it) or `event:<type>[:<step>]` (right after that audit entry was stored), optionally
 *   followed by `+<ms>` to die that much later.
 */
import { readFileSync, writeSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createRdsBudget } from '../../src/aws/rds-budget.js';
import {
  createRdsGateway,
  type RdsGateway,
  type SendableCommand,
} from '../../src/aws/rds-gateway.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createEngine } from '../../src/workflow/engine.js';
import type { AuditEntry } from '../../src/workflow/types.js';
import { FAST_TIMING, simConfig } from './engine-harness.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.AURORA_TEST_PREFIX ?? '';
if (!prefix) throw new Error('AURORA_TEST_PREFIX is required');
const overrides = JSON.parse(process.env.AURORA_TEST_CONFIG_OVERRIDES ?? '{}') as Record<
  string,
  string
>;
const killFile = process.env.AURORA_TEST_KILL_FILE;
let dying = false;

function fire(what: string): void {
  if (dying || !killFile) return;
  const triggers = JSON.parse(readFileSync(killFile, 'utf8')) as string[];
  const trigger = triggers.find((t) => t.split('+')[0] === what);
  if (trigger === undefined) return;
  dying = true;
  const die = () => {
    writeSync(1, `KILLED ${trigger}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
  const delayMs = Number(trigger.split('+')[1] ?? 0);
  if (delayMs > 0) setTimeout(die, delayMs);
  else die();
}

function eventKeys(entry: AuditEntry): string[] {
  const e = entry.event;
  const step = 'step' in e ? e.step : e.type === 'gate.opened' ? e.gate.step : undefined;
  return step ? [`event:${e.type}`, `event:${e.type}:${step}`] : [`event:${e.type}`];
}

const config = simConfig(overrides);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
redis.on('error', () => {});
const metrics = createMetrics();
const gateways = new Map<string, RdsGateway>();

const engine = createEngine({
  config,
  redis,
  redisUrl,
  prefix,
  logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
  metrics,
  timing: FAST_TIMING,
  notifier: {
    async notify(_run, entry) {
      for (const key of eventKeys(entry)) fire(key);
    },
  },
  rdsFor(region) {
    let gateway = gateways.get(region);
    if (!gateway) {
      const real = createRdsGateway({
        region,
        metrics,
        budget: createRdsBudget({
          redis,
          prefix,
          region,
          requestsPerSecond: config.defaults.rdsRequestsPerSecond,
        }),
      });
      gateway = {
        ...real,
        async mutate<T>(action: string, command: SendableCommand) {
          const result = await real.mutate<T>(action, command);
          fire(`mutate:${action}`);
          return result;
        },
      };
      gateways.set(region, gateway);
    }
    return gateway;
  },
});
engine.startWorker({ concurrency: 10, lockDurationMs: 1000, stalledIntervalMs: 500 });
writeSync(1, 'READY\n');

process.once('SIGTERM', () => {
  void engine.close().finally(() => {
    redis.disconnect();
    process.exit(0);
  });
});
