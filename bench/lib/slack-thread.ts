/** Finds a run's messages in the Slack stand-in: its root (the thread) and its gate prompts. */
import type { SimMessage, SlackSim } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { CHANNEL } from './slack-rig.js';

const mentions = (m: SimMessage, text: string) =>
  m.text.includes(text) || JSON.stringify(m.blocks).includes(text);

/** The run's root message (its thread holds the run's replies). */
export function rootOf(sim: SlackSim, runId: string): SimMessage | undefined {
  return sim
    .messages(CHANNEL)
    .find((m) => !m.ephemeral && m.threadTs === undefined && mentions(m, `\`${runId}\``));
}

/** The approval prompt of the gate with this nonce, while its buttons are still on it. */
export function promptOf(sim: SlackSim, runId: string, nonce: string): SimMessage | undefined {
  return rootOf(sim, runId)?.replies.find(
    (r) => mentions(r, nonce) && JSON.stringify(r.blocks).includes(ACTION_IDS.approve),
  );
}

/** The run id in a `/aurora scaleup|plan` acknowledgement. */
export function runIdOf(answer: unknown): string | undefined {
  return /Run `(r-[a-z0-9-]+)`/.exec(JSON.stringify(answer))?.[1];
}
