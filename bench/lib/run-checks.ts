/**
 * What the chaos suite checks on each finished run, from two independent records: the
 * emulator's call log (what RDS actually received) and the run's audit log (what the bot says
 * it did).
 */
import type { CallLogEntry } from '../../src/sim/rds/index.js';
import { MUTATING_ACTIONS } from '../../src/sim/rds/index.js';
import {
  type AuditEntry,
  isLive,
  type Run,
  UNCONFIRMED_REQUEST_ID,
} from '../../src/workflow/types.js';

const MUTATING = new Set(MUTATING_ACTIONS);

/**
 * The calls that concern a run: any parameter naming its cluster (or a resource derived from
 * it: instances, `-binlog` group, `-green-…`, `-old1`), its id (deployment name, snapshot),
 * or its deployment id. Each run in the suites has a cluster of its own.
 */
export function callsOfRun(run: Run, calls: readonly CallLogEntry[]): CallLogEntry[] {
  const cluster = run.cluster.clusterIdentifier;
  const deployment = typeof run.context.deploymentId === 'string' ? run.context.deploymentId : '';
  const mine = (value: string) =>
    value === cluster ||
    value.startsWith(`${cluster}-`) ||
    value.includes(run.id) ||
    (deployment !== '' && value === deployment);
  return calls.filter((c) => Object.values(c.params).some(mine));
}

/** The logical operation a mutating call performs: its action and every parameter. */
const operationKey = (c: CallLogEntry) =>
  `${c.action} ${JSON.stringify(Object.entries(c.params).sort(([a], [b]) => a.localeCompare(b)))}`;

export interface MutationCheck {
  /** Mutating calls RDS accepted (`ok`). */
  accepted: number;
  /** Accepted calls beyond the first with the same action and identical parameters. */
  duplicates: { action: string; params: Record<string, string>; times: number }[];
  /** Mutating calls RDS refused, by answer (Throttling is retried by design). */
  refused: Record<string, number>;
  /**
   * Accepted mutating calls with no `aws.call` audit entry: neither one carrying their request id
   * nor an unconfirmed one (sent, answer not recorded) for the same action and target.
   */
  unaudited: { action: string; requestId: string }[];
  /** Accepted mutating calls the audit log records as unconfirmed (the worker died in between). */
  unconfirmed: number;
}

export function checkMutations(
  run: Run,
  calls: readonly CallLogEntry[],
  entries: readonly AuditEntry[],
): MutationCheck {
  const mutating = callsOfRun(run, calls).filter((c) => MUTATING.has(c.action));
  const ok = mutating.filter((c) => c.outcome === 'ok');
  const groups = new Map<string, CallLogEntry[]>();
  for (const c of ok) groups.set(operationKey(c), [...(groups.get(operationKey(c)) ?? []), c]);
  const audited = new Set(
    entries.flatMap((e) => (e.event.type === 'aws.call' ? [e.event.requestId] : [])),
  );
  const unconfirmedEntries = entries.flatMap((e) =>
    e.event.type === 'aws.call' && e.event.requestId === UNCONFIRMED_REQUEST_ID
      ? [{ ...e.event, recordedAt: Date.parse(e.at) }]
      : [],
  );
  const unaudited: MutationCheck['unaudited'] = [];
  let unconfirmed = 0;
  for (const c of ok) {
    if (audited.has(c.requestId)) continue;
    // why: an unconfirmed entry stands only for a call that reached RDS before it was written.
    const i = unconfirmedEntries.findIndex(
      (u) =>
        u.action === c.action &&
        Object.values(c.params).includes(u.target) &&
        Date.parse(c.time) <= u.recordedAt,
    );
    if (i >= 0) {
      unconfirmedEntries.splice(i, 1);
      unconfirmed += 1;
    } else unaudited.push({ action: c.action, requestId: c.requestId });
  }
  const refused: Record<string, number> = {};
  for (const c of mutating)
    if (c.outcome !== 'ok') refused[c.outcome] = (refused[c.outcome] ?? 0) + 1;
  return {
    accepted: ok.length,
    duplicates: [...groups.values()]
      .filter((g) => g.length > 1)
      .map((g) => ({ action: g[0]?.action ?? '', params: g[0]?.params ?? {}, times: g.length })),
    refused,
    unaudited,
    unconfirmed,
  };
}

export interface AuditCheck {
  chainOk: boolean;
  chainDetail: string;
  /** Events that must appear once and appeared more often (e.g. two step.finished for one step). */
  duplicates: string[];
  /** Events that must appear and did not (a done step without its started/finished, …). */
  missing: string[];
}

const count = (entries: readonly AuditEntry[], match: (e: AuditEntry['event']) => boolean) =>
  entries.filter((e) => match(e.event)).length;

/** Exactly-once rules for the events of a run (a live one has not finished yet). */
export function checkAuditEvents(
  run: Run,
  entries: readonly AuditEntry[],
): Omit<AuditCheck, 'chainOk' | 'chainDetail'> {
  const duplicates: string[] = [];
  const missing: string[] = [];
  const expect = (label: string, n: number, want: number) => {
    if (n > want) duplicates.push(`${label} ×${n}`);
    if (n < want) missing.push(`${label} ×${n} (expected ${want})`);
  };
  expect(
    'run.created',
    count(entries, (e) => e.type === 'run.created'),
    1,
  );
  expect(
    'run.finished/run.failed',
    count(entries, (e) => e.type === 'run.finished' || e.type === 'run.failed'),
    isLive(run.status) ? 0 : 1,
  );
  for (const step of run.steps) {
    const started = count(entries, (e) => e.type === 'step.started' && e.step === step.name);
    const finished = count(entries, (e) => e.type === 'step.finished' && e.step === step.name);
    const want =
      step.status === 'done'
        ? [1, 1]
        : step.status === 'skipped'
          ? [0, 1]
          : step.status === 'failed' || step.status === 'running'
            ? [1, 0]
            : [0, 0];
    expect(`step.started ${step.name}`, started, want[0] ?? 0);
    expect(`step.finished ${step.name}`, finished, want[1] ?? 0);
  }
  const gateIds = new Set(
    entries.flatMap((e) => (e.event.type === 'gate.opened' ? [e.event.gate.id] : [])),
  );
  for (const id of gateIds) {
    expect(
      `gate.opened ${id}`,
      count(entries, (e) => e.type === 'gate.opened' && e.gate.id === id),
      1,
    );
    const decided = count(entries, (e) => e.type === 'gate.decided' && e.gateId === id);
    if (decided > 1) duplicates.push(`gate.decided ${id} ×${decided}`);
  }
  const aws = new Map<string, number>();
  // why: an unconfirmed entry (sent, answer lost) may be followed by the real call if AWS never
  // got the first one; only calls AWS answered must be unique.
  for (const e of entries)
    if (e.event.type === 'aws.call' && e.event.requestId !== UNCONFIRMED_REQUEST_ID) {
      const key = `${e.event.action} ${e.event.target}`;
      aws.set(key, (aws.get(key) ?? 0) + 1);
    }
  for (const [key, n] of aws) if (n > 1) duplicates.push(`aws.call ${key} ×${n}`);
  return { duplicates, missing };
}

export interface ApprovalRecord {
  runId: string;
  gateId: string;
  step: string;
}

/**
 * An approval is lost when engine.decide accepted it but the run never acted on it: no
 * gate.decided for the gate, or the gated step never finished, or the same step asked again
 * without the engine saying the evidence changed.
 */
/** The events after a decision, compactly, for the report of a lost approval. */
function trail(entries: readonly AuditEntry[]): string {
  return entries
    .slice(0, 12)
    .map(({ event: e }) =>
      e.type === 'gate.opened'
        ? `gate.opened ${e.gate.id}`
        : 'step' in e && typeof e.step === 'string'
          ? `${e.type} ${e.step}`
          : e.type,
    )
    .join(', ');
}

export function lostApprovals(
  approvals: readonly ApprovalRecord[],
  entriesOf: (runId: string) => readonly AuditEntry[],
): { lost: (ApprovalRecord & { why: string })[]; reasked: number } {
  const lost: (ApprovalRecord & { why: string })[] = [];
  let reasked = 0;
  for (const a of approvals) {
    const entries = entriesOf(a.runId);
    const decidedAt = entries.findIndex(
      (e) => e.event.type === 'gate.decided' && e.event.gateId === a.gateId,
    );
    if (decidedAt === -1) {
      lost.push({ ...a, why: 'no gate.decided in the audit log' });
      continue;
    }
    const after = entries.slice(decidedAt + 1);
    const reopened = after.find(
      (e) => e.event.type === 'gate.opened' && e.event.gate.step === a.step,
    );
    const refused = after.some(
      (e) =>
        e.event.type === 'gate.refused' &&
        e.event.gateId === a.gateId &&
        e.event.code === 'evidence_changed',
    );
    if (reopened && refused) reasked += 1;
    else if (reopened)
      lost.push({
        ...a,
        why: `the step asked again without an evidence change (then: ${trail(after)})`,
      });
    else if (
      !after.some(
        (e) =>
          (e.event.type === 'step.finished' && e.event.step === a.step) ||
          (e.event.type === 'run.failed' && e.event.error.step === a.step),
      )
    )
      lost.push({ ...a, why: 'the gated step never finished' });
  }
  return { lost, reasked };
}
