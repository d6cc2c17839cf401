/**
 * The shape every job step has (one file each in `jobs/`). A step is idempotent: `execute`
 * looks at AWS, makes at most one mutating call through `ctx.mutate`, and says what happens
 * next. BullMQ delivers at least once, so any activation may be a repeat of one that crashed.
 */
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import type { RdsGateway, SendableCommand } from '../aws/rds-gateway.js';
import type { ClusterConfig, Defaults } from '../config.js';
import type { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Evidence, Plan, Run, StepName } from './types.js';

export type RunContextPatch = Run['context'];

export interface StepContext {
  run: Readonly<Run>;
  cluster: ClusterConfig;
  defaults: Defaults;
  rds: RdsGateway;
  /** Makes the step's mutating call, records it (run + audit) and returns the SDK output. */
  mutate<T = unknown>(action: string, target: string, command: SendableCommand): Promise<T>;
  /** Emits a progress line (deduplicated by its text). */
  progress(message: string): Promise<void>;
  now(): number;
  log: Logger;
  /** Poll interval for ordinary waits, ms. */
  pollMs: number;
}

export type StepResult =
  | { kind: 'done'; context?: RunContextPatch; note?: string; plan?: Plan }
  | { kind: 'wait'; afterMs?: number; context?: RunContextPatch; note?: string }
  | { kind: 'fail'; error: AppError };

export interface GateSpec {
  title: string;
  /** What will happen, for the prompt. */
  action(ctx: StepContext): string;
  expectedOutage: string;
  /** Facts shown in the prompt and re-checked at decision time. */
  evidence(ctx: StepContext): Promise<Evidence>;
}

export interface Step {
  name: StepName;
  title: string;
  /** Approval needed before the first execute. */
  gate?: GateSpec;
  /** Disruptive: runs in-process under the outage probe instead of parking between polls. */
  probed?: boolean;
  /** A reason to skip the step, checked when it would start; undefined means run it. */
  skipIf?(ctx: StepContext): Promise<string | undefined>;
  execute(ctx: StepContext): Promise<StepResult>;
}

export const done = (context?: RunContextPatch, note?: string): StepResult => ({
  kind: 'done',
  ...(context ? { context } : {}),
  ...(note ? { note } : {}),
});
export const wait = (afterMs?: number, note?: string, context?: RunContextPatch): StepResult => ({
  kind: 'wait',
  ...(afterMs === undefined ? {} : { afterMs }),
  ...(note ? { note } : {}),
  ...(context ? { context } : {}),
});

/** The writer of a cluster (the member with IsClusterWriter). */
export function writerOf(cluster: DBCluster | undefined): string | undefined {
  return cluster?.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
}

/** Readers of a cluster, by identifier. */
export function readersOf(cluster: DBCluster | undefined): string[] {
  return (cluster?.DBClusterMembers ?? [])
    .filter((m) => !m.IsClusterWriter)
    .map((m) => m.DBInstanceIdentifier)
    .filter((id): id is string => id !== undefined);
}

export function instanceLine(i: DBInstance): string {
  return `${i.DBInstanceIdentifier} ${i.DBInstanceClass} ${i.DBInstanceStatus}`;
}

/** `arn:aws:rds:…:cluster:name` → `name`. */
export function nameFromArn(arn: string | undefined): string | undefined {
  return arn?.split(':').pop();
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
