/**
 * Checks every run of a chaos scenario against both records (emulator call log, audit log) and
 * totals the counts the reliability report publishes.
 */
import type { CallLogEntry } from '../../src/sim/rds/index.js';
import type { Engine } from '../../src/workflow/engine.js';
import type { AuditEntry, Run } from '../../src/workflow/types.js';
import {
  type ApprovalRecord,
  checkAuditEvents,
  checkMutations,
  lostApprovals,
  type MutationCheck,
} from './run-checks.js';

export interface RunRow {
  id: string;
  cluster: string;
  strategy: string;
  approvals: 'pre-approved' | 'engine.decide';
  status: string;
  error?: string;
  mutations: MutationCheck;
  audit: {
    entries: number;
    chainOk: boolean;
    chainDetail: string;
    duplicates: string[];
    missing: string[];
  };
}

export interface RunTotals {
  runs: number;
  succeeded: number;
  duplicateMutations: number;
  mutationsAccepted: number;
  unauditedMutations: number;
  unconfirmedMutations: number;
  refusedMutations: Record<string, number>;
  chainsFailing: number;
  auditDuplicates: number;
  auditMissing: number;
  approvalsAccepted: number;
  lostApprovals: (ApprovalRecord & { why: string })[];
  reasked: number;
}

export async function checkRuns(
  engine: Engine,
  runs: readonly Run[],
  /** The call log a run's calls are in (the whole log, or its batch's when the world was reset). */
  callsOf: (run: Run) => readonly CallLogEntry[],
  approvals: readonly ApprovalRecord[],
  decidedBy: (runId: string) => RunRow['approvals'],
): Promise<{ rows: RunRow[]; totals: RunTotals }> {
  const entries = new Map<string, AuditEntry[]>();
  const rows: RunRow[] = [];
  for (const run of runs) {
    const log = await engine.audit(run.id);
    entries.set(run.id, log);
    const verdict = await engine.verifyAudit(run.id);
    rows.push({
      id: run.id,
      cluster: run.cluster.clusterIdentifier,
      strategy: run.strategy,
      approvals: decidedBy(run.id),
      status: run.status,
      ...(run.error ? { error: `${run.error.code}: ${run.error.message}` } : {}),
      mutations: checkMutations(run, callsOf(run), log),
      audit: {
        entries: log.length,
        chainOk: verdict.ok,
        chainDetail: verdict.ok
          ? `${verdict.entries} entries`
          : `broken at ${verdict.brokenAt}: ${verdict.reason}`,
        ...checkAuditEvents(run, log),
      },
    });
  }
  const lost = lostApprovals(approvals, (id) => entries.get(id) ?? []);
  const refused: Record<string, number> = {};
  for (const r of rows)
    for (const [code, n] of Object.entries(r.mutations.refused))
      refused[code] = (refused[code] ?? 0) + n;
  const sum = (f: (r: RunRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    rows,
    totals: {
      runs: rows.length,
      succeeded: rows.filter((r) => r.status === 'succeeded').length,
      duplicateMutations: sum((r) => r.mutations.duplicates.reduce((n, d) => n + d.times - 1, 0)),
      mutationsAccepted: sum((r) => r.mutations.accepted),
      unauditedMutations: sum((r) => r.mutations.unaudited.length),
      unconfirmedMutations: sum((r) => r.mutations.unconfirmed),
      refusedMutations: refused,
      chainsFailing: rows.filter((r) => !r.audit.chainOk).length,
      auditDuplicates: sum((r) => r.audit.duplicates.length),
      auditMissing: sum((r) => r.audit.missing.length),
      approvalsAccepted: approvals.length,
      lostApprovals: lost.lost,
      reasked: lost.reasked,
    },
  };
}
