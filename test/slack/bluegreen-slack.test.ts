/**
 * The "Done when": a signed `/aurora scaleup prod-db r6g.2xlarge` from Alice, her own
 * click on the switchover approval (refused by the two-person rule) and Bob's (accepted) drive
 * the RDS emulator through the whole blue/green run, and the Web API calls recorded by the
 * Slack stand-in show the complete thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RdsEmulator, startRdsEmulator } from '../../src/sim/rds/index.js';
import type { SimMessage } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { pointSdkAt } from '../helpers/engine-harness.js';
import { type FrontHarness, startFront } from './helpers/front-harness.js';

let emulator: RdsEmulator;
let h: FrontHarness;

beforeAll(async () => {
  emulator = await startRdsEmulator({ port: 0, speed: 5000, outageScale: 0.05, seed: 7 });
  pointSdkAt(emulator.url);
  h = await startFront({
    configReplacements: {
      'pollInterval: 1s': 'pollInterval: 20ms',
      'greenPollInterval: 2s': 'greenPollInterval: 20ms',
      'settle: 3s': 'settle: 300ms',
      'settle: 2s': 'settle: 300ms',
      'rdsRequestsPerSecond: 10': 'rdsRequestsPerSecond: 100',
    },
    bot: {
      engineWorker: { concurrency: 10, lockDurationMs: 5000, stalledIntervalMs: 1000 },
      engineTiming: {
        pollMs: 20,
        baselineTimeoutMs: 3000,
        settleMs: 300,
        settleTimeoutMs: 20_000,
        approvalSliceMs: 300,
      },
      progressIntervalMs: 60_000,
    },
  });
});
afterAll(async () => {
  await h?.close();
  await emulator?.close();
});

const blocksText = (m: SimMessage) => `${m.text}\n${JSON.stringify(m.blocks)}`;

describe('a blue/green scale-up driven from Slack', () => {
  it('when Alice asks, Alice is refused at the switchover and Bob approves, then the whole run is in the thread', async () => {
    const answer = await h.sim.sendCommand({
      user: 'U0ALICE',
      text: 'scaleup prod-db r6g.2xlarge',
      channel: 'C0OPS',
    });
    expect(answer.status).toBe(200);
    const runId = /Run `(r-[a-z0-9-]+)`/.exec(JSON.stringify(answer.body))?.[1] ?? '';
    expect(runId).not.toBe('');

    const rootOf = () =>
      h.sim
        .messages('C0OPS')
        .find(
          (m) =>
            !m.ephemeral &&
            m.threadTs === undefined &&
            JSON.stringify(m.blocks).includes(`\`${runId}\``),
        );
    const clicked = new Set<string>();
    const gates: string[] = [];
    const deadline = Date.now() + 150_000;
    for (;;) {
      const run = await h.bot.engine.getRun(runId);
      if (run && (run.status === 'succeeded' || run.status === 'failed')) break;
      if (Date.now() > deadline)
        throw new Error(`run stuck: ${run?.status} at ${run?.steps[run.cursor]?.name}`);
      const prompt = rootOf()?.replies.find(
        (r) =>
          !clicked.has(r.ts) &&
          JSON.stringify(r.blocks).includes(ACTION_IDS.approve) &&
          run?.gate &&
          JSON.stringify(r.blocks).includes(run.gate.nonce),
      );
      if (prompt && run?.gate) {
        clicked.add(prompt.ts);
        gates.push(run.gate.step);
        if (run.gate.step === 'switchover') {
          await h.sim.clickButton({
            user: 'U0ALICE',
            ts: prompt.ts,
            actionId: ACTION_IDS.approve,
            channel: 'C0OPS',
          });
          const refusedAt = Date.now();
          while (!(await h.bot.engine.audit(runId)).some((e) => e.event.type === 'gate.refused')) {
            if (Date.now() - refusedAt > 10_000) throw new Error('refusal not audited');
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        const result = await h.sim.clickButton({
          user: 'U0BOB',
          ts: prompt.ts,
          actionId: ACTION_IDS.approve,
          channel: 'C0OPS',
        });
        expect(result.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const final = await h.bot.engine.getRun(runId);
    expect(final?.error).toBeUndefined();
    expect(final?.status).toBe('succeeded');
    expect(gates).toEqual(['reboot-writer', 'switchover', 'cleanup-old']);

    // The thread catches up with the audit log.
    const done = Date.now();
    while (!rootOf()?.replies.some((r) => r.text.includes('to db.r6g.2xlarge succeeded'))) {
      if (Date.now() - done > 20_000)
        throw new Error(`no summary: ${JSON.stringify(rootOf()?.replies.map((r) => r.text))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    while (!JSON.stringify(rootOf()?.blocks).includes('✅ succeeded')) {
      if (Date.now() - done > 20_000) throw new Error('root never showed the outcome');
      await new Promise((r) => setTimeout(r, 50));
    }
    const root = rootOf();
    if (!root || !final) throw new Error('no root');
    const replies = root.replies.map(blocksText);
    const all = replies.join('\n');

    // root: updated in place to the final checklist
    expect(blocksText(root)).toContain(`✅ ${final.steps.length}. Delete the old (-old1) cluster`);
    const rootUpdates = h.sim
      .calls()
      .filter((c) => c.method === 'chat.update' && c.args.ts === root.ts);
    expect(rootUpdates.length).toBeGreaterThan(3);
    // plan, every step, both switchover decisions, outage, summary
    expect(all).toContain(
      '📋 *Plan* for `prod-db`: `db.r6g.large` → `db.r6g.2xlarge` via *bluegreen*',
    );
    for (const [i, step] of final.steps.entries()) {
      expect(all, step.name).toMatch(
        new RegExp(`Step ${i + 1}/${final.steps.length}: [^*]*\\* (finished in|skipped)`),
      );
    }
    expect(
      h.sim
        .messages('C0OPS')
        .some((m) => m.ephemeral && m.user === 'U0ALICE' && m.text.includes('two-person rule')),
    ).toBe(true);
    expect(all).toContain('⛔ <@U0ALICE> tried to decide');
    const switchoverPrompt = root.replies.find((r) => r.ts === [...clicked][1]);
    expect(switchoverPrompt?.replyBroadcast).toBe(true);
    expect(JSON.stringify(switchoverPrompt?.blocks)).toContain('Approved by <@U0BOB> at');
    expect(JSON.stringify(switchoverPrompt?.blocks)).not.toContain(ACTION_IDS.approve);
    expect(all).toMatch(/📉 \*Measured outage · Step \d+\/\d+: Switch over to green\*/);
    expect(all).toContain('lost 0 ✅');
    const summary = root.replies.at(-1);
    expect(summary?.replyBroadcast).toBe(true);
    expect(blocksText(summary as SimMessage)).toContain('now runs `db.r6g.2xlarge`');
    expect(blocksText(summary as SimMessage)).toContain('✅ approved by <@U0BOB>');
    if (process.env.SHOW_THREAD) console.info(root.replies.map((r) => r.text).join('\n'));
    const order = [
      /📋 \*Plan\*/,
      /Switch over to green\* started/,
      /Measured outage · Step \d+\/\d+: Switch over/,
      /🏁/,
    ];
    const positions = order.map((marker) => replies.findIndex((r) => marker.test(r)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((await h.bot.engine.verifyAudit(runId)).ok).toBe(true);

    // `clusters` now reports the new class, read from the emulator after the ack.
    const clusters = await h.sim.sendCommand({
      user: 'U0CAROL',
      text: 'clusters',
      channel: 'C0OPS',
    });
    expect(JSON.stringify(clusters.body)).toContain('Asking AWS');
    await h.waitForMessages((m) =>
      m.some(
        (x) =>
          x.ephemeral &&
          x.user === 'U0CAROL' &&
          JSON.stringify(x.blocks).includes('writer `db.r6g.2xlarge`, available'),
      ),
    );
  }, 200_000);
});
