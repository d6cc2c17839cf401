import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/workflow/types.js';
import { type Harness, startHarness } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const bob: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };
const allow = () => ({ allowed: true as const });

describe('bluegreen strategy on the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('when every gate is approved, then prod-db ends on the target class with each mutation made once', async () => {
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
    });
    expect(run.strategy).toBe('bluegreen');
    const gates: string[] = [];
    for (;;) {
      const current = await h.waitFor(
        run.id,
        (r) =>
          r.status === 'awaiting_approval' || r.status === 'succeeded' || r.status === 'failed',
        90_000,
      );
      if (current.status !== 'awaiting_approval' || !current.gate) break;
      gates.push(current.gate.step);
      const result = await h.engine.decide(
        {
          runId: run.id,
          gateId: current.gate.id,
          nonce: current.gate.nonce,
          actor: bob,
          decision: 'approve',
        },
        allow,
      );
      expect(result).toEqual({ ok: true });
      await h.waitFor(run.id, (r) => r.gate?.id !== current.gate?.id);
    }
    const final = await h.waitFor(run.id, (r) => r.status === 'succeeded' || r.status === 'failed');
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(gates).toEqual(['reboot-writer', 'switchover', 'cleanup-old']);

    expect(h.mutatingCalls('CreateBlueGreenDeployment')).toHaveLength(1);
    expect(
      h.mutatingCalls('SwitchoverBlueGreenDeployment').filter((c) => c.outcome === 'ok'),
    ).toHaveLength(1);
    expect(h.mutatingCalls('RebootDBInstance')).toHaveLength(1);
    expect(h.mutatingCalls('CreateBlueGreenDeployment')[0]?.params).not.toHaveProperty(
      'TargetDBInstanceClass',
    );

    const state = h.emulator.state() as { clusters?: unknown };
    expect(JSON.stringify(state)).toContain('prod-db');
    expect(final.probeReports.switchover?.writes.lost).toBe(0);
    expect(final.probeReports.switchover?.writer.outages.length).toBeGreaterThanOrEqual(1);

    const verdict = await h.engine.verifyAudit(run.id);
    expect(verdict.ok).toBe(true);
    const types = h.entries.filter((e) => e.runId === run.id).map((e) => e.event.type);
    expect(types[0]).toBe('run.created');
    expect(types).toContain('plan.ready');
    expect(types.filter((t) => t === 'probe.report').length).toBeGreaterThanOrEqual(2);
    expect(types.at(-1)).toBe('run.finished');
  });
});
