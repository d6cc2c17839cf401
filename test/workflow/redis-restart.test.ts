import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Run } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';
import { type PrivateRedis, startPrivateRedis } from './helpers/private-redis.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const bob: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };
const ended = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

describe('a Redis restart in the middle of a run (AOF on)', () => {
  let redis: PrivateRedis;
  let h: Harness;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    h = await startHarness({
      redisUrl: redis.url,
      // why: green creation lasts ≈ 6 s here, so Redis can go away while it is polled.
      emulator: { world: worldWith({ durations: { createBlueGreen: 8 * 3600_000 } }) },
      workerOptions: { lockDurationMs: 2000, stalledIntervalMs: 1000 },
      productionRedis: true,
    });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.destroy();
  });

  const restart = async () => {
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.start();
  };

  it('when Redis restarts while green is being created, then the run resumes and creates green once', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
      preApproved: true,
    });
    await h.waitFor(
      run.id,
      (r) => r.steps[r.cursor]?.name === 'create-green' && r.mutations.length > 0,
    );
    await restart();
    const final = await h.waitFor(run.id, ended, 45_000);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(h.okCalls('CreateBlueGreenDeployment')).toHaveLength(1);
    expect(h.okCalls('SwitchoverBlueGreenDeployment')).toHaveLength(1);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when Redis restarts while a gate is open, then the same prompt can still be approved and the run completes', async () => {
    await h.emulator.reset();
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
    });
    const before = await h.waitFor(
      run.id,
      (r) => r.status === 'awaiting_approval' && r.gate?.step === 'switchover',
      30_000,
    );
    await restart();
    const after = await h.waitFor(run.id, () => true);
    expect(after.gate).toEqual(before.gate);
    const gate = before.gate!;
    const decide = () =>
      h.engine.decide(
        { runId: run.id, gateId: gate.id, nonce: gate.nonce, actor: bob, decision: 'approve' },
        () => ({ allowed: true }),
      );
    // the producer connection may need a moment to come back
    let result = await decide().catch(() => undefined);
    for (let i = 0; i < 20 && result === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      result = await decide().catch(() => undefined);
    }
    expect(result).toEqual({ ok: true });
    const final = await h.approveUntilDone(run.id, bob, 45_000);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(h.okCalls('SwitchoverBlueGreenDeployment')).toHaveLength(1);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });
});
