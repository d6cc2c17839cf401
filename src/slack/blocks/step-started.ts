import type { Run } from '../../workflow/types.js';
import type { EventOf } from './events.js';
import { message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { SlackMessage } from './types.js';

export function stepStartedMessage(run: Run, event: EventOf<'step.started'>): SlackMessage {
  const label = stepLabel(run, event.step, event.title);
  return message(`${label} started`, [section(`▶️ *${label}* started`)]);
}
