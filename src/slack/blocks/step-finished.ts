/**
 * A finished (or skipped) step, with the AWS calls it made folded in, so the thread gets one
 * reply per step instead of one per request id.
 */
import { formatDuration } from '../../duration.js';
import { type Run, UNCONFIRMED_REQUEST_ID } from '../../workflow/types.js';
import { code, esc } from '../mrkdwn.js';
import type { EventOf } from './events.js';
import { context, lineSections, message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { Block, SlackMessage } from './types.js';

/** Request ids shown in full; beyond that the count is given (the audit export has them all). */
const MAX_CALLS = 20;

export function stepFinishedMessage(
  run: Run,
  event: EventOf<'step.finished'>,
  calls: readonly EventOf<'aws.call'>[],
): SlackMessage {
  const label = stepLabel(run, event.step, event.title);
  if (event.skipped !== undefined) {
    return message(`${label} skipped: ${esc(event.skipped)}`, [
      section(`⏭️ *${label}* skipped: ${esc(event.skipped)}`),
    ]);
  }
  const head = `✅ *${label}* finished in ${formatDuration(event.durationMs)}`;
  const blocks: Block[] = [section(head)];
  if (calls.length > 0) {
    const lines = calls
      .slice(0, MAX_CALLS)
      .map((c) =>
        c.requestId === UNCONFIRMED_REQUEST_ID
          ? `• ${esc(c.action)} ${code(c.target)} · ⚠️ sent, but no answer was recorded: AWS may have carried it out`
          : `• ${esc(c.action)} ${code(c.target)} · request id ${code(c.requestId)}`,
      );
    if (calls.length > MAX_CALLS) {
      lines.push(`_… and ${calls.length - MAX_CALLS} more (see \`/aurora audit ${esc(run.id)}\`)_`);
    }
    blocks.push(...lineSections(['*AWS calls*', ...lines], 2));
  } else {
    blocks.push(context('No changing AWS call was needed.'));
  }
  return message(`${label} finished in ${formatDuration(event.durationMs)}`, blocks);
}
