/**
 * The vocabulary of the workflow engine: runs, steps, gates, audit entries and the events the
 * engine emits. Pure types; the Slack front, the CLI and the job steps all speak them.
 */
import type { Strategy } from '../config.js';
import type { ProbeReport } from '../probe/index.js';

export type { Strategy };

export type StepName =
  | 'preflight'
  | 'parameter-group'
  | 'reboot-writer'
  | 'create-green'
  | 'resize-green-readers'
  | 'failover-green'
  | 'resize-green-writer'
  | 'switchover'
  | 'verify'
  | 'delete-deployment'
  | 'cleanup-old'
  | 'add-reader'
  | 'failover'
  | 'finish-old-writer'
  | 'modify-writer'
  | 'modify-readers'
  | 'cancel-cleanup';

export type RunStatus =
  | 'queued'
  | 'running'
  | 'waiting' // parked on AWS (polling)
  | 'awaiting_approval'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired';

export const TERMINAL_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
];

/** Statuses that still hold the cluster lock. `expired` keeps it: the run can be resumed or cancelled. */
export function isLive(status: RunStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface StepState {
  name: StepName;
  title: string;
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  /** One line shown next to the step in checklists (e.g. "green 60% (3/5 tasks)"). */
  note?: string;
}

export interface Actor {
  /** Slack user ID (U…) or `cli:<os user>`. */
  id: string;
  name?: string;
  via: 'slack' | 'cli';
}

export interface ClusterRef {
  alias: string;
  clusterIdentifier: string;
  region: string;
  environment: string;
}

export interface RunOptions {
  /** failover strategy: what happens to the old writer once it is a reader. */
  oldWriter: 'resize' | 'remove';
  /** inplace strategy: also resize the readers after the writer. */
  resizeReaders: boolean;
  binlogFormat: 'ROW' | 'MIXED' | 'STATEMENT';
  switchoverTimeoutS: number;
  finalSnapshot: boolean;
  /** Stop after the plan (`--dry-run`, `/aurora plan`). */
  dryRun: boolean;
}

export interface SlackLocation {
  channel: string;
  /** ts of the run's root message once posted (the thread). */
  threadTs?: string;
}

/** What one approval gate asks, and the evidence it was opened with. */
export interface Gate {
  id: string;
  step: StepName;
  /** One-time token carried by the buttons; a click with another nonce is stale. */
  nonce: string;
  title: string;
  /** What will happen, in one or two sentences. */
  action: string;
  expectedOutage: string;
  evidence: Evidence;
  openedAt: string;
  deadline: string;
  /** Whether the probe could reach the endpoints when the gate opened. */
  probeReachable: boolean | 'not-configured' | 'not-applicable';
}

export interface Evidence {
  /** Human lines such as "green deployment bgd-… AVAILABLE", "prod-db-instance-1 db.r6g.large available". */
  lines: string[];
  /** A stable digest of the facts that must not change between prompt and decision. */
  digest: string;
}

export type DecisionKind = 'approve' | 'reject';

export interface Decision {
  gateId: string;
  decision: DecisionKind;
  actor: Actor;
  at: string;
  /** Set when the decision came from `--yes` pre-approval. */
  preApproved?: boolean;
}

export interface PlanStep {
  name: StepName;
  title: string;
  detail: string;
  disruptive: boolean;
  gated: boolean;
  /** Typical duration in ms at real AWS speed. */
  expectedMs: number;
  skip?: string;
}

export interface Plan {
  cluster: ClusterRef;
  engineVersion: string;
  currentClass: string;
  targetClass: string;
  strategy: Strategy;
  topology: { id: string; role: 'writer' | 'reader'; class: string; status: string }[];
  steps: PlanStep[];
  warnings: string[];
  expectedOutage: string;
}

export interface ErrorInfo {
  code: string;
  message: string;
  hint?: string;
  awsCode?: string;
  step?: StepName;
}

/** Stands for the request id of a changing call whose answer never reached the run. */
export const UNCONFIRMED_REQUEST_ID = 'unknown: no answer recorded (AWS may have carried it out)';

export interface MutationRecord {
  step: StepName;
  action: string;
  target: string;
  requestId: string;
  at: string;
}

export interface Run {
  id: string;
  cluster: ClusterRef;
  targetClass: string;
  strategy: Strategy;
  options: RunOptions;
  requester: Actor;
  slack?: SlackLocation;
  status: RunStatus;
  steps: StepState[];
  /** Index into `steps` of the step being worked on. */
  cursor: number;
  gate?: Gate;
  /** Outputs of steps that later steps need (deployment id, green ids, …). */
  context: Record<string, string | number | boolean | string[] | undefined>;
  plan?: Plan;
  preApproval?: Actor;
  probeReports: Partial<Record<StepName, ProbeReport>>;
  mutations: MutationRecord[];
  /** Revision, bumped by every save; a save from an older copy is refused (see run-store). */
  rev?: number;
  /**
   * A changing AWS call sent whose answer is not recorded yet. Found by a later activation, it
   * means the worker stopped in between: the call goes into the audit log as unconfirmed.
   */
  pendingCall?: Omit<MutationRecord, 'requestId'>;
  error?: ErrorInfo;
  /** BullMQ job id currently driving the run (changes on resume). */
  jobId: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** Events the engine emits, each stored as an audit entry and then delivered to notifiers. */
export type EngineEvent =
  | {
      type: 'run.created';
      requester: Actor;
      strategy: Strategy;
      targetClass: string;
      dryRun: boolean;
    }
  | { type: 'plan.ready'; plan: Plan }
  | { type: 'step.started'; step: StepName; title: string }
  | { type: 'step.progress'; step: StepName; message: string }
  | { type: 'step.finished'; step: StepName; title: string; durationMs: number; skipped?: string }
  | { type: 'aws.call'; step: StepName; action: string; target: string; requestId: string }
  | { type: 'gate.opened'; gate: Gate }
  | {
      type: 'gate.decided';
      gateId: string;
      step: StepName;
      decision: DecisionKind;
      actor: Actor;
      preApproved?: boolean;
    }
  | {
      type: 'gate.refused';
      gateId: string;
      step: StepName;
      actor: Actor;
      reason: string;
      code: string;
    }
  | { type: 'gate.expired'; gateId: string; step: StepName }
  | { type: 'probe.report'; step: StepName; report: ProbeReport }
  | { type: 'cancel.requested'; actor: Actor }
  | {
      type: 'run.finished';
      status: 'succeeded' | 'rejected' | 'cancelled' | 'expired';
      summary: string;
    }
  | { type: 'run.failed'; error: ErrorInfo };

export interface AuditEntry {
  seq: number;
  at: string;
  runId: string;
  event: EngineEvent;
  prevHash: string;
  hash: string;
}

/** Receives every audit entry after it is stored. Must be fast; it must not call Slack inline. */
export interface Notifier {
  notify(run: Run, entry: AuditEntry): Promise<void>;
}

/** Who may decide a gate: supplied by the caller (Slack policy, CLI operator). No I/O inside. */
export type DecisionPolicy = (
  run: Run,
  gate: Gate,
  actor: Actor,
) => Promise<PolicyVerdict> | PolicyVerdict;
export type PolicyVerdict = { allowed: true } | { allowed: false; code: string; reason: string };
