/** Fixture factories for the Slack front's unit tests: a run, a gate, a probe report, audit entries. */
import type { ClusterConfig } from '../../../src/config.js';
import type { ProbeReport } from '../../../src/probe/types.js';
import { GENESIS_HASH, makeEntry } from '../../../src/workflow/audit-chain.js';
import type { AuditEntry, EngineEvent, Gate, Plan, Run } from '../../../src/workflow/types.js';

export const T0 = Date.parse('2026-11-26T14:00:00.000Z');

export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'r-mfa1k2x3-7q2z',
    cluster: {
      alias: 'prod-db',
      clusterIdentifier: 'prod-db',
      region: 'ap-northeast-2',
      environment: 'production',
    },
    targetClass: 'db.r6g.2xlarge',
    strategy: 'bluegreen',
    options: {
      oldWriter: 'resize',
      resizeReaders: false,
      binlogFormat: 'ROW',
      switchoverTimeoutS: 300,
      finalSnapshot: true,
      dryRun: false,
    },
    requester: { id: 'U0ALICE', name: 'alice', via: 'slack' },
    slack: { channel: 'C0OPS' },
    status: 'running',
    steps: [
      {
        name: 'preflight',
        title: 'Preflight checks',
        status: 'done',
        startedAt: '2026-11-26T14:00:00.000Z',
        endedAt: '2026-11-26T14:00:02.100Z',
      },
      {
        name: 'create-green',
        title: 'Create the green environment',
        status: 'running',
        startedAt: '2026-11-26T14:00:03.000Z',
        note: 'green 60% (3/5 tasks)',
      },
      { name: 'switchover', title: 'Switch over to green', status: 'pending' },
    ],
    cursor: 1,
    context: {},
    probeReports: {},
    mutations: [],
    jobId: 'r-mfa1k2x3-7q2z',
    createdAt: '2026-11-26T14:00:00.000Z',
    updatedAt: '2026-11-26T14:00:03.000Z',
    ...overrides,
  };
}

export function aGate(overrides: Partial<Gate> = {}): Gate {
  return {
    id: 'g-switchover-1',
    step: 'switchover',
    nonce: 'n0nce123',
    title: 'Switch over to green',
    action: 'Switch production to the green cluster; writes stop until DNS moves.',
    expectedOutage: 'about 30 s',
    evidence: {
      lines: ['green deployment bgd-1 AVAILABLE', 'prod-db-instance-1 db.r6g.2xlarge available'],
      digest: 'abc123',
    },
    openedAt: '2026-11-26T14:50:00.000Z',
    deadline: '2026-11-26T18:50:00.000Z',
    probeReachable: true,
    ...overrides,
  };
}

export function aPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    cluster: aRun().cluster,
    engineVersion: '8.0.mysql_aurora.3.05.2',
    currentClass: 'db.r6g.large',
    targetClass: 'db.r6g.2xlarge',
    strategy: 'bluegreen',
    topology: [
      { id: 'prod-db-instance-1', role: 'writer', class: 'db.r6g.large', status: 'available' },
      { id: 'prod-db-instance-2', role: 'reader', class: 'db.r6g.large', status: 'available' },
    ],
    steps: [
      {
        name: 'preflight',
        title: 'Preflight checks',
        detail: 'look at the cluster',
        disruptive: false,
        gated: false,
        expectedMs: 30_000,
      },
      {
        name: 'switchover',
        title: 'Switch over to green',
        detail: 'switch',
        disruptive: true,
        gated: true,
        expectedMs: 120_000,
      },
    ],
    warnings: [],
    expectedOutage: 'about 30 s at switchover',
    ...overrides,
  };
}

export function aProbeReport(overrides: Partial<ProbeReport> = {}): ProbeReport {
  const latency = { p50: 2, p99: 9, max: 15 };
  return {
    runId: 'p1',
    startedAt: '2026-11-26T14:51:00.000Z',
    endedAt: '2026-11-26T14:53:00.000Z',
    intervalMs: 100,
    timeoutMs: 1000,
    readOnly: false,
    baselineEstablished: true,
    writer: {
      endpoint: 'prod-db.cluster-x:3306',
      baselineEstablished: true,
      ops: 1200,
      ok: 927,
      failed: 273,
      skipped: 0,
      outages: [
        {
          start: '2026-11-26T14:51:30.050Z',
          end: '2026-11-26T14:51:57.350Z',
          durationMs: 27_300,
          lowerMs: 27_200,
          upperMs: 27_400,
          failedOps: 273,
          errors: { reset: 3, refused: 270 },
          firstError: 'ECONNRESET',
          ongoing: false,
          beforeBaseline: false,
        },
      ],
      totalOutageMs: 27_300,
      latencyMs: latency,
      latencyBeforeMs: latency,
      latencyAfterMs: latency,
    },
    reader: {
      endpoint: 'prod-db.cluster-ro-x:3306',
      baselineEstablished: true,
      ops: 1200,
      ok: 1200,
      failed: 0,
      skipped: 0,
      outages: [],
      totalOutageMs: 0,
      latencyMs: latency,
      latencyBeforeMs: null,
      latencyAfterMs: null,
      maxLagMs: 120,
    },
    writes: { acknowledged: 927, lost: 0, ambiguous: 1, verified: true },
    ...overrides,
  };
}

/** A real hash-chained log of `events`, one second apart from T0 unless `at` is given. */
export function entriesOf(
  events: (EngineEvent | { event: EngineEvent; at: string })[],
  runId = aRun().id,
): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  events.forEach((item, seq) => {
    const { event, at } =
      'event' in item ? item : { event: item, at: new Date(T0 + seq * 1000).toISOString() };
    const entry = makeEntry(runId, seq, at, event, prev);
    prev = entry.hash;
    out.push(entry);
  });
  return out;
}

export function aClusterConfig(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    alias: 'prod-db',
    clusterIdentifier: 'prod-db',
    region: 'ap-northeast-2',
    environment: 'production',
    requesters: ['U0ALICE', 'S0DBTEAM'],
    approvers: ['U0BOB', 'S0DBLEADS'],
    twoPersonRule: true,
    probePassword: undefined,
    ...overrides,
  };
}
