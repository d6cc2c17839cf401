/**
 * Fleet scale: N concurrent blue/green runs on N emulated clusters, all pre-approved, driven by
 * ONE worker process under the per-account RDS budget. Measures completion, the RDS request rate
 * the emulator saw, the worker's memory and Redis memory per finished run.
 */
import { randomBytes } from 'node:crypto';
import { startRdsEmulator } from '../../src/sim/rds/index.js';
import type { Actor } from '../../src/workflow/types.js';
import { openBenchEngine, waitForRuns } from '../lib/bench-engine.js';
import { callRate } from '../lib/call-rate.js';
import { botConfigText, clusterNames, fleetWorld } from '../lib/fleet.js';
import { machine } from '../lib/machine.js';
import { keyUsage, usedMemory } from '../lib/redis-memory.js';
import { startRedisServer } from '../lib/redis-server.js';
import { type Scenario, type Target, target } from '../lib/scenario.js';
import { mean, mib, percentile, round, sleep } from '../lib/stats.js';
import { sampleRss, startWorker } from '../lib/worker-process.js';
import { type FleetData, fleetSection } from './fleet-report.js';

/** The target: under 300 MB (10^6 bytes), i.e. about 286 MiB. */
const RSS_TARGET_MIB = 300e6 / 1024 / 1024;
const requester: Actor = { id: 'cli:bench', name: 'bench', via: 'cli' };

export interface FleetParams {
  runs: number;
  budget: number;
  speed: number;
  outageScale: number;
  timeoutMs: number;
}

export const fleetParams = (quick: boolean): FleetParams =>
  quick
    ? { runs: 6, budget: 50, speed: 5000, outageScale: 0.01, timeoutMs: 120_000 }
    : { runs: 100, budget: 10, speed: 5000, outageScale: 0.01, timeoutMs: 30 * 60_000 };

/** The fleet targets, from the measured figures alone (so a section can be re-rendered from JSON). */
export function fleetTargets(data: FleetData): Target[] {
  const { runs, rds, worker } = data;
  const peakRss = Math.max(worker.rssPeakMiB, worker.vmHwmMiB);
  return [
    target(
      'every run completes',
      runs.succeeded === runs.created,
      `${runs.succeeded}/${runs.created} succeeded in ${runs.wallS} s`,
    ),
    target(
      `RDS requests stay within the budget (${rds.budget}/s per wall-clock second, at the emulator)`,
      rds.peak <= rds.budget,
      `peak ${rds.peak}/s, mean ${rds.mean}/s over ${rds.spanS} s`,
    ),
    target(
      `worker peak RSS under 300 MB (${RSS_TARGET_MIB.toFixed(0)} MiB)`,
      peakRss < RSS_TARGET_MIB,
      `peak ${peakRss} MiB`,
    ),
  ];
}

export const fleet: Scenario = {
  name: 'fleet',
  title: 'Fleet scale: concurrent blue/green runs on one worker',
  async run({ quick, log }) {
    const params = fleetParams(quick);
    const host = machine();
    const names = clusterNames('fleet', params.runs);
    const redis = await startRedisServer();
    const emulator = await startRdsEmulator({
      port: 0,
      speed: params.speed,
      outageScale: params.outageScale,
      world: fleetWorld(names),
      seed: 11,
    });
    const prefix = `fleet${randomBytes(3).toString('hex')}`;
    const bench = openBenchEngine({
      redisUrl: redis.url,
      prefix,
      dir: redis.dir,
      configText: botConfigText(names, { rdsRequestsPerSecond: params.budget }),
    });
    const worker = await startWorker(
      {
        redisUrl: redis.url,
        prefix,
        configFile: bench.configFile,
        worker: { concurrency: params.runs },
      },
      emulator.url,
    );
    try {
      const rss = sampleRss(worker.pid, 200);
      const memoryBefore = await usedMemory(bench.redis);
      const started = Date.now();
      const created = await Promise.all(
        names.map((clusterAlias) =>
          bench.engine.createRun({
            clusterAlias,
            targetClass: 'r6g.2xlarge',
            strategy: 'bluegreen',
            requester,
            preApproved: true,
          }),
        ),
      );
      log(`${created.length} runs created; budget ${params.budget} RDS requests/s`);
      let lastReport = 0;
      const runs = await waitForRuns(
        bench.engine,
        created.map((r) => r.id),
        {
          timeoutMs: params.timeoutMs,
          everyMs: 1000,
          onPoll(current) {
            if (Date.now() - lastReport < 15_000) return;
            lastReport = Date.now();
            const done = current.filter((r) => r.status === 'succeeded').length;
            log(
              `${Math.round((Date.now() - started) / 1000)} s: ${done}/${created.length} succeeded, ${emulator.calls().length} RDS calls`,
            );
          },
        },
      );
      const wallS = (Date.now() - started) / 1000;
      const memory = rss.stop();
      await sleep(200);
      const memoryAfter = await usedMemory(bench.redis);
      const keys = await keyUsage(bench.redis, prefix);
      const rate = callRate(emulator.calls());
      const succeeded = runs.filter((r) => r.status === 'succeeded').length;
      const durations = runs
        .filter((r) => r.finishedAt)
        .map((r) => (Date.parse(r.finishedAt ?? '') - Date.parse(r.createdAt)) / 1000);
      const transient = keys.byFamily['rds-budget:ap-northeast-2:<n>']?.bytes ?? 0;
      const data: FleetData = {
        command: quick ? 'npm run bench -- --quick --only fleet' : 'npm run bench -- --only fleet',
        machine: host,
        params,
        probes:
          'off: clusters have no probe settings, so no outage is measured and no MySQL connections are made',
        runs: {
          created: created.length,
          succeeded,
          failed: runs
            .filter((r) => r.status === 'failed')
            .map((r) => ({ id: r.id, error: r.error })),
          wallS: round(wallS, 1),
          durationS: { p50: round(percentile(durations, 50)), max: round(Math.max(...durations)) },
        },
        rds: { ...rate, callsPerRun: round(rate.total / created.length, 1), budget: params.budget },
        worker: {
          rssPeakMiB: mib(Math.max(...memory.samples)),
          rssMeanMiB: mib(mean(memory.samples)),
          rssAtStartMiB: mib(memory.samples[0] ?? 0),
          vmHwmMiB: mib(memory.hwm),
          samples: memory.samples.length,
        },
        redis: {
          usedMemoryBefore: memoryBefore,
          usedMemoryAfter: memoryAfter,
          usedMemoryDeltaPerRunKiB: round((memoryAfter - memoryBefore) / 1024 / created.length, 1),
          keyBytesPerRunKiB: round((keys.bytes - transient) / 1024 / created.length, 1),
          keys,
        },
      };
      const targets = fleetTargets(data);
      return { targets, data, section: fleetSection(data, targets) };
    } finally {
      await worker.kill('SIGKILL');
      await bench.close();
      await emulator.close();
      await redis.destroy();
    }
  },
};
