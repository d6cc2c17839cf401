/** Starts a run from Slack and waits until its first approval prompt is posted. */
import type { Gate } from '../../src/workflow/types.js';
import { CHANNEL, REQUESTER, type SlackRig } from './slack-rig.js';
import { promptOf, runIdOf } from './slack-thread.js';
import { sleep } from './stats.js';

export interface RunAtGate {
  runId: string;
  gate: Gate;
  /** The prompt message's ts (its buttons carry the gate's value). */
  promptTs: string;
}

export async function runAtGate(
  rig: SlackRig,
  text: string,
  timeoutMs = 60_000,
): Promise<RunAtGate> {
  const answer = await rig.sim.sendCommand({ user: REQUESTER, text, channel: CHANNEL });
  const runId = runIdOf(answer.body);
  if (!runId) throw new Error(`\`${text}\` was not queued: ${JSON.stringify(answer.body)}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await rig.bench.engine.getRun(runId);
    const gate = run?.status === 'awaiting_approval' ? run.gate : undefined;
    const prompt = gate && promptOf(rig.sim, runId, gate.nonce);
    if (gate && prompt) return { runId, gate, promptTs: prompt.ts };
    if (Date.now() > deadline)
      throw new Error(
        `${runId} never reached a posted gate: ${run?.status} at ${run?.steps[run.cursor]?.name}`,
      );
    await sleep(50);
  }
}
