import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/workflow/types.js';
import { type Harness, startHarness } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };

async function metric(h: Harness, name: string): Promise<string> {
  return (await h.metrics.registry.getSingleMetricAsString(name))
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

describe('engine metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('when a gate is open, then pending approvals counts it; when the run ends, runs and RDS calls are counted', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
    });
    await h.waitFor(run.id, (r) => r.status === 'awaiting_approval');
    expect(await metric(h, 'aurora_bot_pending_approvals')).toBe('aurora_bot_pending_approvals 1');
    await h.decideCurrent(run.id, alice, 'reject');
    await h.waitFor(run.id, (r) => r.status === 'rejected');
    expect(await metric(h, 'aurora_bot_pending_approvals')).toBe('aurora_bot_pending_approvals 0');
    expect(await metric(h, 'aurora_bot_runs_total')).toContain(
      'aurora_bot_runs_total{strategy="bluegreen",outcome="rejected"} 1',
    );
    expect(await metric(h, 'aurora_bot_rds_calls_total')).toMatch(
      /action="CreateDBClusterParameterGroup",outcome="ok"} 1/,
    );
  });
});
