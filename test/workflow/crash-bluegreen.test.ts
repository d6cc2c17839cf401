import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';
import { driveWithCrashes } from './helpers/crash-driver.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };

/** Every moment a worker dies at, in the order the run reaches them. */
const TRIGGERS = [
  'event:step.finished:preflight',
  'mutate:CreateDBClusterParameterGroup',
  'mutate:ModifyDBCluster',
  'event:gate.opened:reboot-writer',
  'mutate:RebootDBInstance',
  'mutate:CreateBlueGreenDeployment',
  'event:step.progress:create-green',
  'mutate:ModifyDBInstance',
  'mutate:FailoverDBCluster',
  'mutate:ModifyDBInstance',
  'mutate:SwitchoverBlueGreenDeployment+150',
  'event:step.finished:switchover',
  'mutate:DeleteBlueGreenDeployment',
  'mutate:DeleteDBCluster',
];

describe('crash safety of the bluegreen strategy', { timeout: 90_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    // why: green creation must outlast a worker restart for the mid-polling crash (≈ 4 s here).
    h = await startHarness({
      worker: false,
      emulator: { world: worldWith({ durations: { createBlueGreen: 6 * 3600_000 } }) },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when the worker is SIGKILLed at every step boundary, mutating call and poll, then each mutating call is made exactly once and the run completes', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
      preApproved: true,
    });
    const { run: final, kills } = await driveWithCrashes(h, run.id, TRIGGERS);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');

    const once = [
      'CreateDBClusterParameterGroup',
      'ModifyDBClusterParameterGroup',
      'RebootDBInstance',
      'CreateBlueGreenDeployment',
      'FailoverDBCluster',
      'SwitchoverBlueGreenDeployment',
      'DeleteBlueGreenDeployment',
      'DeleteDBCluster',
    ];
    for (const action of once) expect(h.okCalls(action), action).toHaveLength(1);
    expect(h.okCalls('ModifyDBCluster')).toHaveLength(1);
    // one per green instance, one per old instance
    expect(h.okCalls('ModifyDBInstance')).toHaveLength(2);
    expect(h.okCalls('DeleteDBInstance')).toHaveLength(2);
    expect(h.mutatingCalls().filter((c) => c.outcome !== 'ok')).toEqual([]);

    const state = h.emulator.state() as {
      instances: { identifier: string; instanceClass: string }[];
    };
    const prod = state.instances.filter((i) => /^prod-db-instance-\d$/.test(i.identifier));
    expect(prod.map((i) => i.instanceClass)).toEqual(['db.r6g.2xlarge', 'db.r6g.2xlarge']);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
    // a restarted probe must not trip over its predecessor's rows (seen as a fake outage)
    expect(JSON.stringify(final.probeReports)).not.toMatch(/Duplicate entry/);
    expect(kills).toEqual(TRIGGERS);
  });
});
