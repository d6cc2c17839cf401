/**
 * Builds the long-lived pieces a command needs (config, logger, Redis, metrics, engine) in one
 * place, and closes them in one call. Commands get exactly what they ask for.
 */
import type { Redis } from 'ioredis';
import { type Config, loadConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Engine } from '../workflow/engine.js';
import type { Notifier } from '../workflow/types.js';

export interface Services {
  config: Config;
  logger: Logger;
  redis: Redis;
  metrics: Metrics;
  engine: Engine;
  close(): Promise<void>;
}

export async function openServices(
  options: { configPath?: string; notifier?: Notifier; logName?: string } = {},
): Promise<Services> {
  const config = loadConfig(
    options.configPath === undefined ? {} : { configPath: options.configPath },
  );
  const logger = createLogger({
    level: config.env.LOG_LEVEL,
    pretty: process.stderr.isTTY,
    ...(options.logName ? { name: options.logName } : {}),
  });
  // why: the engine brings BullMQ and the AWS SDK; loading them only here keeps `--help` and
  // `config check` quick.
  const [{ connectRedis }, { createMetrics }, { createEngine }] = await Promise.all([
    import('../redis.js'),
    import('../metrics.js'),
    import('../workflow/engine.js'),
  ]);
  const redis = await connectRedis(config.env.REDIS_URL, 'producer');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const metrics = createMetrics();
  const engine = createEngine({
    config,
    redis,
    redisUrl: config.env.REDIS_URL,
    logger,
    metrics,
    ...(options.notifier ? { notifier: options.notifier } : {}),
  });
  return {
    config,
    logger,
    redis,
    metrics,
    engine,
    async close() {
      await engine.close();
      redis.disconnect();
    },
  };
}
