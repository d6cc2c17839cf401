import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Run } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const bob: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };

type EmulatorState = {
  clusters: { identifier: string }[];
  instances: { identifier: string; instanceClass: string }[];
  deployments: { name: string; status: string }[];
};

const awaitingAt = (step: string) => (r: Run) =>
  r.status === 'awaiting_approval' && r.gate?.step === step;

describe('cancelling runs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      emulator: {
        world: worldWith({
          // why: green creation lasts ≈ 7 s here, long enough to cancel in the middle of it;
          // an in-place writer resize is down ≈ 1 s.
          durations: { createBlueGreen: 10 * 3600_000 },
          outages: { modify: { mode: 'refuse', min: 20_000, max: 25_000 } },
        }),
      },
    });
  });
  beforeEach(async () => {
    await h.emulator.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('when a run is cancelled while green is being created, then the deletion of green is gated and made with DeleteTarget, and the run ends cancelled', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
    });
    await h.waitFor(
      run.id,
      (r) => r.steps[r.cursor]?.name === 'create-green' && r.mutations.length > 0,
    );
    expect(await h.engine.cancel(run.id, alice)).toMatchObject({ ok: true });
    expect(await h.engine.cancel(run.id, bob)).toMatchObject({
      ok: false,
      code: 'already_cancelling',
    });

    const gated = await h.waitFor(run.id, awaitingAt('cancel-cleanup'));
    expect(gated.gate?.evidence.lines.join('\n')).toMatch(
      /blue\/green deployment bgd-\S+ \(PROVISIONING\)/,
    );
    expect(h.okCalls('DeleteBlueGreenDeployment')).toEqual([]);
    const { result } = await h.decideCurrent(run.id, bob);
    expect(result).toEqual({ ok: true });

    const final = await h.waitFor(run.id, (r) => r.status === 'cancelled' || r.status === 'failed');
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('cancelled');
    expect(final.steps.map((s) => [s.name, s.status])).toEqual([
      ['preflight', 'done'],
      ['parameter-group', 'skipped'],
      ['reboot-writer', 'skipped'],
      ['create-green', 'skipped'],
      ['cancel-cleanup', 'done'],
    ]);
    const deletes = h.okCalls('DeleteBlueGreenDeployment');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.params.DeleteTarget).toBe('true');
    expect(h.okCalls('CreateBlueGreenDeployment')).toHaveLength(1);
    expect(h.okCalls('SwitchoverBlueGreenDeployment')).toEqual([]);
    const state = h.emulator.state() as EmulatorState;
    expect(state.deployments).toEqual([]);
    expect(
      state.clusters.map((c) => c.identifier).filter((id) => id.startsWith('staging')),
    ).toEqual(['staging-db']);
    expect(await h.engine.liveRunForCluster('staging-db')).toBeUndefined();
    expect(await h.engine.cancel(run.id, alice)).toMatchObject({ ok: false, code: 'run_finished' });
  });

  it('when a failover run is cancelled at its gate, then the reader it added is deleted after approval', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      strategy: 'failover',
      requester: alice,
    });
    const atGate = await h.waitFor(run.id, awaitingAt('failover'));
    expect(await h.engine.cancel(run.id, alice)).toMatchObject({ ok: true });
    // the failover prompt is void once the run is being cancelled
    const gate = atGate.gate!;
    expect(
      await h.engine.decide(
        { runId: run.id, gateId: gate.id, nonce: gate.nonce, actor: bob, decision: 'approve' },
        () => ({ allowed: true }),
      ),
    ).toMatchObject({ ok: false, code: 'stale_gate' });
    await h.waitFor(run.id, awaitingAt('cancel-cleanup'));
    const { result } = await h.decideCurrent(run.id, bob);
    expect(result).toEqual({ ok: true });
    const final = await h.waitFor(run.id, (r) => r.status === 'cancelled' || r.status === 'failed');
    expect(final.status).toBe('cancelled');
    expect(h.okCalls('FailoverDBCluster')).toEqual([]);
    expect(h.okCalls('DeleteDBInstance').map((c) => c.params.DBInstanceIdentifier)).toEqual([
      String(final.context.newReaderId),
    ]);
    const state = h.emulator.state() as EmulatorState;
    expect(state.instances.map((i) => i.identifier).sort()).toEqual([
      'prod-db-instance-1',
      'prod-db-instance-2',
      'staging-db-instance-1',
    ]);
  });

  it('when a run is cancelled before it created anything, then it ends cancelled without asking and without any delete', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
    });
    await h.waitFor(run.id, awaitingAt('reboot-writer'));
    expect(await h.engine.cancel(run.id, alice)).toMatchObject({ ok: true });
    const final = await h.waitFor(run.id, (r) => r.status === 'cancelled' || r.status === 'failed');
    expect(final.status).toBe('cancelled');
    expect(final.steps.at(-1)).toMatchObject({
      name: 'cancel-cleanup',
      status: 'skipped',
      note: 'the run created nothing',
    });
    expect(h.mutatingCalls().map((c) => c.action)).not.toContain('RebootDBInstance');
    expect(h.mutatingCalls().filter((c) => c.action.startsWith('Delete'))).toEqual([]);
    expect(await h.engine.liveRunForCluster('prod-db')).toBeUndefined();
  });

  it('when a disruptive step is under way, then cancel is refused until it has finished', async () => {
    const run = await h.inplaceRun(alice);
    await h.waitFor(run.id, () => h.okCalls('ModifyDBInstance').length > 0, 20_000);
    expect(await h.engine.cancel(run.id, alice)).toMatchObject({
      ok: false,
      code: 'disruptive_in_progress',
    });
    const final = await h.waitFor(run.id, (r) => r.status === 'succeeded' || r.status === 'failed');
    expect(final.status).toBe('succeeded');
  });

  it('when production already runs on green, then cancel is refused with an explanation', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
    });
    await h.waitFor(run.id, awaitingAt('switchover'), 30_000);
    await h.decideCurrent(run.id, bob);
    await h.waitFor(run.id, awaitingAt('cleanup-old'));
    const refused = await h.engine.cancel(run.id, alice);
    expect(refused).toMatchObject({ ok: false, code: 'past_switchover' });
    expect(refused.ok === false && refused.reason).toMatch(/cannot be undone/);
    const final = await h.approveUntilDone(run.id, bob);
    expect(final.status).toBe('succeeded');
  });
});
