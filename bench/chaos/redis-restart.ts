/**
 * Redis restarts (AOF on) under live runs: once while one run is creating its green environment
 * and another waits at an open approval gate, and once more while that second run waits at its
 * switchover gate. The gates' buttons from before each restart must still work afterwards, and
 * both runs must complete with every mutating call made once.
 */
import type { Engine } from '../../src/workflow/engine.js';
import type { Actor, Gate, Run } from '../../src/workflow/types.js';
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
import { sleep } from '../lib/stats.js';
import { type RestartRecord, redisRestartSection } from './redis-restart-report.js';

const requester: Actor = { id: 'U0ALICE', name: 'alice', via: 'slack' };
const approverActor: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };
const DOWN_MS = 1000;

async function until(
  engine: Engine,
  id: string,
  ok: (run: Run) => boolean,
  what: string,
): Promise<Run> {
  const [run] = await waitForRuns(engine, [id], {
    timeoutMs: 60_000,
    everyMs: 50,
    until: ok,
  }).catch((error: unknown) => {
    throw new Error(`waiting for ${what}: ${(error as Error).message}`);
  });
  if (!run) throw new Error(`run ${id} vanished`);
  return run;
}

const atGate = (step: string) => (r: Run) =>
  r.status === 'awaiting_approval' && r.gate?.step === step;
const where = (r: Run | undefined) =>
  r ? `${r.steps[r.cursor]?.name ?? 'end'} (${r.status})` : 'gone';

export const redisRestart: Scenario = {
  name: 'redis-restart',
  title: 'Redis restart with AOF mid-run',
  async run({ quick, log }) {
    const host = machine();
    const rig = await openRig({
      clusterPrefix: 'aof',
      clusters: quick ? 2 : 4,
      speed: CHAOS_SPEED,
      outageScale: CHAOS_OUTAGE_SCALE,
      // why: green creation lasts 6 s (3 s quick), so the restart lands well inside it.
      world: (w) => ({
        ...chaosWorld(w),
        durations: { createBlueGreen: quick ? '50m' : '100m' },
      }),
      config: CHAOS_CONFIG,
      timing: CHAOS_TIMING,
      worker: CHAOS_WORKER,
      appendonly: true,
    });
    const { engine } = rig.bench;
    const approver = startApprover(engine);
    const restarts: RestartRecord[] = [];
    const started = Date.now();

    /** One pair of runs through two restarts of the given kind. */
    const pass = async (kind: 'SIGTERM' | 'SIGKILL', first: number) => {
      const green = await engine.createRun({
        clusterAlias: rig.names[first] ?? '',
        targetClass: 'r6g.2xlarge',
        strategy: 'bluegreen',
        requester,
        preApproved: true,
      });
      const gated = await engine.createRun({
        clusterAlias: rig.names[first + 1] ?? '',
        targetClass: 'r6g.2xlarge',
        strategy: 'bluegreen',
        requester,
      });
      approver.hold(gated.id, true);
      approver.watch([gated.id]);

      const restart = async (label: string, gate: Gate) => {
        const before = await Promise.all([engine.getRun(green.id), engine.getRun(gated.id)]);
        const t0 = Date.now();
        await rig.redis.stop(kind);
        await sleep(DOWN_MS);
        await rig.redis.start();
        const downMs = Date.now() - t0;
        const after = await engine.getRun(gated.id);
        const sameGate = after?.gate?.id === gate.id && after.gate.nonce === gate.nonce;
        // why: the button posted before the restart carries the old nonce; it must still work.
        const decision = await engine.decide(
          {
            runId: gated.id,
            gateId: gate.id,
            nonce: gate.nonce,
            actor: approverActor,
            decision: 'approve',
          },
          () => ({ allowed: true }),
        );
        if (decision.ok)
          approver.accepted.push({ runId: gated.id, gateId: gate.id, step: gate.step });
        restarts.push({
          label: `${kind === 'SIGTERM' ? 'restart' : 'crash'}: ${label}`,
          kind,
          downMs,
          greenRun: where(before[0]),
          gatedRun: where(before[1]),
          gateSurvived: sameGate,
          approvalAfterRestart: decision.ok ? 'accepted' : `${decision.code}: ${decision.reason}`,
        });
        log(
          `${kind} ${label}: Redis down ${downMs} ms; gate survived ${sameGate}; approval ${decision.ok ? 'accepted' : decision.code}`,
        );
      };

      const inGreen = (r: Run) =>
        r.steps[r.cursor]?.name === 'create-green' && typeof r.context.deploymentId === 'string';
      await until(engine, green.id, inGreen, 'green creation');
      const gate1 = await until(engine, gated.id, atGate('reboot-writer'), 'the reboot gate');
      const stillInGreen = inGreen((await engine.getRun(green.id)) ?? gate1);
      if (!stillInGreen) log('note: green creation finished before the restart could start');
      await restart('green creation + open reboot gate', gate1.gate as Gate);
      const gate2 = await until(engine, gated.id, atGate('switchover'), 'the switchover gate');
      await restart('open switchover gate', gate2.gate as Gate);
      approver.hold(gated.id, false);
      return { ids: [green.id, gated.id], gatedId: gated.id, stillInGreen };
    };

    try {
      await rig.startWorker();
      const passes = [await pass('SIGTERM', 0)];
      if (!quick) passes.push(await pass('SIGKILL', 2));
      const ids = passes.flatMap((p) => p.ids);
      const gatedIds = new Set(passes.map((p) => p.gatedId));
      const stillInGreen = passes.every((p) => p.stillInGreen);
      const runs = await waitForRuns(engine, ids, { timeoutMs: 120_000 });
      await approver.stop();
      const calls = rig.emulator.calls();
      const { rows, totals } = await checkRuns(
        engine,
        runs,
        () => calls,
        approver.accepted,
        (id) => (gatedIds.has(id) ? 'engine.decide' : 'pre-approved'),
      );
      const creates = calls.filter(
        (c) => c.action === 'CreateBlueGreenDeployment' && c.outcome === 'ok',
      ).length;
      const data = {
        command: quick
          ? 'npm run chaos -- --quick --only redis-restart'
          : 'npm run chaos -- --only redis-restart',
        machine: host,
        params: {
          downMs: DOWN_MS,
          appendonly: 'yes',
          appendfsync: 'everysec',
          passes: quick
            ? ['SIGTERM: redis-server shuts down cleanly']
            : ['SIGTERM: redis-server shuts down cleanly', 'SIGKILL: redis-server dies at once'],
        },
        wallS: Math.round((Date.now() - started) / 100) / 10,
        restarts,
        createBlueGreenCalls: creates,
        totals,
        rows,
      };
      const targets = [
        target(
          'every run resumes and completes',
          totals.succeeded === totals.runs,
          `${totals.succeeded}/${totals.runs} succeeded after ${restarts.length} restarts`,
        ),
        target(
          'the first restart of each pass lands inside green creation',
          stillInGreen,
          restarts
            .filter((r) => r.label.includes('green'))
            .map((r) => r.greenRun)
            .join('; '),
        ),
        target(
          'open gates survive the restart and accept the pre-restart button',
          restarts.every((r) => r.gateSurvived && r.approvalAfterRestart === 'accepted'),
          restarts
            .map(
              (r) => `${r.gateSurvived ? 'same gate' : 'gate changed'}, ${r.approvalAfterRestart}`,
            )
            .join('; '),
        ),
        target(
          'duplicate mutating RDS calls: 0',
          totals.duplicateMutations === 0,
          `${totals.duplicateMutations}; CreateBlueGreenDeployment accepted ${creates}× for ${totals.runs} runs`,
        ),
        target(
          'lost approvals: 0',
          totals.lostApprovals.length === 0,
          `${totals.lostApprovals.length} of ${totals.approvalsAccepted}`,
        ),
        target(
          'audit chains verify, no duplicate or missing events',
          totals.chainsFailing + totals.auditDuplicates + totals.auditMissing === 0,
          `${totals.chainsFailing} failing, ${totals.auditDuplicates} duplicate, ${totals.auditMissing} missing`,
        ),
      ];
      return { targets, data, section: redisRestartSection(data, targets) };
    } finally {
      await approver.stop();
      await rig.close();
    }
  },
};
