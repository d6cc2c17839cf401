import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AuditEntry, Run } from '../../src/workflow/types.js';
import { runCli } from '../helpers/cli.js';
import { type Harness, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };

describe('the audit log of a run', () => {
  let h: Harness;
  let run: Run;
  const auditKey = () => `${h.prefix}:audit:${run.id}`;
  const verifyCli = () =>
    runCli(['audit', 'verify', run.id], {
      env: {
        REDIS_URL: h.redisUrl,
        AURORA_BOT_QUEUE_PREFIX: h.prefix,
        AURORA_BOT_CONFIG: 'aurora-bot.sim.yaml',
      },
      timeoutMs: 20_000,
    });

  beforeAll(async () => {
    h = await startHarness({
      // why: staging-db's writer resized in place is down 0.1–0.2 s here.
      emulator: {
        world: worldWith({ outages: { modify: { mode: 'refuse', min: 2000, max: 4000 } } }),
      },
    });
    const created = await h.inplaceRun(alice);
    run = await h.waitFor(created.id, (r) => r.status === 'succeeded' || r.status === 'failed');
  });
  afterAll(async () => {
    await h.close();
  });

  it('when a run has finished, then its chain verifies and records steps, AWS request ids, the approval and the probe report', async () => {
    expect(run.status).toBe('succeeded');
    const entries = await h.engine.audit(run.id);
    expect(await h.engine.verifyAudit(run.id)).toEqual({ ok: true, entries: entries.length });
    for (const [i, entry] of entries.entries()) {
      expect(entry.seq).toBe(i);
      if (i > 0) expect(entry.prevHash).toBe(entries[i - 1]?.hash);
    }
    const events = entries.map((e) => e.event);
    const call = events.find((e) => e.type === 'aws.call');
    expect(call).toMatchObject({ action: 'ModifyDBInstance', target: 'staging-db-instance-1' });
    const requestId = h.okCalls('ModifyDBInstance')[0]?.requestId;
    expect(requestId).toBeTruthy();
    expect(call?.type === 'aws.call' && call.requestId).toBe(requestId);
    expect(run.mutations.map((m) => m.requestId)).toEqual([requestId]);
    expect(events.find((e) => e.type === 'gate.decided')).toMatchObject({
      decision: 'approve',
      actor: alice,
      preApproved: true,
    });
    expect(events.filter((e) => e.type === 'probe.report')).toHaveLength(1);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'step.started')).toHaveLength(2);
    expect(types.filter((t) => t === 'step.finished')).toHaveLength(2);
    expect(types[0]).toBe('run.created');
    expect(types.at(-1)).toBe('run.finished');

    const cli = await verifyCli();
    expect(cli.stderr).not.toMatch(/BROKEN/);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`Audit log of ${run.id} verified: ${entries.length} entries`);
  });

  it('when one stored entry is altered in Redis, then verification reports the broken link at that entry and the CLI exits 1', async () => {
    const index = 3;
    const raw = await h.redis.lindex(auditKey(), index);
    const entry = JSON.parse(raw ?? '{}') as AuditEntry;
    const forged = { ...entry, at: '2020-01-01T00:00:00.000Z' };
    await h.redis.lset(auditKey(), index, JSON.stringify(forged));

    const verdict = await h.engine.verifyAudit(run.id);
    expect(verdict).toMatchObject({ ok: false, brokenAt: index });
    expect(verdict.ok === false && verdict.reason).toMatch(/altered/);

    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`BROKEN at entry ${index}`);

    await h.redis.lset(auditKey(), index, raw ?? '');
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when an entry is removed, then the chain breaks where it was', async () => {
    const index = 2;
    const raw = await h.redis.lindex(auditKey(), index);
    await h.redis.lset(auditKey(), index, '__gone__');
    await h.redis.lrem(auditKey(), 1, '__gone__');
    const verdict = await h.engine.verifyAudit(run.id);
    expect(verdict).toMatchObject({ ok: false, brokenAt: index });
    expect(raw).toBeTruthy();
  });
});
