/** `/aurora list`: one line per live run. */
import type { Run } from '../../workflow/types.js';
import { code, esc, mention } from '../mrkdwn.js';
import { RUN_STATUS_TEXT } from './format.js';
import { lineSections, message, section } from './limits.js';
import type { SlackMessage } from './types.js';

export function runLine(run: Run): string {
  const step = run.steps[run.cursor];
  const where = step ? ` · step ${run.cursor + 1}/${run.steps.length} ${esc(step.title)}` : '';
  return `• ${code(run.id)} · ${code(run.cluster.alias)} → ${code(run.targetClass)} · ${esc(run.strategy)} · ${RUN_STATUS_TEXT[run.status]}${where} · by ${mention(run.requester)}`;
}

export function runListMessage(runs: readonly Run[], title = 'Live runs'): SlackMessage {
  if (runs.length === 0)
    return message('No live runs.', [
      section('No live runs. Start one with `/aurora scaleup <cluster> <class>`.'),
    ]);
  return message(
    `${title}: ${runs.length}`,
    lineSections([`*${esc(title)}*`, ...runs.map(runLine)], 10),
  );
}
