/**
 * An RDS throttling storm: the emulator answers `Throttling` beyond 2 requests/s for the whole
 * account (as if other tools ate the quota), while the bot's own budget allows 10/s. Every run
 * must still complete; none may fail because of throttling, and no mutating call may repeat.
 */
import { STRATEGIES } from '../../src/config.js';
import type { CallLogEntry } from '../../src/sim/rds/index.js';
import { type Actor, isLive, type Run } from '../../src/workflow/types.js';
import { waitForRuns } from '../lib/bench-engine.js';
import { callRate } from '../lib/call-rate.js';
import {
  CHAOS_CONFIG,
  CHAOS_OUTAGE_SCALE,
  CHAOS_SPEED,
  CHAOS_TIMING,
  CHAOS_WORKER,
  chaosWorld,
} from '../lib/chaos-world.js';
import { machine } from '../lib/machine.js';
import { openRig } from '../lib/rig.js';
import { callsOfRun } from '../lib/run-checks.js';
import { checkRuns } from '../lib/run-report.js';
import { type Scenario, target } from '../lib/scenario.js';
import { type RdsThrottleData, rdsThrottleSection } from './rds-throttle-report.js';

const requester: Actor = { id: 'cli:bench', name: 'bench', via: 'cli' };
const THROTTLE_RPS = 2;
const callLine = (c: CallLogEntry) =>
  `${c.time.slice(11, 23)} ${c.action} ${c.params.DBInstanceIdentifier ?? c.params.DBClusterIdentifier ?? c.params.DBClusterParameterGroupName ?? ''} → ${c.outcome}`;
const where = (r: Run) =>
  `${r.strategy} ${r.status}${isLive(r.status) ? ` at ${r.steps[r.cursor]?.name ?? 'end'}${r.steps[r.cursor]?.note?.startsWith('AWS busy') ? ` (${r.steps[r.cursor]?.note})` : ''}` : ''}`;
const BOT_BUDGET = 10;

export const rdsThrottle: Scenario = {
  name: 'rds-throttle',
  title: 'RDS throttling storm',
  async run({ quick, log }) {
    const strategies = quick ? ['failover' as const] : [...STRATEGIES, ...STRATEGIES];
    const deadlineMs = quick ? 90_000 : 600_000;
    const host = machine();
    const rig = await openRig({
      clusterPrefix: 'thr',
      clusters: strategies.length,
      speed: CHAOS_SPEED,
      outageScale: CHAOS_OUTAGE_SCALE,
      world: (w) => ({
        ...chaosWorld(w),
        faults: { throttle: { requestsPerSecond: THROTTLE_RPS } },
      }),
      config: { ...CHAOS_CONFIG, rdsRequestsPerSecond: BOT_BUDGET },
      timing: CHAOS_TIMING,
      worker: CHAOS_WORKER,
    });
    const { engine } = rig.bench;
    const started = Date.now();
    let lastReport = started;
    try {
      await rig.startWorker();
      const created = await Promise.all(
        strategies.map((strategy, i) =>
          engine.createRun({
            clusterAlias: rig.names[i] ?? '',
            targetClass: 'r6g.2xlarge',
            strategy,
            requester,
            preApproved: true,
          }),
        ),
      );
      const ids = created.map((r) => r.id);
      let runs: Run[];
      let timedOut = false;
      try {
        runs = await waitForRuns(engine, ids, {
          timeoutMs: deadlineMs,
          everyMs: 500,
          onPoll(current) {
            if (Date.now() - lastReport < 15_000) return;
            lastReport = Date.now();
            log(`${Math.round((Date.now() - started) / 1000)} s: ${current.map(where).join(', ')}`);
          },
        });
      } catch {
        // why: a run still retrying at the deadline is a finding to report, not a crash.
        timedOut = true;
        runs = (await Promise.all(ids.map((id) => engine.getRun(id)))).filter(
          (r): r is Run => r !== undefined,
        );
      }
      const wallS = Math.round((Date.now() - started) / 100) / 10;
      log(`${runs.map(where).join(', ')} after ${wallS} s`);
      const calls = rig.emulator.calls();
      const { rows, totals } = await checkRuns(
        engine,
        runs,
        () => calls,
        [],
        () => 'pre-approved',
      );
      const rate = callRate(calls);
      const failedByThrottling = runs.filter(
        (r) =>
          r.status === 'failed' &&
          /thrott|rate exceeded/i.test(`${r.error?.code} ${r.error?.awsCode} ${r.error?.message}`),
      );
      const data: RdsThrottleData = {
        command: quick
          ? 'npm run chaos -- --quick --only rds-throttle'
          : 'npm run chaos -- --only rds-throttle',
        machine: host,
        params: {
          throttleRps: THROTTLE_RPS,
          botBudget: BOT_BUDGET,
          strategies: [...strategies],
          deadlineS: deadlineMs / 1000,
        },
        timedOut,
        unfinished: runs.filter((r) => isLive(r.status)).map(where),
        lastCalls: Object.fromEntries(
          runs
            .filter((r) => isLive(r.status))
            .map((r) => [r.id, callsOfRun(r, calls).slice(-9).map(callLine)]),
        ),
        wallS,
        requests: rate.total,
        throttled: rate.byOutcome.Throttling ?? 0,
        accepted: rate.byOutcome.ok ?? 0,
        throttledMutating: Object.values(totals.refusedMutations).reduce((a, b) => a + b, 0),
        failedByThrottling: failedByThrottling.map((r) => r.id),
        totals,
        rows,
      };
      const targets = [
        target(
          'every run completes',
          totals.succeeded === totals.runs,
          `${totals.succeeded}/${totals.runs} succeeded${timedOut ? ` within the ${deadlineMs / 1000} s deadline; still going: ${data.unfinished.join('; ')}` : ''}; ${data.throttled} of ${data.requests} requests throttled`,
        ),
        target(
          'runs failed because of throttling: 0',
          failedByThrottling.length === 0,
          `${failedByThrottling.length}`,
        ),
        target(
          'duplicate mutating RDS calls: 0',
          totals.duplicateMutations === 0,
          `${totals.duplicateMutations} among ${totals.mutationsAccepted} accepted`,
        ),
        target(
          'audit chains verify, no duplicate or missing events',
          totals.chainsFailing + totals.auditDuplicates + totals.auditMissing === 0,
          `${totals.chainsFailing} failing, ${totals.auditDuplicates} duplicate, ${totals.auditMissing} missing`,
        ),
      ];
      return { targets, data, section: rdsThrottleSection(data, targets) };
    } finally {
      await rig.close();
    }
  },
};
