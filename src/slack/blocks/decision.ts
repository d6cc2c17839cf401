/**
 * The approval prompt rewritten once decided: the buttons are gone and it says who decided
 * and when, in UTC and in the decider's own time zone.
 */
import type { Actor, DecisionKind, Gate, Run } from '../../workflow/types.js';
import { esc, mention } from '../mrkdwn.js';
import { utcTime, zonedTime } from './format.js';
import { gateDescription } from './gate-prompt.js';
import { context, message, section } from './limits.js';
import type { SlackMessage } from './types.js';

export interface DecisionView {
  decision: DecisionKind;
  actor: Actor;
  /** ISO time of the decision. */
  at: string;
  preApproved?: boolean;
}

/** `14:05 UTC (23:05 Asia/Seoul)`; the zone part only when `tz` is known and not UTC. */
export function decisionTime(at: string, tz: string | undefined): string {
  const utc = utcTime(at);
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return utc;
  const local = zonedTime(at, tz);
  return local ? `${utc} (${local} ${esc(tz)})` : utc;
}

/** One line: `✅ Approved by <@U0BOB> at 14:05 UTC (23:05 Asia/Seoul)`. */
export function decisionLine(d: DecisionView, tz: string | undefined): string {
  const verb = d.decision === 'approve' ? '✅ Approved' : '🚫 Rejected';
  const pre = d.preApproved ? ' (pre-approved with --yes)' : '';
  return `${verb} by ${mention(d.actor)} at ${decisionTime(d.at, tz)}${pre}`;
}

export function decisionMessage(
  run: Run,
  gate: Gate,
  decision: DecisionView,
  tz: string | undefined,
): SlackMessage {
  const line = decisionLine(decision, tz);
  return message(`${esc(gate.title)} on ${esc(run.cluster.alias)}: ${line}`, [
    ...gateDescription(run, gate, 8),
    section(`*${line}*`),
  ]);
}

export type GateClosedReason = 'expired' | 'superseded' | 'run-ended';

const CLOSED_TEXT: Record<GateClosedReason, string> = {
  expired: '⌛ Expired: nobody decided in time. The run can be resumed or cancelled.',
  superseded: '♻️ Superseded: the situation changed, so a fresh prompt was posted below.',
  'run-ended': '⏹️ Closed: the run ended before anyone decided.',
};

/** The prompt rewritten without buttons when it can no longer be answered. */
export function gateClosedMessage(run: Run, gate: Gate, reason: GateClosedReason): SlackMessage {
  return message(`${esc(gate.title)} on ${esc(run.cluster.alias)}: ${CLOSED_TEXT[reason]}`, [
    ...gateDescription(run, gate, 8),
    section(`*${CLOSED_TEXT[reason]}*`),
    context(`Run \`${esc(run.id)}\``),
  ]);
}
