/**
 * The scenario's own side of the engine: a producer (no worker) that creates runs, decides
 * gates and reads runs and audit logs, sharing Redis and the configuration with the worker
 * processes it starts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createEngine, type Engine } from '../../src/workflow/engine.js';
import { isLive, type Run } from '../../src/workflow/types.js';
import { configFromText } from './fleet.js';
import { sleep } from './stats.js';

export interface BenchEngine {
  engine: Engine;
  redis: Redis;
  config: Config;
  configFile: string;
  prefix: string;
  close(): Promise<void>;
}

export function openBenchEngine(options: {
  redisUrl: string;
  prefix: string;
  configText: string;
  dir: string;
}): BenchEngine {
  const configFile = join(options.dir, 'aurora-bot.bench.yaml');
  writeFileSync(configFile, options.configText);
  const config = configFromText(options.configText, configFile);
  // why: the producer must ride out a Redis restart in the chaos suite instead of failing fast.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  const engine = createEngine({
    config,
    redis,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
  });
  return {
    engine,
    redis,
    config,
    configFile,
    prefix: options.prefix,
    async close() {
      await engine.close();
      redis.disconnect();
    },
  };
}

/**
 * Polls until every run is no longer live (or `until` says so), calling `onPoll` with the
 * fresh runs each round; throws with the stragglers' states after `timeoutMs`.
 */
export async function waitForRuns(
  engine: Engine,
  ids: readonly string[],
  options: {
    timeoutMs: number;
    everyMs?: number;
    until?: (run: Run) => boolean;
    onPoll?: (runs: Run[]) => Promise<void> | void;
  },
): Promise<Run[]> {
  const until = options.until ?? ((run: Run) => !isLive(run.status));
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const runs = (await Promise.all(ids.map((id) => engine.getRun(id)))).filter(
      (r): r is Run => r !== undefined,
    );
    await options.onPoll?.(runs);
    if (runs.length === ids.length && runs.every(until)) return runs;
    if (Date.now() > deadline) {
      const stuck = runs
        .filter((r) => !until(r))
        .map(
          (r) =>
            `${r.id} ${r.status} at ${r.steps[r.cursor]?.name ?? 'end'}${r.error ? ` (${r.error.code})` : ''}`,
        );
      throw new Error(
        `runs did not finish in ${options.timeoutMs} ms: ${stuck.slice(0, 10).join('; ')}`,
      );
    }
    await sleep(options.everyMs ?? 250);
  }
}
