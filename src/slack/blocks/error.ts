/** A failure in the thread: what went wrong, the codes for searching, and what to do. */
import type { ErrorInfo, Run } from '../../workflow/types.js';
import { code, esc } from '../mrkdwn.js';
import { context, message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { Block, SlackMessage } from './types.js';

export function errorMessage(run: Run, error: ErrorInfo): SlackMessage {
  const where = error.step ? ` in ${stepLabel(run, error.step)}` : '';
  const blocks: Block[] = [section(`❌ *Failed${where}*: ${esc(error.message)}`)];
  if (error.hint) blocks.push(section(`💡 ${esc(error.hint)}`));
  const codes = [`code ${code(error.code)}`];
  if (error.awsCode) codes.push(`AWS ${code(error.awsCode)}`);
  blocks.push(context(codes.join(' · ')));
  return message(`Failed${where}: ${esc(error.message)}`, blocks);
}
