/**
 * The real bot front (Bolt over HTTP, engine, Slack outbox) against the Slack stand-in and the
 * real Redis, with a unique key prefix per harness. Engine workers are off unless asked for, so
 * runs stay where a test puts them.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { type Config, loadEnv, parseConfigText } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import {
  DEFAULT_SIM_APP_TOKEN,
  DEFAULT_SIM_BOT_TOKEN,
  defaultWorkspace,
  type SimMessage,
  type SlackSim,
  startSlackSim,
} from '../../../src/sim/slack/index.js';
import { type BotOptions, type RunningBot, startBot } from '../../../src/slack/bot.js';
import type { Gate, Run } from '../../../src/workflow/types.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export function testConfig(
  env: Record<string, string>,
  replacements: Record<string, string> = {},
): Config {
  let text = readFileSync(new URL('../../../aurora-bot.sim.yaml', import.meta.url), 'utf8');
  for (const [from, to] of Object.entries(replacements)) text = text.replaceAll(from, to);
  return {
    env: loadEnv(env),
    configPath: 'aurora-bot.sim.yaml',
    ...parseConfigText(text, 'aurora-bot.sim.yaml', {}),
  };
}

export interface FrontHarness {
  sim: SlackSim;
  bot: RunningBot;
  redis: Redis;
  prefix: string;
  signingSecret: string;
  config: Config;
  /** Puts a run at an approval gate, as the engine would, and logs `gate.opened`. */
  openGate(runId: string, gate?: Partial<Gate>): Promise<Gate>;
  /** Waits until `predicate` holds for the channel's messages. */
  waitForMessages(
    predicate: (messages: SimMessage[]) => boolean,
    timeoutMs?: number,
  ): Promise<SimMessage[]>;
  /** Counts of jobs in the runs queue and the outbox queue, and stored runs. */
  enqueued(): Promise<{ runJobs: number; runs: number }>;
  close(): Promise<void>;
}

export async function startFront(
  options: {
    bot?: Partial<BotOptions>;
    configReplacements?: Record<string, string>;
    env?: Record<string, string>;
    /** Connect the bot to the stand-in in Socket Mode (an app-level token) instead of HTTP. */
    socketMode?: boolean;
  } = {},
): Promise<FrontHarness> {
  const signingSecret = `secret-${randomBytes(6).toString('hex')}`;
  const prefix = `ts${randomBytes(4).toString('hex')}`;
  const workspace = defaultWorkspace();
  // why: a second approver (besides U0BOB) for double-click tests; U0CAROL stays a bystander.
  workspace.users.push({
    id: 'U0DAVE',
    name: 'dave',
    realName: 'Dave Park',
    tz: 'UTC',
    title: 'approver',
  });
  const sim = await startSlackSim({ port: 0, signingSecret, workspace });
  const config = testConfig(
    {
      SLACK_BOT_TOKEN: DEFAULT_SIM_BOT_TOKEN,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: sim.apiUrl,
      REDIS_URL,
      ...(options.socketMode ? { SLACK_APP_TOKEN: DEFAULT_SIM_APP_TOKEN } : {}),
      ...options.env,
    },
    {
      'approvers: [U0BOB, S0DBLEADS]': 'approvers: [U0BOB, U0DAVE, S0DBLEADS]',
      ...options.configReplacements,
    },
  );
  const bot = await startBot({
    config,
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    role: 'all',
    port: 0,
    prefix,
    engineWorker: false,
    progressIntervalMs: 0,
    ...options.bot,
  });
  if (!options.socketMode) sim.setBotUrl(`http://127.0.0.1:${bot.port}`);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });

  return {
    sim,
    bot,
    redis,
    prefix,
    signingSecret,
    config,
    async openGate(runId, overrides = {}) {
      const key = `${prefix}:run:${runId}`;
      const raw = await redis.get(key);
      if (!raw) throw new Error(`no run ${runId}`);
      const run = JSON.parse(raw) as Run;
      const now = Date.now();
      const gate: Gate = {
        id: `g-${randomBytes(3).toString('hex')}`,
        step: 'switchover',
        nonce: randomBytes(8).toString('hex'),
        title: 'Switch over to green',
        action: 'Switch production to green.',
        expectedOutage: 'about 30 s',
        evidence: { lines: ['green AVAILABLE'], digest: 'd1' },
        openedAt: new Date(now).toISOString(),
        deadline: new Date(now + 3_600_000).toISOString(),
        probeReachable: true,
        ...overrides,
      };
      run.gate = gate;
      run.status = 'awaiting_approval';
      await redis.set(key, JSON.stringify(run));
      await bot.engine.recordEvent(runId, { type: 'gate.opened', gate });
      return gate;
    },
    async waitForMessages(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const messages = sim.messages('C0OPS');
        if (predicate(messages)) return messages;
        if (Date.now() > deadline) {
          throw new Error(
            `messages did not reach the expected state:\n${JSON.stringify(
              messages.map((m) => [m.text, m.replies.map((r) => r.text)]),
              null,
              1,
            )}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async enqueued() {
      const counts = await bot.engine.queue.getJobCounts();
      const runJobs = Object.values(counts).reduce((a, b) => a + b, 0);
      const runs = (await bot.engine.listRuns({ limit: 1000 })).length;
      return { runJobs, runs };
    },
    async close() {
      await bot.stop();
      await sim.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** The thread (root + replies) of the first bot root message, as texts. */
export function threadTexts(
  messages: SimMessage[],
): { root: string; replies: string[] } | undefined {
  const root = messages.find(
    (m) =>
      !m.ephemeral &&
      m.botId !== undefined &&
      m.threadTs === undefined &&
      m.replies.length >= 0 &&
      m.text.includes('requested by'),
  );
  if (!root) return undefined;
  return {
    root: `${root.text}\n${JSON.stringify(root.blocks)}`,
    replies: root.replies.map((r) => `${r.text}\n${JSON.stringify(r.blocks)}`),
  };
}
