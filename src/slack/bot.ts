/**
 * The composition root of `aurora-bot start`: builds config-driven dependencies once and runs
 * the web front (Bolt + health/metrics), the workers (engine runs + Slack outbox), or both.
 */
import type { Redis } from 'ioredis';
import { createRdsBudget } from '../aws/rds-budget.js';
import { createRdsGateway, type RdsGateway } from '../aws/rds-gateway.js';
import type { Config } from '../config.js';
import { healthRoutes, type ReadinessCheck } from '../http/health-routes.js';
import { type RunningServer, startHttpServer } from '../http/http-server.js';
import { queueConsumedCheck, redisCheck, workerCheck } from '../http/readiness-checks.js';
import type { Logger } from '../logger.js';
import { createMetrics, type Metrics } from '../metrics.js';
import { connectRedis, createRedis } from '../redis.js';
import { createEngine, type Engine } from '../workflow/engine.js';
import { createSlackApp, type SlackApp } from './app.js';
import { createClusterDescriber } from './describe-cluster.js';
import { createOutboxQueue } from './outbox/outbox-queue.js';
import { type OutboxWorker, startOutboxWorker } from './outbox/outbox-worker.js';
import { createSlackNotifier } from './outbox/slack-notifier.js';
import { createThreadStore } from './outbox/thread-store.js';
import { createGroupResolver } from './policy/group-resolver.js';
import { createPolicyService } from './policy/slack-policy.js';
import { createUserTzLookup } from './user-tz.js';
import { createWebClients } from './web-clients.js';

export type BotRole = 'web' | 'worker' | 'all';

export interface BotOptions {
  config: Config;
  logger: Logger;
  role: BotRole;
  /** Overrides `PORT` (tests pass 0). */
  port?: number;
  /** Overrides `AURORA_BOT_QUEUE_PREFIX`. */
  prefix?: string;
  metrics?: Metrics;
  /** Minimum gap between two progress replies of one step (ms, default 3 min). */
  progressIntervalMs?: number;
  /** Passed to the engine (tests shorten its timings). */
  engineTiming?: Parameters<typeof createEngine>[0]['timing'];
  /** Engine worker settings (tests shorten lock and stall intervals); `false` runs only the Slack outbox. */
  engineWorker?: Parameters<Engine['startWorker']>[0] | false;
  /** A job waiting longer than this makes /readyz fail (ms, default 2 min). */
  stuckAfterMs?: number;
}

export interface RunningBot {
  engine: Engine;
  metrics: Metrics;
  /** The HTTP port serving Slack events (web) or health and metrics (worker). */
  port: number | undefined;
  outbox?: OutboxWorker;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger, role } = options;
  const prefix = options.prefix ?? config.env.AURORA_BOT_QUEUE_PREFIX;
  const redisUrl = config.env.REDIS_URL;
  const metrics = options.metrics ?? createMetrics();
  const clients = createWebClients(config.env, logger);
  const redis = await connectRedis(redisUrl, 'producer');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const closers: (() => Promise<void>)[] = [];
  const workerRedis: Redis[] = [];
  try {
    const outboxQueue = createOutboxQueue({ connection: redis, prefix });
    closers.push(() => outboxQueue.close());
    const defaultChannel = config.slack.defaultChannel;
    const notifier = createSlackNotifier({
      queue: outboxQueue,
      logger,
      ...(defaultChannel ? { defaultChannel } : {}),
    });
    const engine = createEngine({
      config,
      redis,
      redisUrl,
      prefix,
      logger,
      metrics,
      notifier,
      ...(options.engineTiming ? { timing: options.engineTiming } : {}),
    });
    closers.unshift(() => engine.close());
    const checks: ReadinessCheck[] = [
      redisCheck(redis),
      queueConsumedCheck(outboxQueue, options.stuckAfterMs ?? 120_000),
      queueConsumedCheck(engine.queue, options.stuckAfterMs ?? 120_000),
    ];

    let outbox: OutboxWorker | undefined;
    if (role !== 'web') {
      if (options.engineWorker !== false) {
        checks.push(workerCheck('runs', engine.startWorker(options.engineWorker)));
      }
      const connection = createRedis(redisUrl, 'worker');
      workerRedis.push(connection);
      outbox = startOutboxWorker({
        deps: {
          engine,
          store: createThreadStore(redis, prefix),
          client: clients.outbox,
          clusters: config.clusters,
          ...(defaultChannel ? { defaultChannel } : {}),
          userTz: createUserTzLookup(clients.outbox),
          logger,
          metrics,
          progressIntervalMs: options.progressIntervalMs ?? 180_000,
          rootIntervalMs: 1000,
          now: Date.now,
        },
        queue: outboxQueue,
        engine,
        connection,
        prefix,
        logger,
      });
      checks.push(workerCheck('slack-outbox', outbox.worker));
      const started = outbox;
      closers.unshift(() => started.close());
      void outbox
        .sweep()
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'initial Slack outbox sweep failed'),
        );
    }

    const routes = healthRoutes({ registry: metrics.registry, checks });
    const port = options.port ?? config.env.PORT;
    let boundPort: number | undefined;
    if (role === 'worker') {
      const server: RunningServer = await startHttpServer(routes, port);
      closers.unshift(() => server.close());
      boundPort = server.port;
    } else {
      const gateways = new Map<string, RdsGateway>();
      const gatewayFor = (region: string) => {
        let gateway = gateways.get(region);
        if (!gateway) {
          const budget = createRdsBudget({
            redis,
            prefix,
            region,
            requestsPerSecond: config.defaults.rdsRequestsPerSecond,
          });
          gateway = createRdsGateway({ region, budget, metrics });
          gateways.set(region, gateway);
        }
        return gateway;
      };
      const resolver = createGroupResolver({
        list: (usergroup) => clients.api.usergroups.users.list({ usergroup }),
        ttlMs: config.slack.approverCacheTtl,
        logger,
      });
      const slack: SlackApp = await createSlackApp({
        env: config.env,
        logger,
        routes,
        port,
        deps: {
          config,
          engine,
          policy: createPolicyService({ clusters: config.clusters, resolver }),
          logger,
          describeCluster: createClusterDescriber(gatewayFor),
          now: Date.now,
        },
      });
      const started = await slack.start();
      closers.unshift(() => slack.stop());
      boundPort = started.port;
      logger.info({ port: started.port, mode: started.mode, role }, 'Slack front listening');
    }
    logger.info({ role, prefix, port: boundPort }, 'aurora-bot started');
    return {
      engine,
      metrics,
      port: boundPort,
      ...(outbox ? { outbox } : {}),
      async stop() {
        await closeAll(closers, logger);
        for (const c of workerRedis) c.disconnect();
        redis.disconnect();
      },
    };
  } catch (error) {
    await closeAll(closers, logger);
    for (const c of workerRedis) c.disconnect();
    redis.disconnect();
    throw error;
  }
}

async function closeAll(closers: (() => Promise<void>)[], logger: Logger): Promise<void> {
  for (const close of closers.splice(0)) {
    await close().catch((error: unknown) =>
      logger.warn({ err: error }, 'error while shutting down'),
    );
  }
}
