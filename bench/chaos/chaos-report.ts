/** Markdown shared by the chaos scenarios' sections: the count table and the definitions. */
import type { RunRow, RunTotals } from '../lib/run-report.js';

export function totalsRows(t: RunTotals): (string | number)[][] {
  const refused = Object.entries(t.refusedMutations)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  return [
    ['runs completed (succeeded)', `${t.succeeded} / ${t.runs}`],
    ['mutating RDS calls accepted', t.mutationsAccepted],
    ['duplicate mutating RDS calls', t.duplicateMutations],
    ['mutating RDS calls refused (retried)', refused || '0'],
    ['accepted mutating calls missing from the audit log', t.unauditedMutations],
    [
      'accepted mutating calls audited as unconfirmed (worker killed before the answer was saved)',
      t.unconfirmedMutations,
    ],
    ['approvals accepted by engine.decide', t.approvalsAccepted],
    ['lost approvals', t.lostApprovals.length],
    ['approvals asked again after an evidence change', t.reasked],
    ['audit chains failing verification', t.chainsFailing],
    ['duplicate audit events', t.auditDuplicates],
    ['missing audit events', t.auditMissing],
  ];
}

export function checkDefinitions(): string[] {
  return [
    '**How the counts are made.**',
    '',
    "- *Duplicate mutating RDS call*: in the emulator's call log, a mutating action (`MUTATING_ACTIONS`) answered `ok` more than once within one run with identical parameters (same action, same target, same requested change, e.g. two `RebootDBInstance` of the same writer, two `CreateBlueGreenDeployment` with the run's deployment name). A call RDS refused (throttled, or refused because the resource was already changing) took no effect and is counted separately. Calls are attributed to a run by its cluster (no two runs in one call log share a cluster; the SIGKILL scenario keeps each batch's call log apart), the resources named after the cluster, its run id and its deployment id.",
    "- *Missing from the audit log*: an accepted mutating call with no `aws.call` entry: neither one carrying its request id nor an unconfirmed one for the same action and target written after the call reached RDS. The engine marks a call as sent (on the run) before sending it; a worker killed before RDS's answer is saved leaves the mark, and the next activation records the call as *unconfirmed* (request id unknown) before the step looks at AWS again, so it finds the change already made and does not repeat it. Unconfirmed calls are counted apart.",
    '- *Lost approval*: `engine.decide` answered `{ ok: true }` but the run never acted on it: no `gate.decided` for the gate, or the gated step never finished, or the same step asked for approval again without a `gate.refused` `evidence_changed` entry.',
    '- *Audit chain*: `engine.verifyAudit` recomputes the hash chain of every run.',
    '- *Duplicate or missing audit events*: per run, exactly one `run.created` and one `run.finished`/`run.failed`; each step that ran exactly one `step.started` and one `step.finished` (a skipped step: one `step.finished`, no `step.started`); each gate exactly one `gate.opened` and at most one `gate.decided`; no two `aws.call` entries with a request id for the same action and target.',
    '',
  ];
}

export function problemLines(rows: readonly RunRow[], totals: RunTotals): string[] {
  const bad = rows.filter(
    (r) =>
      r.status !== 'succeeded' ||
      r.mutations.duplicates.length > 0 ||
      !r.audit.chainOk ||
      r.audit.duplicates.length + r.audit.missing.length > 0 ||
      r.mutations.unaudited.length > 0,
  );
  if (bad.length === 0 && totals.lostApprovals.length === 0) return [];
  return [
    '### Runs with findings',
    '',
    ...bad.map((r) => {
      const parts = [
        r.status !== 'succeeded' ? `${r.status}${r.error ? ` (${r.error})` : ''}` : '',
        ...r.mutations.duplicates.map((x) => `duplicate ${x.action} ×${x.times}`),
        ...r.mutations.unaudited.map((x) => `unaudited ${x.action} ${x.requestId}`),
        r.audit.chainOk ? '' : `chain ${r.audit.chainDetail}`,
        ...r.audit.duplicates.map((x) => `duplicate event ${x}`),
        ...r.audit.missing.map((x) => `missing event ${x}`),
      ].filter(Boolean);
      return `- \`${r.id}\` (${r.strategy}, ${r.cluster}): ${parts.join('; ')}`;
    }),
    ...totals.lostApprovals.map(
      (a) => `- lost approval: \`${a.runId}\` gate ${a.gateId} (${a.why})`,
    ),
    '',
  ];
}
