/**
 * The run's root message: what is being done to which cluster, by whom, and a live checklist of
 * the steps. Posted once in the channel and rewritten with chat.update as the run advances.
 */
import type { Run } from '../../workflow/types.js';
import { code, esc, mention } from '../mrkdwn.js';
import { RUN_STATUS_TEXT, STEP_ICON, stepDurationText, utcTime } from './format.js';
import { context, fieldsSection, header, lineSections, message, section } from './limits.js';
import type { SlackMessage } from './types.js';

/** One checklist line per step, e.g. `✅ 3. Create green · 52 min · green AVAILABLE`. */
export function checklistLines(run: Run, now: number): string[] {
  return run.steps.map((step, i) => {
    const parts = [`${STEP_ICON[step.status]} ${i + 1}. ${esc(step.title)}`];
    const duration = stepDurationText(step, now);
    if (duration) parts.push(duration);
    if (step.note) parts.push(`_${esc(step.note)}_`);
    return parts.join(' · ');
  });
}

/** The root message; `now` (ms) dates the running step's duration and the "updated" note. */
export function rootMessage(run: Run, now: number): SlackMessage {
  const dryRun = run.options.dryRun;
  const current = run.plan?.currentClass;
  const classText = `${current ? code(current) : '…'} → ${code(run.targetClass)}`;
  const blocks = [
    header(`${dryRun ? 'Aurora plan (dry run)' : 'Aurora scale-up'} · ${run.cluster.alias}`),
    fieldsSection([
      `*Cluster*\n${code(run.cluster.alias)} (${esc(run.cluster.clusterIdentifier)}, ${esc(run.cluster.region)}, ${esc(run.cluster.environment)})`,
      `*Class*\n${classText}`,
      `*Strategy*\n${esc(run.strategy)}`,
      `*Requester*\n${mention(run.requester)}`,
      `*Run*\n${code(run.id)}`,
      `*Status*\n${RUN_STATUS_TEXT[run.status]}`,
    ]),
  ];
  if (run.steps.length > 0) {
    blocks.push(...lineSections(['*Steps*', ...checklistLines(run, now)], 4));
  }
  if (run.gate && run.status === 'awaiting_approval') {
    blocks.push(
      section(`🔐 Waiting for approval: *${esc(run.gate.title)}* (prompt in the thread)`),
    );
  }
  if (run.error) {
    blocks.push(section(`❌ ${esc(run.error.message)}`));
  }
  blocks.push(
    context(`Details, approvals and measured outages in the thread · updated ${utcTime(now)}`),
  );
  const text = `${dryRun ? 'Plan' : 'Scale-up'} of ${esc(run.cluster.alias)} to ${esc(run.targetClass)} (${esc(run.strategy)}) requested by ${mention(run.requester)}: ${RUN_STATUS_TEXT[run.status]}`;
  return message(text, blocks);
}
