import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { finalSnapshotId } from '../../jobs/cleanup-old.js';
import type { Actor } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';
import { driveWithCrashes } from './helpers/crash-driver.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };

type EmulatorState = {
  clusters: { identifier: string; deletionProtection: boolean }[];
  deployments: unknown[];
  snapshots: { identifier: string }[];
};

describe('crash safety after the switchover and while cleaning up a cancelled run', {
  timeout: 90_000,
}, () => {
  let h: Harness;
  beforeAll(async () => {
    const world = worldWith({ durations: { createBlueGreen: 8 * 3600_000 } });
    // why: green comes up without deletion protection, so verify must re-assert it and the
    // cleanup must lift it from -old1: two more mutating calls to crash around.
    world.clusters = world.clusters?.map((c) =>
      c.identifier === 'staging-db' ? { ...c, deletionProtection: true } : c,
    );
    h = await startHarness({ worker: false, emulator: { world } });
  });
  beforeEach(async () => {
    await h.emulator.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('when workers die around verify and every cleanup call, then deletion protection is re-asserted once and -old1 is deleted once with one snapshot', async () => {
    const triggers = [
      'mutate:ModifyDBCluster',
      'event:step.finished:verify',
      'mutate:DeleteBlueGreenDeployment',
      'mutate:DeleteDBInstance',
      'mutate:ModifyDBCluster',
      'mutate:DeleteDBCluster',
    ];
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
      preApproved: true,
    });
    const { run: final, kills } = await driveWithCrashes(h, run.id, triggers);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(kills).toEqual(triggers);
    expect(
      h
        .okCalls('ModifyDBCluster')
        .map((c) => [c.params.DBClusterIdentifier, c.params.DeletionProtection]),
    ).toEqual([
      ['staging-db', 'true'],
      ['staging-db-old1', 'false'],
    ]);
    for (const action of ['DeleteBlueGreenDeployment', 'DeleteDBInstance', 'DeleteDBCluster']) {
      expect(h.okCalls(action), action).toHaveLength(1);
    }
    expect(h.mutatingCalls().filter((c) => c.outcome !== 'ok')).toEqual([]);
    const state = h.emulator.state() as EmulatorState;
    expect(state.clusters.map((c) => [c.identifier, c.deletionProtection])).toContainEqual([
      'staging-db',
      true,
    ]);
    expect(state.clusters.map((c) => c.identifier)).not.toContain('staging-db-old1');
    expect(state.snapshots.map((s) => s.identifier)).toEqual([
      finalSnapshotId('staging-db-old1', run.id),
    ]);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when the worker dies right after deleting a cancelled run’s green, then it is deleted once and the run ends cancelled', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
      preApproved: true,
    });
    const driving = driveWithCrashes(h, run.id, ['mutate:DeleteBlueGreenDeployment']);
    await h.waitFor(
      run.id,
      (r) => r.steps[r.cursor]?.name === 'create-green' && r.mutations.length > 0,
    );
    expect(await h.engine.cancel(run.id, alice)).toMatchObject({ ok: true });
    const { run: final, kills } = await driving;
    expect(final.status).toBe('cancelled');
    expect(kills).toEqual(['mutate:DeleteBlueGreenDeployment']);
    const deletes = h.okCalls('DeleteBlueGreenDeployment');
    expect(deletes.map((c) => c.params.DeleteTarget)).toEqual(['true']);
    expect(h.mutatingCalls().map((c) => c.action)).toEqual([
      'CreateBlueGreenDeployment',
      'DeleteBlueGreenDeployment',
    ]);
    const state = h.emulator.state() as EmulatorState;
    expect(state.deployments).toEqual([]);
    expect(
      state.clusters.map((c) => c.identifier).filter((id) => id.startsWith('staging')),
    ).toEqual(['staging-db']);
  });
});
