import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Gate } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const bob: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };

type EmulatorState = {
  clusters: { identifier: string; resourceId: string }[];
  instances: {
    identifier: string;
    clusterResourceId: string;
    instanceClass: string;
    isWriter: boolean;
    promotionTier: number;
  }[];
};

function membersOf(h: Harness, clusterId: string) {
  const state = h.emulator.state() as EmulatorState;
  const cluster = state.clusters.find((c) => c.identifier === clusterId);
  return state.instances.filter((i) => i.clusterResourceId === cluster?.resourceId);
}

describe('failover and inplace strategies on the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // why: an in-place writer resize is down 5–10 min at AWS speed; 1–1.5 s here.
      emulator: {
        world: worldWith({ outages: { modify: { mode: 'refuse', min: 20_000, max: 30_000 } } }),
      },
    });
  });
  beforeEach(async () => {
    await h.emulator.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  const gatesOf = (runId: string) =>
    h.entries
      .filter((e) => e.runId === runId && e.event.type === 'gate.opened')
      .map((e) => (e.event as { gate: Gate }).gate);

  it('when failover with oldWriter resize is approved, then a tier-0 reader of the target class becomes the writer and the old writer is resized, each call once', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'db.r6g.2xlarge',
      strategy: 'failover',
      requester: alice,
    });
    const final = await h.approveUntilDone(run.id, bob);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(final.steps.map((s) => [s.name, s.status])).toEqual([
      ['preflight', 'done'],
      ['add-reader', 'done'],
      ['failover', 'done'],
      ['finish-old-writer', 'done'],
    ]);
    expect(gatesOf(run.id).map((g) => g.step)).toEqual(['failover']);

    const newReader = String(final.context.newReaderId);
    const [create] = h.okCalls('CreateDBInstance');
    expect(create?.params).toMatchObject({
      DBInstanceIdentifier: newReader,
      DBClusterIdentifier: 'prod-db',
      DBInstanceClass: 'db.r6g.2xlarge',
      PromotionTier: '0',
    });
    expect(h.okCalls('FailoverDBCluster').map((c) => c.params.TargetDBInstanceIdentifier)).toEqual([
      newReader,
    ]);
    expect(h.okCalls('ModifyDBInstance').map((c) => c.params.DBInstanceIdentifier)).toEqual([
      'prod-db-instance-1',
    ]);
    expect(h.mutatingCalls()).toHaveLength(3);

    const members = membersOf(h, 'prod-db');
    const writer = members.find((i) => i.isWriter);
    expect(writer?.identifier).toBe(newReader);
    expect(writer?.instanceClass).toBe('db.r6g.2xlarge');
    expect(members.find((i) => i.identifier === 'prod-db-instance-1')?.instanceClass).toBe(
      'db.r6g.2xlarge',
    );
    const report = final.probeReports.failover;
    expect(report?.writer.outages.length).toBeGreaterThanOrEqual(1);
    expect(report?.writes.lost).toBe(0);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when failover with oldWriter remove runs on a single-instance cluster, then only the new writer of the target class is left', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      strategy: 'failover',
      requester: alice,
      options: { oldWriter: 'remove' },
    });
    const final = await h.approveUntilDone(run.id, bob);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(final.plan?.warnings.join(' ')).toMatch(/no reader today/);
    expect(h.okCalls('CreateDBInstance')).toHaveLength(1);
    expect(h.okCalls('FailoverDBCluster')).toHaveLength(1);
    expect(h.okCalls('DeleteDBInstance').map((c) => c.params.DBInstanceIdentifier)).toEqual([
      'staging-db-instance-1',
    ]);
    expect(h.mutatingCalls()).toHaveLength(3);
    const members = membersOf(h, 'staging-db');
    expect(members.map((i) => [i.identifier, i.instanceClass, i.isWriter])).toEqual([
      [String(final.context.newReaderId), 'db.r6g.xlarge', true],
    ]);
  });

  it('when inplace with resizeReaders is approved, then the writer outage is measured and every instance is modified once', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.xlarge',
      strategy: 'inplace',
      requester: alice,
      options: { resizeReaders: true },
    });
    const final = await h.approveUntilDone(run.id, bob);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(final.steps.map((s) => s.name)).toEqual([
      'preflight',
      'modify-writer',
      'modify-readers',
    ]);
    const [gate] = gatesOf(run.id);
    expect(gate?.step).toBe('modify-writer');
    expect(gate?.expectedOutage).toMatch(/5–10 minutes/);
    expect(final.plan?.warnings.join(' ')).toMatch(/prefer bluegreen/);

    const modifies = h.okCalls('ModifyDBInstance');
    expect(modifies.map((c) => [c.params.DBInstanceIdentifier, c.params.ApplyImmediately])).toEqual(
      [
        ['prod-db-instance-1', 'true'],
        ['prod-db-instance-2', 'true'],
      ],
    );
    expect(h.mutatingCalls()).toHaveLength(2);
    expect(membersOf(h, 'prod-db').map((i) => i.instanceClass)).toEqual([
      'db.r6g.xlarge',
      'db.r6g.xlarge',
    ]);
    const report = final.probeReports['modify-writer'];
    expect(report?.writer.outages.length).toBeGreaterThanOrEqual(1);
    expect(report?.writer.totalOutageMs).toBeGreaterThan(500);
    expect(h.entries.some((e) => e.runId === run.id && e.event.type === 'probe.report')).toBe(true);
  });
});
