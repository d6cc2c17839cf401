/**
 * Everything the engine's pieces share, built once by {@link createEngine}: stores, queue,
 * clock, the RDS gateway per region, and `emit`, the one way an event enters the audit log and
 * reaches the notifier.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RdsGateway } from '../aws/rds-gateway.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Probe, ProbeOptions } from '../probe/index.js';
import type { AuditLog } from './audit-log.js';
import type { DecisionStore } from './decisions.js';
import type { RunStore } from './run-store.js';
import type { EngineEvent, Notifier, Run } from './types.js';

export interface EngineTiming {
  /** Poll interval while waiting on AWS (default: config defaults.pollInterval). */
  pollMs: number;
  /** How long the probe waits for a first healthy sample before a disruptive call (ms). */
  baselineTimeoutMs: number;
  /** How long the endpoints must stay healthy after AWS reports completion (ms); per cluster config wins. */
  settleMs: number;
  /** Give up waiting for the settle period after this long (ms). */
  settleTimeoutMs: number;
  /** A disruptive step still not done by AWS after this long (ms) fails instead of polling on. */
  probedStepTimeoutMs: number;
  /** Longest single park while waiting for a human (ms); a missed promote costs at most this. */
  approvalSliceMs: number;
}

export interface EngineEnv {
  config: Config;
  redis: Redis;
  prefix: string;
  queue: Queue;
  runs: RunStore;
  audit: AuditLog;
  decisions: DecisionStore;
  notifier: Notifier;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
  timing: EngineTiming;
  rdsFor(region: string): RdsGateway;
  startProbe(options: ProbeOptions): Probe;
  emit(run: Run, event: EngineEvent, dedupeKey?: string): Promise<void>;
}
