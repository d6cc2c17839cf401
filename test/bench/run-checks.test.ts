import { describe, expect, it } from 'vitest';
import { checkAuditEvents, checkMutations, lostApprovals } from '../../bench/lib/run-checks.js';
import type { CallLogEntry } from '../../src/sim/rds/index.js';
import {
  type AuditEntry,
  type EngineEvent,
  type Run,
  UNCONFIRMED_REQUEST_ID,
} from '../../src/workflow/types.js';

const run = {
  id: 'r-abc123-wxyz',
  cluster: {
    alias: 'kill-001',
    clusterIdentifier: 'kill-001',
    region: 'ap-northeast-2',
    environment: 'production',
  },
  strategy: 'inplace',
  status: 'succeeded',
  steps: [
    { name: 'preflight', title: 'Preflight', status: 'done' },
    { name: 'modify-writer', title: 'Resize', status: 'done' },
    { name: 'modify-readers', title: 'Readers', status: 'skipped' },
  ],
  context: {},
} as unknown as Run;

const call = (
  action: string,
  params: Record<string, string>,
  outcome = 'ok',
  requestId = Math.random().toString(36),
): CallLogEntry => ({
  time: new Date().toISOString(),
  action,
  params,
  outcome,
  requestId,
});

const log = (events: EngineEvent[]): AuditEntry[] =>
  events.map((event, seq) => ({ seq, at: '', runId: run.id, event, prevHash: '', hash: '' }));

const cleanEvents: EngineEvent[] = [
  {
    type: 'run.created',
    requester: { id: 'U1', via: 'slack' },
    strategy: 'inplace',
    targetClass: 'db.r6g.2xlarge',
    dryRun: false,
  },
  { type: 'step.started', step: 'preflight', title: '' },
  { type: 'step.finished', step: 'preflight', title: '', durationMs: 1 },
  { type: 'step.started', step: 'modify-writer', title: '' },
  { type: 'step.finished', step: 'modify-writer', title: '', durationMs: 1 },
  {
    type: 'step.finished',
    step: 'modify-readers',
    title: '',
    durationMs: 0,
    skipped: 'no readers',
  },
  { type: 'run.finished', status: 'succeeded', summary: '' },
];

describe('mutation checks on the emulator call log', () => {
  it('when the same reboot is accepted twice, then it counts one duplicate', () => {
    const calls = [
      call('RebootDBInstance', { DBInstanceIdentifier: 'kill-001-instance-1' }),
      call('RebootDBInstance', { DBInstanceIdentifier: 'kill-001-instance-1' }),
      call('RebootDBInstance', { DBInstanceIdentifier: 'kill-002-instance-1' }),
    ];
    const result = checkMutations(run, calls, []);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toEqual([
      {
        action: 'RebootDBInstance',
        params: { DBInstanceIdentifier: 'kill-001-instance-1' },
        times: 2,
      },
    ]);
  });

  it('when a repeat was throttled or the changes differ, then it is not a duplicate', () => {
    const calls = [
      call(
        'ModifyDBInstance',
        { DBInstanceIdentifier: 'kill-001-instance-1', DBInstanceClass: 'db.r6g.2xlarge' },
        'Throttling',
      ),
      call('ModifyDBInstance', {
        DBInstanceIdentifier: 'kill-001-instance-1',
        DBInstanceClass: 'db.r6g.2xlarge',
      }),
      call('ModifyDBCluster', { DBClusterIdentifier: 'kill-001', DeletionProtection: 'true' }),
      call('ModifyDBCluster', {
        DBClusterIdentifier: 'kill-001',
        DBClusterParameterGroupName: 'kill-001-binlog',
      }),
      call('DescribeDBClusters', { DBClusterIdentifier: 'kill-001' }),
    ];
    const result = checkMutations(run, calls, []);
    expect(result.duplicates).toEqual([]);
    expect(result.accepted).toBe(3);
    expect(result.refused).toEqual({ Throttling: 1 });
  });

  it('when an accepted call has no aws.call entry with its request id, then it is reported unaudited', () => {
    const calls = [
      call('ModifyDBInstance', { DBInstanceIdentifier: 'kill-001-instance-1' }, 'ok', 'req-1'),
      call('ModifyDBInstance', { DBInstanceIdentifier: 'kill-001-instance-2' }, 'ok', 'req-2'),
    ];
    const entries = log([
      {
        type: 'aws.call',
        step: 'modify-writer',
        action: 'ModifyDBInstance',
        target: 'kill-001-instance-1',
        requestId: 'req-1',
      },
    ]);
    expect(checkMutations(run, calls, entries).unaudited).toEqual([
      { action: 'ModifyDBInstance', requestId: 'req-2' },
    ]);
  });

  it('when an accepted call is audited as unconfirmed, then it is counted apart, not unaudited', () => {
    const calls = [
      call('RebootDBInstance', { DBInstanceIdentifier: 'kill-001-instance-1' }, 'ok', 'req-1'),
    ];
    const unconfirmed: EngineEvent = {
      type: 'aws.call',
      step: 'modify-writer',
      action: 'RebootDBInstance',
      target: 'kill-001-instance-1',
      requestId: UNCONFIRMED_REQUEST_ID,
    };
    const recorded = log([unconfirmed]).map((e) => ({ ...e, at: new Date().toISOString() }));
    const result = checkMutations(run, calls, recorded);
    expect(result.unaudited).toEqual([]);
    expect(result.unconfirmed).toBe(1);
    // A call that reached RDS only after the unconfirmed entry was written is not covered by it.
    const early = recorded.map((e) => ({ ...e, at: new Date(Date.now() - 60_000).toISOString() }));
    expect(checkMutations(run, calls, early).unaudited).toEqual([
      { action: 'RebootDBInstance', requestId: 'req-1' },
    ]);
    // An unconfirmed entry followed by the real call (AWS never got the first) is no duplicate.
    const retried = log([
      ...cleanEvents,
      unconfirmed,
      { ...unconfirmed, requestId: 'req-1' } as EngineEvent,
    ]);
    expect(checkAuditEvents(run, retried).duplicates).toEqual([]);
  });
});

describe('audit event checks', () => {
  it('when every event appears once, then nothing is reported', () => {
    expect(checkAuditEvents(run, log(cleanEvents))).toEqual({ duplicates: [], missing: [] });
  });

  it('when a step finished twice and another never finished, then both are reported', () => {
    const events = cleanEvents.filter(
      (e) => !(e.type === 'step.finished' && e.step === 'preflight'),
    );
    events.push({ type: 'step.finished', step: 'modify-writer', title: '', durationMs: 2 });
    const result = checkAuditEvents(run, log(events));
    expect(result.duplicates).toEqual(['step.finished modify-writer ×2']);
    expect(result.missing).toEqual(['step.finished preflight ×0 (expected 1)']);
  });
});

describe('lost approvals', () => {
  const approval = { runId: run.id, gateId: 'modify-writer-1', step: 'modify-writer' };
  const decided: EngineEvent = {
    type: 'gate.decided',
    gateId: 'modify-writer-1',
    step: 'modify-writer',
    decision: 'approve',
    actor: { id: 'U0BOB', via: 'slack' },
  };

  it('when the gated step finished after the decision, then the approval is not lost', () => {
    const entries = log([
      decided,
      { type: 'step.finished', step: 'modify-writer', title: '', durationMs: 1 },
    ]);
    expect(lostApprovals([approval], () => entries)).toEqual({ lost: [], reasked: 0 });
  });

  it('when the decision never reached the audit log or the step never ran, then it is lost', () => {
    expect(lostApprovals([approval], () => log([])).lost).toHaveLength(1);
    expect(lostApprovals([approval], () => log([decided])).lost[0]?.why).toBe(
      'the gated step never finished',
    );
  });
});
