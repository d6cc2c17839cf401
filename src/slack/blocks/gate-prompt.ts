/**
 * The approval prompt: what will happen, the expected outage, the evidence, and Approve (with a
 * confirm dialog naming the cluster and the outage) / Reject buttons carrying the gate's nonce.
 */
import type { Gate, Run } from '../../workflow/types.js';
import { ACTION_IDS } from '../action-ids.js';
import { encodeGateValue } from '../gate-value.js';
import { code, esc, mention, truncate } from '../mrkdwn.js';
import { utcDateTime } from './format.js';
import { context, LIMITS, lineSections, message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { ActionsBlock, Block, SlackMessage } from './types.js';

/** What a prompt says about the probe, by `gate.probeReachable`. */
export function probeNote(reachable: Gate['probeReachable']): string | undefined {
  if (reachable === 'not-configured') {
    return 'ℹ️ No probe is configured for this cluster: the outage will not be measured.';
  }
  if (!reachable) {
    return '⚠️ The probe cannot reach the database right now: the outage will *not* be measured if you approve.';
  }
  return undefined;
}

/** The blocks describing a gate, shared by the prompt and its rewritten forms. */
export function gateDescription(run: Run, gate: Gate, maxEvidence = 15): Block[] {
  const blocks: Block[] = [
    section(
      `🔐 *Approval needed: ${esc(gate.title)}* on ${code(run.cluster.alias)} (${esc(run.cluster.environment)})\n${stepLabel(run, gate.step)}\n${esc(gate.action)}`,
    ),
    section(`*Expected outage:* ${esc(gate.expectedOutage)}`),
  ];
  if (gate.evidence.lines.length > 0) {
    const lines = gate.evidence.lines.slice(0, maxEvidence).map((l) => `• ${esc(l)}`);
    if (gate.evidence.lines.length > maxEvidence) {
      lines.push(`_… ${gate.evidence.lines.length - maxEvidence} more_`);
    }
    blocks.push(...lineSections(['*Evidence*', ...lines], 2));
  }
  const note = probeNote(gate.probeReachable);
  if (note) blocks.push(section(note));
  return blocks;
}

export function gatePromptMessage(run: Run, gate: Gate, twoPersonRule: boolean): SlackMessage {
  const value = encodeGateValue({ runId: run.id, gateId: gate.id, nonce: gate.nonce });
  const confirmText = truncate(
    `${gate.title} on ${run.cluster.alias} (${run.cluster.environment}). Expected outage: ${gate.expectedOutage}.`,
    LIMITS.confirmText,
  );
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: truncate(`gate-${gate.id}`, 255),
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.approve,
        style: 'primary',
        text: { type: 'plain_text', text: 'Approve' },
        value,
        confirm: {
          title: {
            type: 'plain_text',
            text: truncate(`Approve on ${run.cluster.alias}?`, LIMITS.confirmTitle),
          },
          text: { type: 'plain_text', text: confirmText },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Not yet' },
          style: 'danger',
        },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.reject,
        style: 'danger',
        text: { type: 'plain_text', text: 'Reject' },
        value,
      },
    ],
  };
  const who = twoPersonRule
    ? `Requested by ${mention(run.requester)} · two-person rule: someone else must approve`
    : `Requested by ${mention(run.requester)}`;
  const blocks = [
    ...gateDescription(run, gate),
    actions,
    context(`${who} · expires ${utcDateTime(gate.deadline)} · run ${code(run.id)}`),
  ];
  const text = `Approval needed on ${esc(run.cluster.alias)}: ${esc(gate.title)} (expected outage ${esc(gate.expectedOutage)})`;
  return message(text, blocks);
}
