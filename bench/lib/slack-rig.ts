/**
 * Everything a Slack-facing scenario runs against: a private Redis, the RDS emulator with a
 * generated world, the Slack stand-in, the real bot (`aurora-bot start`) in a child process
 * wired to all three, and a producer-side engine on the same Redis prefix to read runs and
 * audit logs (and create runs directly when a scenario needs to).
 */
import { randomBytes } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { type RdsEmulator, startRdsEmulator, type World } from '../../src/sim/rds/index.js';
import { type SlackSim, startSlackSim } from '../../src/sim/slack/index.js';
import type { BotRole } from '../../src/slack/bot.js';
import { type BenchEngine, openBenchEngine } from './bench-engine.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { type BotConfigOptions, botConfigText, clusterNames, fleetWorld } from './fleet.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

/** The stand-in's channel every scenario talks in. */
export const CHANNEL = 'C0OPS';
/** Requester of every configured cluster (see botConfigText). */
export const REQUESTER = 'U0ALICE';
/** Approver of every configured cluster; the two-person rule keeps Alice from approving. */
export const APPROVER = 'U0BOB';
/** Neither requester nor approver. */
export const BYSTANDER = 'U0CAROL';

export interface SlackRigOptions {
  clusterPrefix: string;
  clusters: number;
  /** More cluster aliases shaped the same way, e.g. `prod-db`. */
  extraClusters?: string[];
  role: BotRole;
  speed?: number;
  outageScale?: number;
  world?: (world: World) => World;
  config: BotConfigOptions;
  logLevel?: string;
  /** Extra Node flags of the bot process. */
  nodeArgs?: string[];
}

export interface SlackRig {
  /** Every configured cluster alias (= identifier), extra clusters first. */
  names: string[];
  redis: RedisServer;
  emulator: RdsEmulator;
  sim: SlackSim;
  /** The current bot process (a new one after {@link SlackRig.restartBot}). */
  readonly bot: BotProcess;
  /** Starts a new bot process with the same settings (after a crash) and points the stand-in at it. */
  restartBot(): Promise<BotProcess>;
  bench: BenchEngine;
  signingSecret: string;
  /** Keys under `<prefix>:<family>:*`, e.g. `run` (stored runs) or `decision` (recorded decisions). */
  countKeys(family: string): Promise<number>;
  close(): Promise<void>;
}

/** botConfigText plus the `slack:` section the bot reads. */
export function slackConfigText(names: readonly string[], options: BotConfigOptions): string {
  const doc = parse(botConfigText(names, options)) as Record<string, unknown>;
  return stringify({ ...doc, slack: { defaultChannel: CHANNEL, approverCacheTtl: '1m' } });
}

export async function openSlackRig(options: SlackRigOptions): Promise<SlackRig> {
  const names = [
    ...(options.extraClusters ?? []),
    ...clusterNames(options.clusterPrefix, options.clusters),
  ];
  const redis = await startRedisServer();
  const closers: (() => Promise<void>)[] = [() => redis.destroy()];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const world = fleetWorld(names);
    const emulator = await startRdsEmulator({
      port: 0,
      speed: options.speed ?? 1000,
      outageScale: options.outageScale ?? 0.05,
      world: options.world ? options.world(world) : world,
      seed: 11,
    });
    closers.push(() => emulator.close());
    const prefix = `${options.clusterPrefix}${randomBytes(3).toString('hex')}`;
    const bench = openBenchEngine({
      redisUrl: redis.url,
      prefix,
      dir: redis.dir,
      configText: slackConfigText(names, options.config),
    });
    closers.push(() => bench.close());
    const signingSecret = `bench-${randomBytes(8).toString('hex')}`;
    const sim = await startSlackSim({ port: 0, signingSecret });
    closers.push(() => sim.close());
    const botOptions = {
      role: options.role,
      configFile: bench.configFile,
      redisUrl: redis.url,
      prefix,
      signingSecret,
      slackApiUrl: sim.apiUrl,
      emulatorUrl: emulator.url,
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    };
    let bot = await startBotProcess(botOptions);
    closers.push(async () => {
      // why: a clean stop lets `--cpu-prof` write its profile; SIGKILL if it hangs.
      const timer = setTimeout(() => void bot.kill('SIGKILL'), 5000);
      await bot.kill('SIGTERM');
      clearTimeout(timer);
    });
    sim.setBotUrl(bot.url);
    return {
      names,
      redis,
      emulator,
      sim,
      get bot() {
        return bot;
      },
      async restartBot() {
        await bot.kill('SIGKILL');
        bot = await startBotProcess(botOptions);
        sim.setBotUrl(bot.url);
        return bot;
      },
      bench,
      signingSecret,
      async countKeys(family) {
        let count = 0;
        let cursor = '0';
        do {
          const [next, keys] = await bench.redis.scan(
            cursor,
            'MATCH',
            `${prefix}:${family}:*`,
            'COUNT',
            1000,
          );
          cursor = next;
          count += keys.length;
        } while (cursor !== '0');
        return count;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
