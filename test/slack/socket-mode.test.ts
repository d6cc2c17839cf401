import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { type FrontHarness, startFront } from './helpers/front-harness.js';

let h: FrontHarness;

beforeAll(async () => {
  h = await startFront({ socketMode: true });
});
afterAll(async () => {
  await h?.close();
});

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('when the bot starts, then it opens its connection with the app-level token, not the bot token', () => {
    const opened = h.sim.calls().filter((c) => c.method === 'apps.connections.open');
    expect(opened.length).toBeGreaterThanOrEqual(1);
    expect(opened.every((c) => c.ok)).toBe(true);
  });

  it('when alice types a command, then it arrives as an envelope and the acknowledgement carries the answer', async () => {
    const answer = await h.sim.sendCommand({
      user: 'U0ALICE',
      text: 'scaleup prod-db r6g.2xlarge',
      channel: 'C0OPS',
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('Queued scale-up');
    const bad = await h.sim.sendCommand({ user: 'U0ALICE', text: 'scaleup prod-db r6g.2xlarg' });
    expect(JSON.stringify(bad.body)).toContain('is not an Aurora MySQL instance class');
  });

  it('when bob clicks Approve on a prompt, then the click arrives over the socket and the decision is recorded', async () => {
    const [run] = await h.bot.engine.listRuns({ live: true, cluster: 'prod-db' });
    if (!run) throw new Error('the previous test queued no run');
    const gate = await h.openGate(run.id);
    const find = (messages: SimMessage[]) =>
      messages.flatMap((m) => m.replies).find((r) => JSON.stringify(r.blocks).includes(gate.nonce));
    const prompt = find(await h.waitForMessages((m) => find(m) !== undefined));
    if (!prompt) throw new Error('no prompt');
    const answer = await h.sim.clickButton({
      user: 'U0BOB',
      ts: prompt.ts,
      actionId: ACTION_IDS.approve,
      channel: 'C0OPS',
    });
    expect(answer.status).toBe(200);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const decided = (await h.bot.engine.audit(run.id)).find(
        (e) => e.event.type === 'gate.decided',
      );
      if (decided) {
        expect(decided.event).toMatchObject({ decision: 'approve', actor: { id: 'U0BOB' } });
        break;
      }
      if (Date.now() > deadline) throw new Error('no decision recorded');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
