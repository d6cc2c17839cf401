import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { encodeGateValue } from '../../src/slack/gate-value.js';
import type { Gate } from '../../src/workflow/types.js';
import { type FrontHarness, startFront } from './helpers/front-harness.js';

let h: FrontHarness;

beforeAll(async () => {
  h = await startFront();
});
afterAll(async () => {
  await h?.close();
});

/** A fresh run on prod-db requested by Alice, sitting at an approval gate whose prompt is posted. */
async function runAtGate(
  gateOverrides: Partial<Gate> = {},
): Promise<{ runId: string; gate: Gate; prompt: SimMessage }> {
  for (const run of await h.bot.engine.listRuns({ live: true, cluster: 'prod-db' })) {
    await h.redis.set(`${h.prefix}:run:${run.id}`, JSON.stringify({ ...run, status: 'cancelled' }));
    await h.redis.del(`${h.prefix}:lock:${run.cluster.region}/${run.cluster.clusterIdentifier}`);
  }
  const answer = await h.sim.sendCommand({
    user: 'U0ALICE',
    text: 'scaleup prod-db r6g.2xlarge',
    channel: 'C0OPS',
  });
  const runId = /Run `(r-[a-z0-9-]+)`/.exec(JSON.stringify(answer.body))?.[1];
  if (!runId) throw new Error(`not queued: ${JSON.stringify(answer.body)}`);
  const gate = await h.openGate(runId, gateOverrides);
  const find = (messages: SimMessage[]) =>
    messages.flatMap((m) => m.replies).find((r) => JSON.stringify(r.blocks).includes(gate.nonce));
  const prompt = find(await h.waitForMessages((m) => find(m) !== undefined));
  if (!prompt) throw new Error('no prompt');
  return { runId, gate, prompt };
}

function ephemeralsFor(user: string): string[] {
  return h.sim
    .messages('C0OPS')
    .filter((m) => m.ephemeral && m.user === user)
    .map((m) => m.text);
}

async function waitForEphemeral(user: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const hit = ephemeralsFor(user).find((t) => pattern.test(t));
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(
        `no ephemeral for ${user} matching ${pattern}: ${JSON.stringify(ephemeralsFor(user))}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForAudit(runId: string, types: string[], count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entries = await h.bot.engine.audit(runId);
    if (entries.filter((e) => types.includes(e.event.type)).length >= count) return entries;
    if (Date.now() > deadline)
      throw new Error(`audit of ${runId}: ${entries.map((e) => e.event.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function refusals(runId: string) {
  return (await h.bot.engine.audit(runId)).flatMap((e) =>
    e.event.type === 'gate.refused' ? [e.event] : [],
  );
}

describe('approval buttons', () => {
  it('when the prompt is posted, then it is a broadcast thread reply with both buttons', async () => {
    const { prompt } = await runAtGate();
    expect(prompt.replyBroadcast).toBe(true);
    const json = JSON.stringify(prompt.blocks);
    expect(json).toContain(ACTION_IDS.approve);
    expect(json).toContain(ACTION_IDS.reject);
  });

  it('when the requester approves their own run under the two-person rule, then it is refused ephemerally and audited', async () => {
    const { runId, prompt } = await runAtGate();
    const answer = await h.sim.clickButton({
      user: 'U0ALICE',
      ts: prompt.ts,
      actionId: ACTION_IDS.approve,
      channel: 'C0OPS',
    });
    expect(answer.status).toBe(200);
    expect(await waitForEphemeral('U0ALICE', /two-person rule/)).toContain('Not recorded');
    expect(await refusals(runId)).toEqual([
      expect.objectContaining({
        code: 'not_allowed',
        actor: expect.objectContaining({ id: 'U0ALICE' }),
      }),
    ]);
    expect((await h.bot.engine.getRun(runId))?.status).toBe('awaiting_approval');
    const thread = await h.waitForMessages((m) =>
      m.some((x) => x.replies.some((r) => r.text.includes('<@U0ALICE> tried to decide'))),
    );
    expect(thread.length).toBeGreaterThan(0);
  });

  it('when someone who is not an approver clicks, then it is refused ephemerally and audited', async () => {
    const { runId, prompt } = await runAtGate();
    await h.sim.clickButton({
      user: 'U0CAROL',
      ts: prompt.ts,
      actionId: ACTION_IDS.reject,
      channel: 'C0OPS',
    });
    expect(await waitForEphemeral('U0CAROL', /not an approver of prod-db/)).toContain(
      'Not recorded',
    );
    expect((await refusals(runId)).map((r) => r.actor.id)).toEqual(['U0CAROL']);
  });

  it('when two approvers click at the same moment, then exactly one decision is recorded and the prompt loses its buttons', async () => {
    const { runId, prompt, gate } = await runAtGate();
    const answers = await Promise.all([
      h.sim.clickButton({
        user: 'U0BOB',
        ts: prompt.ts,
        actionId: ACTION_IDS.approve,
        channel: 'C0OPS',
      }),
      h.sim.clickButton({
        user: 'U0DAVE',
        ts: prompt.ts,
        actionId: ACTION_IDS.approve,
        channel: 'C0OPS',
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const entries = await waitForAudit(runId, ['gate.decided', 'gate.refused'], 2);
    const decided = entries.filter((e) => e.event.type === 'gate.decided');
    expect(decided).toHaveLength(1);
    const refused = await refusals(runId);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.code).toBe('already_decided');
    const winner = decided[0]?.event.type === 'gate.decided' ? decided[0].event.actor.id : '';
    const loser = winner === 'U0BOB' ? 'U0DAVE' : 'U0BOB';
    expect(await waitForEphemeral(loser, /Already approved by/)).toContain(`<@${winner}>`);
    const rewritten = await h.waitForMessages((m) =>
      m.some((x) =>
        x.replies.some(
          (r) => r.ts === prompt.ts && !JSON.stringify(r.blocks).includes(ACTION_IDS.approve),
        ),
      ),
    );
    const text = JSON.stringify(
      rewritten.flatMap((m) => m.replies).find((r) => r.ts === prompt.ts)?.blocks,
    );
    expect(text).toContain(`Approved by <@${winner}> at`);
    expect(text).toContain(winner === 'U0BOB' ? 'Europe/Berlin' : 'UTC');
    expect(gate.id).toBeTruthy();
  });

  it('when a button is clicked after the run was cancelled, then the stale click is refused', async () => {
    const { runId, prompt } = await runAtGate();
    expect((await h.bot.engine.cancel(runId, { id: 'U0ALICE', via: 'slack' })).ok).toBe(true);
    await h.sim.clickButton({
      user: 'U0BOB',
      ts: prompt.ts,
      actionId: ACTION_IDS.approve,
      channel: 'C0OPS',
    });
    expect(await waitForEphemeral('U0BOB', /being cancelled/)).toContain('Not recorded');
    expect((await refusals(runId)).map((r) => r.code)).toEqual(['stale_gate']);
  });

  it('when a button is clicked after its gate expired, then the stale click is refused', async () => {
    const { runId, prompt } = await runAtGate({
      deadline: new Date(Date.now() - 1000).toISOString(),
    });
    await h.sim.clickButton({
      user: 'U0BOB',
      ts: prompt.ts,
      actionId: ACTION_IDS.approve,
      channel: 'C0OPS',
    });
    expect(await waitForEphemeral('U0BOB', /approval expired/)).toContain('Not recorded');
    expect((await refusals(runId)).map((r) => r.code)).toEqual(['stale_gate']);
  });

  it('when an old or forged nonce is sent, then the click is refused as stale; a malformed value is refused too', async () => {
    const { runId, gate, prompt } = await runAtGate();
    const forged = encodeGateValue({ runId, gateId: gate.id, nonce: 'not-the-nonce' });
    await h.sim.clickButton({
      user: 'U0BOB',
      ts: prompt.ts,
      actionId: ACTION_IDS.approve,
      channel: 'C0OPS',
      value: forged,
    });
    expect(await waitForEphemeral('U0BOB', /no longer current/)).toContain('Not recorded');
    await h.sim.clickButton({
      user: 'U0DAVE',
      ts: prompt.ts,
      actionId: ACTION_IDS.approve,
      channel: 'C0OPS',
      value: '{"runId":',
    });
    expect(await waitForEphemeral('U0DAVE', /not valid/)).toContain('Not recorded');
    expect(
      (await h.bot.engine.audit(runId)).filter((e) => e.event.type === 'gate.decided'),
    ).toHaveLength(0);
  });
});
