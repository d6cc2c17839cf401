/**
 * The part of the workflow engine the Slack front uses, as an interface so the front depends on
 * a contract rather than on the engine's construction (the real engine satisfies it).
 */
import type { Strategy } from '../config.js';
import type {
  Actor,
  AuditEntry,
  DecisionKind,
  DecisionPolicy,
  EngineEvent,
  Run,
  RunOptions,
} from '../workflow/types.js';
import type { AuditVerification } from './audit/verification.js';

export interface CreateRunInput {
  clusterAlias: string;
  targetClass: string;
  strategy?: Strategy;
  requester: Actor;
  slack?: { channel: string };
  dryRun?: boolean;
  preApproved?: boolean;
  options?: Partial<RunOptions>;
}

export type DecideResult =
  | { ok: true }
  | {
      ok: false;
      code: 'unknown_run' | 'stale_gate' | 'already_decided' | 'not_allowed' | 'run_finished';
      reason: string;
    };

export interface EnginePort {
  /** Throws a UserError (`unknown_cluster`, `invalid_class`, `invalid_strategy`, `cluster_busy`) on bad input. */
  createRun(req: CreateRunInput): Promise<Run>;
  getRun(id: string): Promise<Run | undefined>;
  listRuns(filter?: { live?: boolean; cluster?: string; limit?: number }): Promise<Run[]>;
  liveRunForCluster(alias: string): Promise<Run | undefined>;
  decide(
    args: { runId: string; gateId: string; nonce: string; actor: Actor; decision: DecisionKind },
    policy: DecisionPolicy,
  ): Promise<DecideResult>;
  cancel(
    runId: string,
    actor: Actor,
  ): Promise<{ ok: true; message: string } | { ok: false; code: string; reason: string }>;
  audit(runId: string): Promise<AuditEntry[]>;
  verifyAudit(runId: string): Promise<AuditVerification>;
  recordEvent(runId: string, event: EngineEvent): Promise<void>;
}
