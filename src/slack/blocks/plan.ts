/** The plan reply: topology, the steps with what each does, warnings and the expected outage. */
import { formatDuration } from '../../duration.js';
import type { Plan, Run } from '../../workflow/types.js';
import { code, esc } from '../mrkdwn.js';
import { context, lineSections, message, section } from './limits.js';
import type { Block, SlackMessage } from './types.js';

export function planMessage(run: Run, plan: Plan): SlackMessage {
  const title = `📋 *Plan* for ${code(plan.cluster.alias)}: ${code(plan.currentClass)} → ${code(plan.targetClass)} via *${esc(plan.strategy)}* (engine ${esc(plan.engineVersion)})`;
  const topology = plan.topology.map(
    (m) => `• ${code(m.id)} ${m.role} ${code(m.class)} ${esc(m.status)}`,
  );
  const steps = plan.steps.map((s, i) => {
    const marks = [s.gated ? '🔐 needs approval' : '', s.disruptive ? '⚠️ disruptive' : '']
      .filter(Boolean)
      .join(', ');
    const head = `${i + 1}. *${esc(s.title)}*${marks ? ` (${marks})` : ''} · ~${formatDuration(s.expectedMs)}`;
    const detail = s.skip ? `_skipped: ${esc(s.skip)}_` : esc(s.detail);
    return `${head}\n      ${detail}`;
  });
  const blocks: Block[] = [
    section(title),
    ...lineSections(['*Topology*', ...topology], 2),
    ...lineSections(['*Steps*', ...steps], 6),
  ];
  if (plan.warnings.length > 0) {
    blocks.push(...lineSections(['*Warnings*', ...plan.warnings.map((w) => `⚠️ ${esc(w)}`)], 2));
  }
  blocks.push(section(`*Expected outage:* ${esc(plan.expectedOutage)}`));
  if (run.options.dryRun) {
    blocks.push(
      context(
        `Dry run: nothing was changed. To do it: \`/aurora scaleup ${esc(plan.cluster.alias)} ${esc(plan.targetClass)} strategy=${esc(plan.strategy)}\``,
      ),
    );
  }
  const text = `Plan for ${esc(plan.cluster.alias)}: ${esc(plan.currentClass)} → ${esc(plan.targetClass)} via ${esc(plan.strategy)}, ${plan.steps.length} steps, expected outage ${esc(plan.expectedOutage)}`;
  return message(text, blocks);
}
