/**
 * One human line per audit entry, for the command line (`scaleup`, `runs show`, `audit export`).
 * Pure, so the format is unit-tested and shared.
 */
import { formatDuration } from '../duration.js';
import type { AuditEntry } from '../workflow/types.js';

export function formatEventLine(entry: AuditEntry): string {
  const time = entry.at.slice(11, 19);
  const e = entry.event;
  const text = (() => {
    switch (e.type) {
      case 'run.created':
        return `run ${entry.runId} created by ${e.requester.name ?? e.requester.id}: ${e.strategy} to ${e.targetClass}${e.dryRun ? ' (dry run)' : ''}`;
      case 'plan.ready':
        return [
          `plan for ${e.plan.cluster.alias} (${e.plan.currentClass} → ${e.plan.targetClass}, ${e.plan.strategy}; expected outage ${e.plan.expectedOutage}):`,
          ...e.plan.steps.map(
            (s, i) =>
              `    ${i + 1}. ${s.title}${s.skip ? ` — skipped: ${s.skip}` : s.detail ? ` — ${s.detail}` : ''}${s.gated ? ' [approval]' : ''}`,
          ),
          ...e.plan.warnings.map((w) => `    warning: ${w}`),
        ].join('\n');
      case 'step.started':
        return `▶ ${e.title}`;
      case 'step.progress':
        return `  … ${e.message}`;
      case 'step.finished':
        return e.skipped
          ? `– ${e.title}: skipped (${e.skipped})`
          : `✓ ${e.title} (${formatDuration(e.durationMs)})`;
      case 'aws.call':
        return `  aws ${e.action} ${e.target} (request ${e.requestId})`;
      case 'gate.opened':
        return [
          `? approval needed: ${e.gate.title} — ${e.gate.action}`,
          `    expected outage: ${e.gate.expectedOutage}`,
          ...e.gate.evidence.lines.map((l) => `    ${l}`),
          ...(e.gate.probeReachable === false
            ? ['    warning: the probe cannot reach the database; the outage will NOT be measured']
            : []),
        ].join('\n');
      case 'gate.decided':
        return `${e.decision === 'approve' ? '✓ approved' : '✗ rejected'} by ${e.actor.name ?? e.actor.id}${e.preApproved ? ' (pre-approved with --yes)' : ''}`;
      case 'gate.refused':
        return `! decision by ${e.actor.name ?? e.actor.id} refused: ${e.reason}`;
      case 'gate.expired':
        return `! approval for ${e.step} expired; resume or cancel the run`;
      case 'probe.report': {
        const w = e.report.writer;
        const r = e.report.reader;
        const windows = w.outages
          .map(
            (o) =>
              `${formatDuration(o.durationMs)} [${formatDuration(o.lowerMs)}–${o.upperMs === null ? '?' : formatDuration(o.upperMs)}]`,
          )
          .join(', ');
        return [
          `  probe (${e.step}): writer down ${formatDuration(w.totalOutageMs)}${windows ? ` (${windows})` : ''}`,
          ...(r
            ? [`    reader down ${formatDuration(r.totalOutageMs)}, max lag ${r.maxLagMs ?? 0} ms`]
            : []),
          `    writes: ${e.report.writes.acknowledged} acknowledged, ${e.report.writes.lost} lost, ${e.report.writes.ambiguous} ambiguous`,
        ].join('\n');
      }
      case 'cancel.requested':
        return `! cancel requested by ${e.actor.name ?? e.actor.id}`;
      case 'run.finished':
        return `■ ${e.status}: ${e.summary}`;
      case 'run.failed':
        return `✗ failed${e.error.step ? ` at ${e.error.step}` : ''}: ${e.error.message}${e.error.hint ? `\n    what to do: ${e.error.hint}` : ''}`;
    }
  })();
  return `[${time}] ${text}`;
}
