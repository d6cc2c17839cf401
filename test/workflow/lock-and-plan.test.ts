import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Actor, Run } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const bob: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };

const ended = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('plans, dry runs and the cluster lock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // why: staging-db's writer resized in place is down 0.1–0.2 s here.
      emulator: {
        world: worldWith({ outages: { modify: { mode: 'refuse', min: 2000, max: 4000 } } }),
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const lockKey = (cluster: string) => `${h.prefix}:lock:ap-northeast-2/${cluster}`;

  it('when a dry run is asked for, then it stops after preflight with a plan, changes nothing and takes no lock', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
      dryRun: true,
    });
    expect(run.steps.map((s) => s.name)).toEqual(['preflight']);
    expect(await h.redis.get(lockKey('prod-db'))).toBeNull();
    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('succeeded');
    expect(h.mutatingCalls()).toEqual([]);
    expect(await h.redis.get(lockKey('prod-db'))).toBeNull();

    const plan = final.plan!;
    expect(plan).toMatchObject({
      engineVersion: '8.0.mysql_aurora.3.05.2',
      currentClass: 'db.r6g.large',
      targetClass: 'db.r6g.2xlarge',
      strategy: 'bluegreen',
    });
    expect(plan.topology).toEqual([
      { id: 'prod-db-instance-1', role: 'writer', class: 'db.r6g.large', status: 'available' },
      { id: 'prod-db-instance-2', role: 'reader', class: 'db.r6g.large', status: 'available' },
    ]);
    expect(plan.steps.map((s) => s.name)).toEqual([
      'preflight',
      'parameter-group',
      'reboot-writer',
      'create-green',
      'resize-green-readers',
      'failover-green',
      'resize-green-writer',
      'switchover',
      'verify',
      'delete-deployment',
      'cleanup-old',
    ]);
    expect(plan.steps.filter((s) => s.disruptive).map((s) => s.name)).toEqual([
      'reboot-writer',
      'switchover',
    ]);
    expect(plan.steps.filter((s) => s.gated).map((s) => s.name)).toEqual([
      'reboot-writer',
      'switchover',
      'cleanup-old',
    ]);
    expect(plan.steps.every((s) => s.expectedMs > 0)).toBe(true);
    expect(plan.steps.find((s) => s.name === 'parameter-group')?.detail).toMatch(
      /custom cluster parameter group with binlog_format=ROW/,
    );
    const types = h.entries.filter((e) => e.runId === run.id).map((e) => e.event.type);
    expect(types).toContain('plan.ready');
    expect(types.at(-1)).toBe('run.finished');
  });

  it('when the cluster already uses binlog, then the plan skips the parameter group and the reboot', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'db.r6g.large',
      requester: alice,
      dryRun: true,
    });
    const final = await h.waitFor(run.id, ended);
    const skipped = final.plan?.steps.filter((s) => s.skip).map((s) => s.name);
    expect(skipped).toEqual([
      'parameter-group',
      'reboot-writer',
      'resize-green-readers',
      'failover-green',
    ]);
    expect(final.plan?.warnings).toContain('the writer already runs db.r6g.large');
  });

  it('when the input is wrong, then createRun refuses it with a code, or preflight fails on a class AWS does not offer', async () => {
    expect(
      (
        await refusal(
          h.engine.createRun({ clusterAlias: 'nope', targetClass: 'r6g.large', requester: alice }),
        )
      ).code,
    ).toBe('unknown_cluster');
    expect(
      (
        await refusal(
          h.engine.createRun({
            clusterAlias: 'prod-db',
            targetClass: 'r6g.huge',
            requester: alice,
          }),
        )
      ).code,
    ).toBe('invalid_class');
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 't4g.medium',
      requester: alice,
    });
    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('failed');
    expect(final.error).toMatchObject({ code: 'class_not_orderable', step: 'preflight' });
    expect(final.error?.hint).toMatch(/DescribeOrderableDBInstanceOptions/);
    expect(await h.redis.get(lockKey('staging-db'))).toBeNull();
  });

  it('when a cluster has a live run, then a second run is refused naming it, and the lock is released after success, failure, rejection and cancel', async () => {
    const start = (extra: Partial<Parameters<typeof h.engine.createRun>[0]> = {}) =>
      h.engine.createRun({
        clusterAlias: 'staging-db',
        targetClass: 'r6g.xlarge',
        strategy: 'inplace',
        requester: alice,
        ...extra,
      });

    // rejection
    const first = await start();
    await h.waitFor(first.id, (r) => r.status === 'awaiting_approval');
    const busy = await refusal(start());
    expect(busy.code).toBe('cluster_busy');
    expect(busy.message).toContain(first.id);
    expect(busy.message).toContain('awaiting_approval');
    // a dry run needs no lock, so it is not refused
    const dry = await start({ dryRun: true });
    await h.waitFor(dry.id, ended);
    await h.decideCurrent(first.id, bob, 'reject');
    await h.waitFor(first.id, ended);

    // cancel
    const second = await start();
    await h.waitFor(second.id, (r) => r.status === 'awaiting_approval');
    expect(await h.engine.cancel(second.id, alice)).toMatchObject({ ok: true });
    expect((await h.waitFor(second.id, ended)).status).toBe('cancelled');

    // failure
    h.emulator.setFaults({ insufficientCapacity: ['db.r6g.xlarge'] });
    const third = await start({ preApproved: true });
    expect((await h.waitFor(third.id, ended)).status).toBe('failed');
    h.emulator.setFaults({});

    // success
    const fourth = await start({ preApproved: true });
    expect((await h.waitFor(fourth.id, ended)).status).toBe('succeeded');
    expect(await h.redis.get(lockKey('staging-db'))).toBeNull();

    const fifth = await start({ dryRun: false, targetClass: 'r6g.2xlarge', preApproved: true });
    expect((await h.waitFor(fifth.id, ended)).status).toBe('succeeded');
    expect(await h.engine.liveRunForCluster('staging-db')).toBeUndefined();
    const live = await h.engine.listRuns({ live: true, cluster: 'staging-db' });
    expect(live).toEqual([]);
  });
});
