import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, type Run, UNCONFIRMED_REQUEST_ID } from '../../src/workflow/types.js';
import { type Harness, startHarness } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };
const ended = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

/** The `aws.call` audit events of a run, as [action, request id]. */
async function auditedCalls(h: Harness, runId: string): Promise<[string, string][]> {
  return (await h.engine.audit(runId)).flatMap((e) =>
    e.event.type === 'aws.call' ? [[e.event.action, e.event.requestId] as [string, string]] : [],
  );
}

describe('a changing AWS call whose answer never reaches the run', () => {
  let h: Harness;
  beforeAll(async () => {
    // why: an in-place resize takes the writer down for minutes; scaled down to well under 1 s.
    h = await startHarness({ worker: false, emulator: { outageScale: 0.001 } });
    h.engine.startWorker({ concurrency: 2, lockDurationMs: 5000, stalledIntervalMs: 1000 });
  });
  beforeEach(async () => {
    await h.emulator.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('when AWS fails on its side, then the call is audited as unconfirmed, the step looks again, and the resize is made once', async () => {
    h.emulator.setFaults({
      failNext: [{ action: 'ModifyDBInstance', code: 'InternalFailure', status: 500 }],
    });
    const run = await h.inplaceRun(alice);
    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('succeeded');
    expect(final.pendingCall).toBeUndefined();
    const accepted = h.okCalls('ModifyDBInstance');
    expect(accepted).toHaveLength(1);
    expect(await auditedCalls(h, run.id)).toEqual([
      ['ModifyDBInstance', UNCONFIRMED_REQUEST_ID],
      ['ModifyDBInstance', accepted[0]?.requestId],
    ]);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });

  it('when AWS refuses the call, then nothing is audited as sent and the run fails with AWS’s reason', async () => {
    h.emulator.setFaults({
      failNext: [{ action: 'ModifyDBInstance', code: 'InvalidParameterCombination', status: 400 }],
    });
    const run = await h.inplaceRun(alice);
    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('failed');
    expect(final.error?.code).toBe('aws_InvalidParameterCombination');
    expect(final.pendingCall).toBeUndefined();
    expect(await auditedCalls(h, run.id)).toEqual([]);
  });
});

describe('a worker that stopped between sending a call and saving its answer', () => {
  let h: Harness;
  beforeAll(async () => {
    // why: an in-place resize takes the writer down for minutes; scaled down to well under 1 s.
    h = await startHarness({ worker: false, emulator: { outageScale: 0.001 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when the next activation finds the pending call, then it is audited once as unconfirmed and the run goes on', async () => {
    const run = await h.inplaceRun(alice);
    // The state such a worker leaves behind: the call marked as sent, no answer saved.
    const key = `${h.prefix}:run:${run.id}`;
    const stored = JSON.parse((await h.redis.get(key)) ?? '{}') as Run;
    const pendingCall = {
      step: 'modify-writer' as const,
      action: 'ModifyDBInstance',
      target: 'staging-db-instance-1',
      at: new Date().toISOString(),
    };
    await h.redis.set(key, JSON.stringify({ ...stored, pendingCall }));
    h.engine.startWorker({ concurrency: 2, lockDurationMs: 5000, stalledIntervalMs: 1000 });
    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('succeeded');
    expect(final.pendingCall).toBeUndefined();
    const calls = await auditedCalls(h, run.id);
    expect(calls.filter(([, id]) => id === UNCONFIRMED_REQUEST_ID)).toEqual([
      ['ModifyDBInstance', UNCONFIRMED_REQUEST_ID],
    ]);
    expect(calls[0]).toEqual(['ModifyDBInstance', UNCONFIRMED_REQUEST_ID]);
  });
});
