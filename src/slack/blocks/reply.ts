/** One-paragraph ephemeral answers: problems with a hint, confirmations. */
import { esc } from '../mrkdwn.js';
import { context, message, section } from './limits.js';
import type { Block, SlackMessage } from './types.js';

/** A problem with what to do about it; `problem` and `hint` are escaped here. */
export function problemReply(problem: string, hint?: string): SlackMessage {
  const blocks: Block[] = [section(`⚠️ ${esc(problem)}`)];
  if (hint) blocks.push(context(`💡 ${esc(hint)}`));
  return message(hint ? `${esc(problem)} ${esc(hint)}` : esc(problem), blocks);
}

/** A plain answer whose mrkdwn the caller already escaped. */
export function textReply(mrkdwn: string): SlackMessage {
  return message(mrkdwn, [section(mrkdwn)]);
}
