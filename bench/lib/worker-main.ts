/**
 * A worker process for the benchmark and chaos suites: one engine with one BullMQ worker,
 * configured by a JSON argument, pointed at the emulator through AWS_ENDPOINT_URL_RDS in its
 * environment. Prints `ready` once the worker is running; runs until killed.
 *
 *   node --import tsx bench/lib/worker-main.ts '<WorkerSpec JSON>'
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createRedis } from '../../src/redis.js';
import { createEngine } from '../../src/workflow/engine.js';
import { configFromText } from './fleet.js';
import type { WorkerSpec } from './worker-spec.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec;
const config = configFromText(readFileSync(spec.configFile, 'utf8'), spec.configFile);
const logger = createLogger({ level: spec.logLevel ?? 'warn', name: 'bench-worker' });
const redis = createRedis(spec.redisUrl, 'worker');
redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
const engine = createEngine({
  config,
  redis,
  redisUrl: spec.redisUrl,
  prefix: spec.prefix,
  logger,
  metrics: createMetrics(),
  timing: spec.timing,
});
const worker = engine.startWorker(spec.worker);
await worker.waitUntilReady();
process.stdout.write('ready\n');

const stop = async (code: number) => {
  // why: closing waits for Redis; a worker whose Redis is gone must still go away.
  setTimeout(() => process.exit(code), 5000).unref();
  await engine.close();
  redis.disconnect();
  process.exit(code);
};
process.once('SIGTERM', () => void stop(0));
// why: the suite that started this worker died (CI timeout, Ctrl-C); do not outlive it.
process.once('disconnect', () => void stop(1));
