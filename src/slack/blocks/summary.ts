/**
 * The final summary, broadcast to the channel: the outcome, who decided what and when, the
 * measured outages, how many AWS changes were made, and where the full audit is.
 */
import { formatDuration } from '../../duration.js';
import { type AuditEntry, type Run, UNCONFIRMED_REQUEST_ID } from '../../workflow/types.js';
import { code, esc, mention } from '../mrkdwn.js';
import type { EventOf } from './events.js';
import { elapsedMs, utcTime } from './format.js';
import { context, fieldsSection, lineSections, message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { Block, SlackMessage } from './types.js';

export type RunOutcome = EventOf<'run.finished'> | EventOf<'run.failed'>;

function headline(run: Run, outcome: RunOutcome): string {
  const alias = code(run.cluster.alias);
  if (outcome.type === 'run.failed') {
    const where = outcome.error.step ? ` at ${stepLabel(run, outcome.error.step)}` : '';
    return `❌ *Scale-up of ${alias} failed*${where}: ${esc(outcome.error.message)}`;
  }
  switch (outcome.status) {
    case 'succeeded':
      return run.options.dryRun
        ? `📋 *Plan for ${alias} complete* (dry run: nothing was changed)`
        : `🏁 *${alias} now runs ${code(run.targetClass)}*`;
    case 'rejected':
      return `🚫 *Scale-up of ${alias} rejected*`;
    case 'cancelled':
      return `🛑 *Scale-up of ${alias} cancelled*`;
    case 'expired':
      return `⌛ *Scale-up of ${alias} expired*: an approval timed out`;
  }
}

/** Decision lines and outage lines gathered from the audit log. */
function history(
  run: Run,
  entries: readonly AuditEntry[],
): { decisions: string[]; outages: string[] } {
  const decisions: string[] = [];
  const outages: string[] = [];
  for (const { event, at } of entries) {
    if (event.type === 'gate.decided') {
      const verb = event.decision === 'approve' ? '✅ approved' : '🚫 rejected';
      decisions.push(
        `• ${stepLabel(run, event.step)}: ${verb} by ${mention(event.actor)} at ${utcTime(at)}${event.preApproved ? ' (pre-approved)' : ''}`,
      );
    } else if (event.type === 'gate.refused') {
      decisions.push(
        `• ${stepLabel(run, event.step)}: ⛔ refused ${mention(event.actor)} (${esc(event.code)})`,
      );
    } else if (event.type === 'probe.report') {
      const r = event.report;
      const writer = r.writer.baselineEstablished
        ? formatDuration(r.writer.totalOutageMs)
        : 'not measured';
      const reader = r.reader
        ? `, reader ${r.reader.baselineEstablished ? formatDuration(r.reader.totalOutageMs) : 'not measured'}`
        : '';
      const lost = r.readOnly
        ? ''
        : `, lost writes ${r.writes.lost}, ambiguous ${r.writes.ambiguous}`;
      outages.push(`• ${stepLabel(run, event.step)}: writer ${writer}${reader}${lost}`);
    }
  }
  return { decisions, outages };
}

export function summaryMessage(
  run: Run,
  outcome: RunOutcome,
  entries: readonly AuditEntry[],
  at: string,
): SlackMessage {
  const { decisions, outages } = history(run, entries);
  // why: an unconfirmed call may be the same change as a confirmed one that follows it, so the
  // two are counted apart.
  const calls = entries.flatMap((e) => (e.event.type === 'aws.call' ? [e.event] : []));
  const unconfirmed = calls.filter((c) => c.requestId === UNCONFIRMED_REQUEST_ID).length;
  const awsChanges = `${calls.length - unconfirmed} call(s)${unconfirmed > 0 ? `, ${unconfirmed} unconfirmed` : ''}`;
  const blocks: Block[] = [
    section(headline(run, outcome)),
    fieldsSection([
      `*Took*\n${formatDuration(elapsedMs(run.createdAt, at))}`,
      `*Strategy*\n${esc(run.strategy)}`,
      `*Requester*\n${mention(run.requester)}`,
      `*AWS changes*\n${awsChanges}`,
    ]),
  ];
  if (outcome.type === 'run.finished' && outcome.summary)
    blocks.push(section(esc(outcome.summary)));
  if (outcome.type === 'run.failed' && outcome.error.hint)
    blocks.push(section(`💡 ${esc(outcome.error.hint)}`));
  if (decisions.length > 0) blocks.push(...lineSections(['*Decisions*', ...decisions], 2));
  blocks.push(
    ...lineSections(
      ['*Measured outage*', ...(outages.length > 0 ? outages : ['• none measured'])],
      2,
    ),
  );
  blocks.push(
    context(
      `Run ${code(run.id)} · finished ${utcTime(at)} · full audit: \`/aurora audit ${esc(run.id)}\``,
    ),
  );
  const status = outcome.type === 'run.failed' ? 'failed' : outcome.status;
  return message(
    `Scale-up of ${esc(run.cluster.alias)} to ${esc(run.targetClass)} ${status}`,
    blocks,
  );
}
