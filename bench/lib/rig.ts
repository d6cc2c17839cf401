/**
 * Everything a scenario runs against: a private Redis, the RDS emulator with a generated world,
 * the producer-side engine, and a way to start worker processes pointed at both.
 */
import { randomBytes } from 'node:crypto';
import { type RdsEmulator, startRdsEmulator, type World } from '../../src/sim/rds/index.js';
import { type BenchEngine, openBenchEngine } from './bench-engine.js';
import { type BotConfigOptions, botConfigText, clusterNames, fleetWorld } from './fleet.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { startWorker, type WorkerProcess } from './worker-process.js';
import type { WorkerSpec } from './worker-spec.js';

export interface RigOptions {
  clusterPrefix: string;
  clusters: number;
  speed: number;
  outageScale: number;
  /** Adjusts the generated world (durations, outages, faults). */
  world?: (world: World) => World;
  config: BotConfigOptions;
  appendonly?: boolean;
  timing?: WorkerSpec['timing'];
  worker?: WorkerSpec['worker'];
  seed?: number;
}

export interface Rig {
  names: string[];
  redis: RedisServer;
  emulator: RdsEmulator;
  bench: BenchEngine;
  spec: WorkerSpec;
  startWorker(): Promise<WorkerProcess>;
  close(): Promise<void>;
}

export async function openRig(options: RigOptions): Promise<Rig> {
  const names = clusterNames(options.clusterPrefix, options.clusters);
  const redis = await startRedisServer({ appendonly: options.appendonly ?? false });
  const world = fleetWorld(names);
  const emulator = await startRdsEmulator({
    port: 0,
    speed: options.speed,
    outageScale: options.outageScale,
    world: options.world ? options.world(world) : world,
    seed: options.seed ?? 11,
  });
  const prefix = `${options.clusterPrefix}${randomBytes(3).toString('hex')}`;
  const bench = openBenchEngine({
    redisUrl: redis.url,
    prefix,
    dir: redis.dir,
    configText: botConfigText(names, options.config),
  });
  const spec: WorkerSpec = {
    redisUrl: redis.url,
    prefix,
    configFile: bench.configFile,
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.worker ? { worker: options.worker } : {}),
  };
  const workers: WorkerProcess[] = [];
  return {
    names,
    redis,
    emulator,
    bench,
    spec,
    async startWorker() {
      const worker = await startWorker(spec, emulator.url);
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
      await bench.close();
      await emulator.close();
      await redis.destroy();
    },
  };
}
