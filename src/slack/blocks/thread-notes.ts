/** Short context lines for events that need a trace in the thread but not a full message. */
import type { Run } from '../../workflow/types.js';
import { esc, mention } from '../mrkdwn.js';
import type { EventOf } from './events.js';
import { utcTime } from './format.js';
import { context, message } from './limits.js';
import { stepLabel } from './step-label.js';
import type { SlackMessage } from './types.js';

/** A refused click, kept in the thread because the thread is the audit trail. */
export function refusedNote(run: Run, event: EventOf<'gate.refused'>, at: string): SlackMessage {
  const text = `⛔ ${mention(event.actor)} tried to decide ${stepLabel(run, event.step)} at ${utcTime(at)}: refused (${esc(event.reason)})`;
  return message(text, [context(text)]);
}

export function cancelRequestedNote(event: EventOf<'cancel.requested'>, at: string): SlackMessage {
  const text = `🛑 Cancel requested by ${mention(event.actor)} at ${utcTime(at)}`;
  return message(text, [context(text)]);
}

export function expiredNote(run: Run, event: EventOf<'gate.expired'>): SlackMessage {
  const text = `⌛ Nobody decided ${stepLabel(run, event.step)} in time: the run is expired. Cancel it with \`/aurora cancel ${esc(run.id)}\`.`;
  return message(text, [context(text)]);
}

/** For a decision whose prompt was never posted (a pre-approval given with `--yes`). */
export function decisionNote(text: string): SlackMessage {
  return message(text, [context(text)]);
}
