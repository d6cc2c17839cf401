import type { Run } from '../../workflow/types.js';
import { esc } from '../mrkdwn.js';
import type { EventOf } from './events.js';
import { message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { SlackMessage } from './types.js';

export function progressMessage(run: Run, event: EventOf<'step.progress'>): SlackMessage {
  const label = stepLabel(run, event.step);
  return message(`${label}: ${esc(event.message)}`, [
    section(`⏳ *${label}*: ${esc(event.message)}`),
  ]);
}
