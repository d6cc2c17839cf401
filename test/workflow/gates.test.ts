import { FailoverDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Actor, EngineEvent, Run } from '../../src/workflow/types.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const bob: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };
const carol: Actor = { id: 'U0CAROL', name: 'carol', via: 'slack' };
const allow = () => ({ allowed: true as const });

// why: staging-db's writer resized in place is down 0.1–0.2 s here instead of 5–10 min.
const world = worldWith({ outages: { modify: { mode: 'refuse', min: 2000, max: 4000 } } });

const awaiting = (r: Run) => r.status === 'awaiting_approval' && r.gate !== undefined;

function eventsOf<T extends EngineEvent['type']>(h: Harness, runId: string, type: T) {
  return h.entries
    .filter((e) => e.runId === runId && e.event.type === type)
    .map((e) => e.event as Extract<EngineEvent, { type: T }>);
}

async function inplaceRun(h: Harness) {
  const run = await h.engine.createRun({
    clusterAlias: 'staging-db',
    targetClass: 'r6g.xlarge',
    strategy: 'inplace',
    requester: alice,
  });
  return h.waitFor(run.id, awaiting);
}

describe('approval gates', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ emulator: { world } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when stale prompts and disallowed actors decide, then they are refused and audited; a valid approval then runs the step', async () => {
    const run = await inplaceRun(h);
    const gate = run.gate!;
    expect(gate.step).toBe('modify-writer');
    expect(gate.action).toMatch(/staging-db-instance-1 to db\.r6g\.xlarge/);
    expect(gate.evidence.lines.join('\n')).toMatch(
      /staging-db-instance-1 db\.r6g\.large available/,
    );
    expect(gate.probeReachable).toBe(true);

    const base = {
      runId: run.id,
      gateId: gate.id,
      nonce: gate.nonce,
      decision: 'approve' as const,
    };
    expect(await h.engine.decide({ ...base, nonce: 'f00d', actor: bob }, allow)).toMatchObject({
      ok: false,
      code: 'stale_gate',
    });
    expect(
      await h.engine.decide({ ...base, gateId: 'modify-writer-9', actor: bob }, allow),
    ).toMatchObject({ ok: false, code: 'stale_gate' });
    const deny = () => ({
      allowed: false as const,
      code: 'not_approver',
      reason: 'carol is not an approver of staging-db',
    });
    expect(await h.engine.decide({ ...base, actor: carol }, deny)).toEqual({
      ok: false,
      code: 'not_allowed',
      reason: 'carol is not an approver of staging-db',
    });
    expect(await h.engine.decide({ ...base, runId: 'r-nope', actor: bob }, allow)).toMatchObject({
      ok: false,
      code: 'unknown_run',
    });
    expect(h.mutatingCalls()).toEqual([]);

    expect(await h.engine.decide({ ...base, actor: bob }, allow)).toEqual({ ok: true });
    const final = await h.waitFor(run.id, (r) => r.status === 'succeeded' || r.status === 'failed');
    expect(final.status).toBe('succeeded');
    expect(h.okCalls('ModifyDBInstance')).toHaveLength(1);

    const audit = await h.engine.audit(run.id);
    const refused = audit
      .map((e) => e.event)
      .filter((e) => e.type === 'gate.refused')
      .map((e) => [e.code, e.actor.id]);
    expect(refused).toEqual([
      ['stale_gate', 'U0BOB'],
      ['stale_gate', 'U0BOB'],
      ['not_allowed', 'U0CAROL'],
    ]);
    const decided = audit.map((e) => e.event).filter((e) => e.type === 'gate.decided');
    expect(decided).toEqual([
      {
        type: 'gate.decided',
        gateId: gate.id,
        step: 'modify-writer',
        decision: 'approve',
        actor: bob,
      },
    ]);
    expect(await h.engine.decide({ ...base, actor: bob }, allow)).toMatchObject({
      ok: false,
      code: 'run_finished',
    });
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when two people decide at the same moment, then exactly one decision wins and the other is told it was already decided', async () => {
    await h.emulator.reset();
    const run = await inplaceRun(h);
    const gate = run.gate!;
    const ask = (actor: Actor, decision: 'approve' | 'reject') =>
      h.engine.decide(
        { runId: run.id, gateId: gate.id, nonce: gate.nonce, actor, decision },
        allow,
      );
    const results = await Promise.all([ask(alice, 'reject'), ask(bob, 'approve')]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toMatchObject([{ ok: false, code: 'already_decided' }]);
    const final = await h.waitFor(
      run.id,
      (r) => !['awaiting_approval', 'running', 'waiting'].includes(r.status),
    );
    const aliceWon = results[0]?.ok === true;
    expect(final.status).toBe(aliceWon ? 'rejected' : 'succeeded');
    expect(eventsOf(h, run.id, 'gate.decided').map((e) => e.actor.id)).toEqual([
      aliceWon ? 'U0ALICE' : 'U0BOB',
    ]);
  });

  it('when a decision comes between the gate being stored and being announced, then the audit log still shows the opening first, once', async () => {
    await h.emulator.reset();
    const run = await inplaceRun(h);
    // The state a worker leaves for a moment (or longer, while Redis is away): the gate stored
    // on the run, its gate.opened not yet appended.
    const gate = { ...run.gate!, id: 'modify-writer-9', nonce: 'n-not-yet-announced' };
    const key = `${h.prefix}:run:${run.id}`;
    const stored = JSON.parse((await h.redis.get(key)) ?? '{}') as Run;
    await h.redis.set(key, JSON.stringify({ ...stored, gate }));
    const result = await h.engine.decide(
      { runId: run.id, gateId: gate.id, nonce: gate.nonce, actor: bob, decision: 'approve' },
      allow,
    );
    expect(result).toEqual({ ok: true });
    await h.waitFor(run.id, (r) => r.status === 'succeeded');
    const forGate = (await h.engine.audit(run.id)).flatMap((e) =>
      (e.event.type === 'gate.opened' && e.event.gate.id === gate.id) ||
      (e.event.type === 'gate.decided' && e.event.gateId === gate.id)
        ? [e.event.type]
        : [],
    );
    expect(forGate).toEqual(['gate.opened', 'gate.decided']);
  });

  it('when a gate is rejected, then the run ends rejected before the step, releases the lock and makes no call', async () => {
    await h.emulator.reset();
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      strategy: 'failover',
      requester: alice,
    });
    const { gateStep, result } = await h.decideCurrent(run.id, bob, 'reject');
    expect(gateStep).toBe('failover');
    expect(result).toEqual({ ok: true });
    const final = await h.waitFor(run.id, (r) => r.status === 'rejected');
    expect(final.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'pending']);
    expect(h.mutatingCalls().map((c) => c.action)).toEqual(['CreateDBInstance']);
    expect(await h.engine.liveRunForCluster('prod-db')).toBeUndefined();
    expect(eventsOf(h, run.id, 'run.finished').map((e) => e.status)).toEqual(['rejected']);
    const next = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      requester: alice,
      dryRun: true,
    });
    await h.waitFor(next.id, (r) => r.status === 'succeeded');
  });

  it('when the facts change between the prompt and the approval, then the approval is refused and a fresh gate with a new nonce is opened', async () => {
    await h.emulator.reset();
    const run = await h.engine.createRun({
      clusterAlias: 'prod-db',
      targetClass: 'r6g.2xlarge',
      strategy: 'failover',
      requester: alice,
    });
    const first = (await h.waitFor(run.id, awaiting)).gate!;
    expect(first.evidence.lines.join('\n')).toMatch(/writer prod-db-instance-1/);

    // someone fails production over by hand while the prompt is open
    const rds = new RDSClient({ region: 'ap-northeast-2' });
    await rds.send(
      new FailoverDBClusterCommand({
        DBClusterIdentifier: 'prod-db',
        TargetDBInstanceIdentifier: 'prod-db-instance-2',
      }),
    );
    rds.destroy();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = h.emulator.state() as { clusters: { identifier: string; status: string }[] };
      if (state.clusters.find((c) => c.identifier === 'prod-db')?.status === 'available') break;
      if (Date.now() > deadline) throw new Error('manual failover did not finish');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const approve = (gate: typeof first) =>
      h.engine.decide(
        { runId: run.id, gateId: gate.id, nonce: gate.nonce, actor: bob, decision: 'approve' },
        allow,
      );
    expect(await approve(first)).toEqual({ ok: true });
    const second = (await h.waitFor(run.id, (r) => awaiting(r) && r.gate?.id !== first.id)).gate!;
    expect(second.id).not.toBe(first.id);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.evidence.lines.join('\n')).toMatch(/writer prod-db-instance-2/);
    const refusal = eventsOf(h, run.id, 'gate.refused').find((e) => e.code === 'evidence_changed');
    expect(refusal).toMatchObject({ gateId: first.id, step: 'failover', actor: bob });
    expect(refusal?.reason).toMatch(/prod-db-instance-2/);
    // the re-armed gate has not executed anything
    expect(h.okCalls('FailoverDBCluster')).toHaveLength(1);
    expect(await approve(first)).toMatchObject({ ok: false, code: 'stale_gate' });

    expect(await approve(second)).toEqual({ ok: true });
    const final = await h.waitFor(run.id, (r) => r.status === 'succeeded' || r.status === 'failed');
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(h.okCalls('FailoverDBCluster')).toHaveLength(2);
  });
});

describe('approval gates that expire', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      emulator: { world },
      configOverrides: { 'approvalTimeout: 4h': 'approvalTimeout: 1500ms' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when nobody decides in time, then the run expires keeping its lock, resume opens a fresh gate and cancel ends it', async () => {
    const run = await inplaceRun(h);
    const first = run.gate!;
    const expired = await h.waitFor(run.id, (r) => r.status === 'expired', 10_000);
    expect(eventsOf(h, run.id, 'gate.expired')).toEqual([
      { type: 'gate.expired', gateId: first.id, step: 'modify-writer' },
    ]);
    expect(
      await h.engine.decide(
        { runId: run.id, gateId: first.id, nonce: first.nonce, actor: bob, decision: 'approve' },
        allow,
      ),
    ).toMatchObject({ ok: false, code: 'stale_gate' });

    const busy = await h.engine
      .createRun({ clusterAlias: 'staging-db', targetClass: 'r6g.xlarge', requester: alice })
      .catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(UserError);
    expect((busy as UserError).code).toBe('cluster_busy');
    expect((busy as UserError).message).toContain(run.id);
    expect((busy as UserError).message).toContain('expired');
    expect((await h.engine.liveRunForCluster('staging-db'))?.id).toBe(expired.id);

    expect(await h.engine.resume(run.id, bob)).toMatchObject({ ok: true });
    const again = await h.waitFor(run.id, (r) => r.gate !== undefined && r.gate.id !== first.id);
    expect(again.gate?.step).toBe('modify-writer');
    expect(again.gate?.nonce).not.toBe(first.nonce);
    expect(await h.engine.resume(run.id, bob)).toMatchObject({ ok: false });

    expect(await h.engine.cancel(run.id, bob)).toMatchObject({ ok: true });
    const final = await h.waitFor(run.id, (r) => r.status === 'cancelled', 10_000);
    expect(final.steps.at(-1)).toMatchObject({ name: 'cancel-cleanup', status: 'skipped' });
    expect(h.mutatingCalls()).toEqual([]);
    expect(await h.engine.liveRunForCluster('staging-db')).toBeUndefined();
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });
});

describe('a gate whose probe cannot reach the database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      emulator: { world },
      configOverrides: { 'user: root': 'user: aurora_bot_no_such_user' },
      timing: { baselineTimeoutMs: 1000 },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when the probe cannot log in, then the prompt says the outage will not be measured and an approval still runs the step', async () => {
    const run = await inplaceRun(h);
    expect(run.gate?.probeReachable).toBe(false);
    await h.decideCurrent(run.id, bob);
    const final = await h.waitFor(run.id, (r) => r.status === 'succeeded' || r.status === 'failed');
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(final.probeReports['modify-writer']?.writer.baselineEstablished).toBe(false);
  });
});
