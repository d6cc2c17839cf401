/**
 * One plain-text line per audit event, for people reading an export (Slack or Markdown). Raw
 * text: callers escape it for their format.
 */
import { formatDuration } from '../../duration.js';
import type { Actor, EngineEvent } from '../../workflow/types.js';

function who(actor: Actor): string {
  return actor.name ? `${actor.name} (${actor.id})` : actor.id;
}

export function describeEvent(event: EngineEvent): string {
  switch (event.type) {
    case 'run.created':
      return `run created by ${who(event.requester)}: ${event.strategy} to ${event.targetClass}${event.dryRun ? ' (dry run)' : ''}`;
    case 'plan.ready':
      return `plan ready: ${event.plan.currentClass} → ${event.plan.targetClass}, ${event.plan.steps.length} steps, expected outage ${event.plan.expectedOutage}`;
    case 'step.started':
      return `step ${event.step} started: ${event.title}`;
    case 'step.progress':
      return `step ${event.step}: ${event.message}`;
    case 'step.finished':
      return event.skipped !== undefined
        ? `step ${event.step} skipped: ${event.skipped}`
        : `step ${event.step} finished in ${formatDuration(event.durationMs)}`;
    case 'aws.call':
      return `AWS ${event.action} ${event.target} (request id ${event.requestId})`;
    case 'gate.opened':
      return `approval requested for ${event.gate.step}: ${event.gate.title} (gate ${event.gate.id}, evidence ${event.gate.evidence.digest})`;
    case 'gate.decided':
      return `${event.step} ${event.decision === 'approve' ? 'approved' : 'rejected'} by ${who(event.actor)}${event.preApproved ? ' (pre-approved)' : ''} (gate ${event.gateId})`;
    case 'gate.refused':
      return `${event.step}: click by ${who(event.actor)} refused: ${event.code}: ${event.reason}`;
    case 'gate.expired':
      return `${event.step}: approval expired (gate ${event.gateId})`;
    case 'probe.report': {
      const r = event.report;
      const reader = r.reader ? `, reader ${formatDuration(r.reader.totalOutageMs)}` : '';
      return `${event.step}: measured writer outage ${formatDuration(r.writer.totalOutageMs)}${reader}, lost writes ${r.writes.lost}, ambiguous ${r.writes.ambiguous}`;
    }
    case 'cancel.requested':
      return `cancel requested by ${who(event.actor)}`;
    case 'run.finished':
      return `run ${event.status}: ${event.summary}`;
    case 'run.failed':
      return `run failed${event.error.step ? ` in ${event.error.step}` : ''}: ${event.error.code}: ${event.error.message}`;
  }
}
