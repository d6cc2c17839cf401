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
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { createRedis } from '../../src/redis.js';
import {
  type FaultSpec,
  loadWorld,
  MUTATING_ACTIONS,
  type RdsEmulator,
  type RdsEmulatorOptions,
  type ResolvedWorld,
  startRdsEmulator,
  type World,
} from '../../src/sim/rds/index.js';
import {
  createEngine,
  type DecideResult,
  type Engine,
  type WorkerOptions,
} from '../../src/workflow/engine.js';
import type { EngineTiming } from '../../src/workflow/engine-env.js';
import type { Actor, AuditEntry, DecisionKind, Run, StepName } from '../../src/workflow/types.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Timings every harness engine (and the crash tests' worker processes) use. */
export const FAST_TIMING: EngineTiming = {
  pollMs: 20,
  baselineTimeoutMs: 3000,
  settleMs: 300,
  settleTimeoutMs: 20_000,
  approvalSliceMs: 300,
  probedStepTimeoutMs: 120_000,
};

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

/**
 * The emulator's default world with some durations (ms at speed 1, divided by the speed),
 * outage profiles (ms, multiplied by the outage scale) or initial faults changed.
 */
export function worldWith(changes: {
  durations?: Partial<ResolvedWorld['durations']>;
  outages?: Partial<ResolvedWorld['outages']>;
  faults?: FaultSpec;
}): World {
  const world = loadWorld(undefined);
  return {
    ...world,
    durations: { ...world.durations, ...changes.durations },
    outages: { ...world.outages, ...changes.outages },
    faults: changes.faults ?? world.faults,
  };
}

export interface MutatingCall {
  action: string;
  outcome: string;
  params: Record<string, string>;
  requestId: string;
}

export interface Harness {
  emulator: RdsEmulator;
  engine: Engine;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  config: Config;
  entries: AuditEntry[];
  metrics: Metrics;
  /** Polls the stored run; Redis errors (e.g. during a restart) count as "not yet". */
  waitFor(runId: string, predicate: (run: Run) => boolean, timeoutMs?: number): Promise<Run>;
  mutatingCalls(action?: string): MutatingCall[];
  /** Mutating calls that AWS (the emulator) accepted. */
  okCalls(action?: string): MutatingCall[];
  /** Decides the gate the run is waiting at now (waits for one first). */
  decideCurrent(
    runId: string,
    actor: Actor,
    decision?: DecisionKind,
  ): Promise<{ gateStep: StepName; gateId: string; result: DecideResult }>;
  /** Approves every gate until the run ends, re-approving gates that were re-armed. */
  approveUntilDone(runId: string, actor: Actor, timeoutMs?: number): Promise<Run>;
  /**
   * A pre-approved in-place resize of staging-db to r6g.xlarge: the shortest run that makes a
   * changing AWS call (ModifyDBInstance of staging-db-instance-1) inside a probed step.
   */
  inplaceRun(requester: Actor): Promise<Run>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: RdsEmulatorOptions;
  configOverrides?: Record<string, string>;
  /** false: no in-process worker (a child process drives the runs). */
  worker?: boolean;
  workerOptions?: WorkerOptions;
  redisUrl?: string;
  prefix?: string;
  timing?: Partial<EngineTiming>;
  /** Use the fail-fast connection the CLI and bot build (src/cli/services.ts) for run state. */
  productionRedis?: boolean;
}

const allowAll = () => ({ allowed: true as const });
const finished = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startRdsEmulator({
    port: 0,
    speed: 5000,
    outageScale: 0.05,
    seed: 7,
    ...options.emulator,
  });
  pointSdkAt(emulator.url);
  const config = simConfig(options.configOverrides);
  const prefix = options.prefix ?? `t${randomBytes(4).toString('hex')}`;
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const redis = options.productionRedis
    ? createRedis(redisUrl, 'producer')
    : new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const entries: AuditEntry[] = [];
  const metrics = createMetrics();
  const engine = createEngine({
    config,
    redis,
    redisUrl,
    prefix,
    logger: createLogger({ level: 'silent' }),
    metrics,
    notifier: { notify: async (_run, entry) => void entries.push(entry) },
    timing: { ...FAST_TIMING, ...options.timing },
  });
  if (options.worker !== false) {
    engine.startWorker({
      concurrency: 10,
      lockDurationMs: 5000,
      stalledIntervalMs: 1000,
      ...options.workerOptions,
    });
  }
  const mutating = new Set<string>(MUTATING_ACTIONS);
  const mutatingCalls = (action?: string) =>
    emulator
      .calls()
      .filter((c) => mutating.has(c.action) && (action === undefined || c.action === action));

  const harness: Harness = {
    inplaceRun: (requester) =>
      engine.createRun({
        clusterAlias: 'staging-db',
        targetClass: 'r6g.xlarge',
        strategy: 'inplace',
        requester,
        preApproved: true,
      }),
    metrics,
    emulator,
    engine,
    redis,
    redisUrl,
    prefix,
    config,
    entries,
    async waitFor(runId, predicate, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let run: Run | undefined;
      for (;;) {
        try {
          run = await engine.getRun(runId);
          if (run && predicate(run)) return run;
        } catch {
          // why: Redis may be restarting; the predicate is asked again on the next poll.
        }
        if (Date.now() > deadline) {
          throw new Error(
            `run ${runId} did not reach the expected state; last: ${run?.status} at ${run?.steps[run.cursor]?.name} ${JSON.stringify(run?.error ?? '')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    mutatingCalls,
    okCalls: (action) => mutatingCalls(action).filter((c) => c.outcome === 'ok'),
    async decideCurrent(runId, actor, decision = 'approve') {
      const run = await harness.waitFor(
        runId,
        (r) => (r.status === 'awaiting_approval' && r.gate !== undefined) || finished(r),
      );
      const gate = run.gate;
      if (!gate || run.status !== 'awaiting_approval') {
        throw new Error(`run ${runId} ended (${run.status}) instead of waiting at a gate`);
      }
      const result = await engine.decide(
        { runId, gateId: gate.id, nonce: gate.nonce, actor, decision },
        allowAll,
      );
      return { gateStep: gate.step, gateId: gate.id, result };
    },
    async approveUntilDone(runId, actor, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await harness.waitFor(
          runId,
          (r) => r.status === 'awaiting_approval' || finished(r),
          Math.max(1000, deadline - Date.now()),
        );
        if (finished(run)) return run;
        const gateId = run.gate?.id;
        await harness.decideCurrent(runId, actor);
        await harness.waitFor(runId, (r) => r.gate?.id !== gateId || finished(r));
      }
    },
    async close() {
      await engine.close();
      try {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        redis.disconnect();
        await emulator.close();
      }
    },
  };
  return harness;
}
