import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Actor } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };

describe('engine robustness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when a prototype name is given as the cluster, then it is unknown', async () => {
    await expect(
      h.engine.createRun({
        clusterAlias: '__proto__',
        targetClass: 'r6g.2xlarge',
        requester: alice,
      }),
    ).rejects.toMatchObject({ code: 'unknown_cluster' });
    await expect(
      h.engine.createRun({
        clusterAlias: 'constructor',
        targetClass: 'r6g.2xlarge',
        requester: alice,
      }),
    ).rejects.toBeInstanceOf(UserError);
    expect(await h.engine.liveRunForCluster('__proto__')).toBeUndefined();
  });

  it('when many newer runs belong to other clusters, then filtering by cluster still finds the older ones', async () => {
    const prod = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
      dryRun: true,
    });
    for (let i = 0; i < 5; i += 1) {
      await h.engine.createRun({
        clusterAlias: 'staging-db',
        targetClass: 'r6g.xlarge',
        requester: alice,
        dryRun: true,
      });
    }
    const found = await h.engine.listRuns({ cluster: 'prod-db', limit: 1 });
    expect(found.map((r) => r.id)).toEqual([prod.id]);
  });

  it('when a run lost its job (the creating process died), then the sweep re-enqueues it and a worker finishes it', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      requester: alice,
      preApproved: true,
    });
    await (await Job.fromId(h.engine.queue, run.jobId))?.remove();
    expect(await Job.fromId(h.engine.queue, run.jobId)).toBeUndefined();
    expect(await h.engine.sweepOrphans()).toBeGreaterThanOrEqual(1);
    expect(await Job.fromId(h.engine.queue, run.jobId)).toBeDefined();
    expect(await h.engine.sweepOrphans()).toBe(0);
    h.engine.startWorker({ concurrency: 5, lockDurationMs: 5000, stalledIntervalMs: 1000 });
    const final = await h.waitFor(
      run.id,
      (r) => r.status === 'succeeded' || r.status === 'failed',
      60_000,
    );
    expect(final.status).toBe('succeeded');
  });
});

describe('a disruptive step AWS never finishes', () => {
  let h: Harness;
  beforeAll(async () => {
    // why: an in-place resize that takes 10,000 hours at this speed never ends within the test.
    h = await startHarness({
      emulator: { world: worldWith({ durations: { modifyInstance: 10_000 * 3_600_000 } }) },
      timing: { probedStepTimeoutMs: 1500 },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when it outlasts the deadline, then the run fails with step_timeout and a hint, and the call was made once', async () => {
    const run = await h.inplaceRun(alice);
    const final = await h.waitFor(
      run.id,
      (r) => r.status === 'failed' || r.status === 'succeeded',
      60_000,
    );
    expect(final.status).toBe('failed');
    expect(final.error).toMatchObject({
      code: 'step_timeout',
      step: 'modify-writer',
      hint: expect.stringContaining('console'),
    });
    expect(h.okCalls('ModifyDBInstance')).toHaveLength(1);
    expect(await h.engine.liveRunForCluster('staging-db')).toBeUndefined();
  });
});
