/**
 * SIGKILL the worker process at random moments while runs of all three strategies are in
 * flight, start a new worker each time, and check from the emulator's call log and the audit
 * logs that nothing happened twice and nothing was lost.
 */
import { STRATEGIES } from '../../src/config.js';
import { type CallLogEntry, MUTATING_ACTIONS } from '../../src/sim/rds/index.js';
import type { Actor, Run } from '../../src/workflow/types.js';
import { startApprover } from '../lib/approver.js';
import { waitForRuns } from '../lib/bench-engine.js';
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
import { checkRuns } from '../lib/run-report.js';
import { type Scenario, target } from '../lib/scenario.js';
import { seededRandom, sleep } from '../lib/stats.js';
import { type KillRecord, workerKillSection } from './worker-kill-report.js';

const requester: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const MUTATING = new Set(MUTATING_ACTIONS);

export const workerKill: Scenario = {
  name: 'worker-kill',
  title: 'SIGKILL the worker at random moments',
  async run({ quick, log }) {
    const params = quick
      ? { runs: 5, batch: 5, killsPerBatch: 3, minDelayMs: 300, maxDelayMs: 2500 }
      : { runs: 30, batch: 3, killsPerBatch: 4, minDelayMs: 200, maxDelayMs: 3000 };
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const host = machine();
    const rig = await openRig({
      clusterPrefix: 'kill',
      // why: the emulator enforces the default quota of 40 DB instances per account, so each
      // batch gets fresh copies of the same few clusters (the world is reset between batches).
      clusters: params.batch,
      speed: CHAOS_SPEED,
      outageScale: CHAOS_OUTAGE_SCALE,
      world: chaosWorld,
      config: CHAOS_CONFIG,
      timing: CHAOS_TIMING,
      worker: CHAOS_WORKER,
    });
    const { engine } = rig.bench;
    const approver = startApprover(engine);
    const kills: KillRecord[] = [];
    const runs: Run[] = [];
    const callsByRun = new Map<string, CallLogEntry[]>();
    const allCalls: CallLogEntry[] = [];
    const viaDecide = new Set<string>();
    const started = Date.now();
    try {
      let worker = await rig.startWorker();
      for (let first = 0; first < params.runs; first += params.batch) {
        const batch: Run[] = [];
        for (let i = first; i < Math.min(first + params.batch, params.runs); i += 1) {
          const real = i % 2 === 1;
          const run = await engine.createRun({
            clusterAlias: rig.names[i - first] ?? '',
            targetClass: 'r6g.2xlarge',
            strategy: STRATEGIES[i % STRATEGIES.length],
            requester,
            preApproved: !real,
          });
          if (real) viaDecide.add(run.id);
          batch.push(run);
        }
        approver.watch(batch.filter((r) => viaDecide.has(r.id)).map((r) => r.id));
        const ids = batch.map((r) => r.id);
        for (let k = 0; k < params.killsPerBatch; k += 1) {
          const delayMs = Math.round(
            params.minDelayMs + random() * (params.maxDelayMs - params.minDelayMs),
          );
          await sleep(delayMs);
          const states = await Promise.all(ids.map((id) => engine.getRun(id)));
          const live = states.filter(
            (r): r is Run =>
              r !== undefined &&
              !['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status),
          );
          if (live.length === 0) break;
          await worker.kill('SIGKILL');
          kills.push({
            at: Date.now(),
            delayMs,
            runs: live.map((r) => ({
              id: r.id,
              status: r.status,
              step: r.steps[r.cursor]?.name ?? 'end',
            })),
          });
          worker = await rig.startWorker();
        }
        const done = await waitForRuns(engine, ids, { timeoutMs: quick ? 90_000 : 180_000 });
        runs.push(...done);
        const batchCalls = rig.emulator.calls();
        for (const r of done) callsByRun.set(r.id, batchCalls);
        allCalls.push(...batchCalls);
        await rig.emulator.reset();
        log(
          `runs ${first + 1}–${first + batch.length}: ${done.map((r) => `${r.strategy} ${r.status}`).join(', ')}; ${kills.length} kills so far`,
        );
      }
      await approver.stop();
      const mutationTimes = allCalls
        .filter((c) => MUTATING.has(c.action) && c.outcome === 'ok')
        .map((c) => Date.parse(c.time));
      for (const k of kills)
        k.afterMutationMs = Math.min(
          ...mutationTimes.filter((t) => t <= k.at).map((t) => k.at - t),
          Number.POSITIVE_INFINITY,
        );
      const callsOf = (run: Run) => callsByRun.get(run.id) ?? [];
      const { rows, totals } = await checkRuns(engine, runs, callsOf, approver.accepted, (id) =>
        viaDecide.has(id) ? 'engine.decide' : 'pre-approved',
      );
      const data = {
        command: quick
          ? 'npm run chaos -- --quick --only worker-kill'
          : 'npm run chaos -- --only worker-kill',
        machine: host,
        params: {
          ...params,
          seed,
          speed: CHAOS_SPEED,
          outageScale: CHAOS_OUTAGE_SCALE,
          worker: CHAOS_WORKER,
        },
        wallS: Math.round((Date.now() - started) / 100) / 10,
        totals,
        refusedDecisions: approver.refused,
        kills,
        rows,
      };
      const targets = [
        target(
          'every run completes',
          totals.succeeded === totals.runs,
          `${totals.succeeded}/${totals.runs} succeeded after ${kills.length} SIGKILLs`,
        ),
        target(
          'duplicate mutating RDS calls: 0',
          totals.duplicateMutations === 0,
          `${totals.duplicateMutations} duplicates among ${totals.mutationsAccepted} accepted mutating calls`,
        ),
        target(
          'lost approvals: 0',
          totals.lostApprovals.length === 0,
          `${totals.lostApprovals.length} lost of ${totals.approvalsAccepted} accepted approvals`,
        ),
        target(
          'audit chains failing verification: 0',
          totals.chainsFailing === 0,
          `${totals.chainsFailing} of ${totals.runs}`,
        ),
        target(
          'duplicate or missing audit events: 0',
          totals.auditDuplicates + totals.auditMissing === 0,
          `${totals.auditDuplicates} duplicate, ${totals.auditMissing} missing`,
        ),
      ];
      return { targets, data, section: workerKillSection(data, targets) };
    } finally {
      await approver.stop();
      await rig.close();
    }
  },
};
