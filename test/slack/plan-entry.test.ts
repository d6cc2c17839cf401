import { describe, expect, it } from 'vitest';
import { planEntry, progressPosted } from '../../src/slack/outbox/plan-entry.js';
import type { EngineEvent } from '../../src/workflow/types.js';
import { aGate, aRun, entriesOf, T0 } from './helpers/fixtures.js';

const run = aRun();
const bob = { id: 'U0BOB', via: 'slack' } as const;

function plan(
  events: (EngineEvent | { event: EngineEvent; at: string })[],
  index = events.length - 1,
) {
  const entries = entriesOf(events);
  return planEntry({ run, entries, index, twoPersonRule: true, progressIntervalMs: 300_000 });
}

function shape(p: ReturnType<typeof plan>) {
  return p.ops.map((op) =>
    op.kind === 'post'
      ? `post${op.broadcast ? '+broadcast' : ''}${op.rememberGate ? `:${op.rememberGate}` : ''}`
      : `update:${op.gateId}`,
  );
}

const created: EngineEvent = {
  type: 'run.created',
  requester: run.requester,
  strategy: 'bluegreen',
  targetClass: 'db.r6g.2xlarge',
  dryRun: false,
};

describe('planEntry', () => {
  it('when AWS calls or the creation are logged, then nothing is posted on their own', () => {
    expect(plan([created]).ops).toEqual([]);
    expect(
      plan([
        created,
        { type: 'aws.call', step: 'preflight', action: 'X', target: 't', requestId: 'r' },
      ]).ops,
    ).toEqual([]);
  });

  it('when a gate opens while an older prompt is open, then the old one is closed and the new one posted and broadcast', () => {
    const p = plan([
      created,
      { type: 'gate.opened', gate: aGate({ id: 'g1' }) },
      { type: 'gate.opened', gate: aGate({ id: 'g2' }) },
    ]);
    expect(shape(p)).toEqual(['update:g1', 'post+broadcast:g2']);
    expect(p.rootDirty).toBe(true);
  });

  it('when a gate is decided, then its prompt is rewritten in the decider time zone', () => {
    const p = plan([
      created,
      { type: 'gate.opened', gate: aGate({ id: 'g1' }) },
      { type: 'gate.decided', gateId: 'g1', step: 'switchover', decision: 'approve', actor: bob },
    ]);
    expect(shape(p)).toEqual(['update:g1']);
    const [op] = p.ops;
    if (op?.kind !== 'update-gate') throw new Error('update expected');
    expect(op.tzUser).toBe('U0BOB');
    expect(JSON.stringify(op.build('Asia/Seoul').blocks)).toContain('(23:00 Asia/Seoul)');
  });

  it('when a gate decided in advance has no prompt, then a note is posted instead', () => {
    const p = plan([
      created,
      {
        type: 'gate.decided',
        gateId: 'g9',
        step: 'switchover',
        decision: 'approve',
        actor: bob,
        preApproved: true,
      },
    ]);
    expect(shape(p)).toEqual(['post']);
    expect(p.ops[0]?.build().text).toContain('pre-approved');
  });

  it('when a step finishes, then the AWS calls since it last started are in its reply', () => {
    const events: EngineEvent[] = [
      created,
      { type: 'step.started', step: 'switchover', title: 'Switch over' },
      {
        type: 'aws.call',
        step: 'switchover',
        action: 'Old',
        target: 't',
        requestId: 'before-restart',
      },
      { type: 'step.started', step: 'switchover', title: 'Switch over' },
      {
        type: 'aws.call',
        step: 'switchover',
        action: 'SwitchoverBlueGreenDeployment',
        target: 'bgd',
        requestId: 'req-42',
      },
      { type: 'step.finished', step: 'switchover', title: 'Switch over', durationMs: 31_000 },
    ];
    const text = JSON.stringify(plan(events).ops[0]?.build().blocks);
    expect(text).toContain('req-42');
    expect(text).not.toContain('before-restart');
  });

  it('when progress is reported often, then at most one reply per interval is posted per step', () => {
    const at = (s: number) => new Date(T0 + s * 1000).toISOString();
    const events = [
      { event: created, at: at(0) },
      ...[0, 60, 200, 301, 400, 700].map((s) => ({
        event: { type: 'step.progress', step: 'create-green', message: `t=${s}` } as EngineEvent,
        at: at(s),
      })),
    ];
    const entries = entriesOf(events);
    const posted = entries.map((_, i) => progressPosted(entries, i, 300_000));
    expect(posted).toEqual([false, true, false, false, true, false, true]);
  });

  it('when a run fails with a prompt open, then the prompt is closed, the error posted and the summary broadcast', () => {
    const p = plan([
      created,
      { type: 'gate.opened', gate: aGate({ id: 'g1' }) },
      { type: 'run.failed', error: { code: 'aws_error', message: 'boom', hint: 'retry' } },
    ]);
    expect(shape(p)).toEqual(['update:g1', 'post', 'post+broadcast']);
  });

  it('when the same entry is planned twice, then the same list comes out (resumable by index)', () => {
    const events: EngineEvent[] = [
      created,
      { type: 'gate.opened', gate: aGate({ id: 'g1' }) },
      { type: 'run.finished', status: 'cancelled', summary: 'stopped' },
    ];
    expect(shape(plan(events))).toEqual(shape(plan(events)));
    expect(shape(plan(events))).toEqual(['update:g1', 'post+broadcast']);
  });
});
