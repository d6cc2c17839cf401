import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';
import { driveWithCrashes } from './helpers/crash-driver.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };

type EmulatorState = {
  instances: { identifier: string; instanceClass: string; isWriter: boolean; status: string }[];
};

describe('crash safety of the failover and inplace strategies', { timeout: 90_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      worker: false,
      // why: an in-place writer resize is down 5–10 min at AWS speed; 1–1.5 s here.
      emulator: {
        world: worldWith({ outages: { modify: { mode: 'refuse', min: 20_000, max: 30_000 } } }),
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when failover workers die around every mutating call and right after the failover, then each call is made once and the failover outage stays measured', async () => {
    const triggers = [
      'mutate:CreateDBInstance',
      'event:step.finished:add-reader',
      'event:gate.decided:failover',
      'event:step.finished:failover',
      'mutate:ModifyDBInstance',
    ];
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      strategy: 'failover',
      requester: alice,
      preApproved: true,
    });
    const { run: final, kills } = await driveWithCrashes(h, run.id, triggers);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(kills).toEqual(triggers);
    expect(h.okCalls('CreateDBInstance')).toHaveLength(1);
    expect(h.okCalls('FailoverDBCluster')).toHaveLength(1);
    expect(h.okCalls('ModifyDBInstance')).toHaveLength(1);
    expect(h.mutatingCalls()).toHaveLength(3);
    // the worker died after the measured failover: the measurement survives the restart
    const report = final.probeReports.failover;
    expect(report?.writer.outages.length).toBeGreaterThanOrEqual(1);
    expect(report?.writer.totalOutageMs).toBeGreaterThan(0);

    const state = h.emulator.state() as EmulatorState;
    const writer = state.instances.find((i) => i.isWriter && i.identifier.startsWith('prod-db'));
    expect(writer?.identifier).toBe(String(final.context.newReaderId));
    expect(writer?.instanceClass).toBe('db.r6g.2xlarge');
    expect(state.instances.find((i) => i.identifier === 'prod-db-instance-1')?.instanceClass).toBe(
      'db.r6g.2xlarge',
    );
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when inplace workers die at the gate, in the middle of the writer outage and between steps, then the writer and readers are modified once each', async () => {
    await h.emulator.reset();
    const triggers = [
      'event:gate.opened:modify-writer',
      'mutate:ModifyDBInstance+200',
      'event:step.finished:modify-writer',
      'mutate:ModifyDBInstance',
    ];
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.xlarge',
      strategy: 'inplace',
      requester: alice,
      preApproved: true,
      options: { resizeReaders: true },
    });
    const { run: final, kills } = await driveWithCrashes(h, run.id, triggers);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(kills).toEqual(triggers);
    const modifies = h.okCalls('ModifyDBInstance');
    expect(modifies.map((c) => c.params.DBInstanceIdentifier)).toEqual([
      'prod-db-instance-1',
      'prod-db-instance-2',
    ]);
    expect(h.mutatingCalls()).toHaveLength(2);
    const state = h.emulator.state() as EmulatorState;
    expect(
      state.instances
        .filter((i) => i.identifier.startsWith('prod-db-instance'))
        .map((i) => i.instanceClass),
    ).toEqual(['db.r6g.xlarge', 'db.r6g.xlarge']);
    expect(JSON.stringify(final.probeReports)).not.toMatch(/Duplicate entry/);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });
});
