/**
 * Runs the real bot (`aurora-bot start`, i.e. src/main.ts) as a child process, so a scenario's
 * load generator and the Slack stand-in never share the bot's event loop, and the bot can be
 * checked for crashes (exit) and health (`/healthz`) from outside.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../src/net/free-port.js';
import { DEFAULT_SIM_BOT_TOKEN } from '../../src/sim/slack/index.js';
import type { BotRole } from '../../src/slack/bot.js';
import { sleep } from './stats.js';
import { ROOT } from './suite.js';
import { sdkEnv } from './worker-process.js';

export interface BotProcessOptions {
  role: BotRole;
  /** Path of the aurora-bot YAML configuration. */
  configFile: string;
  redisUrl: string;
  prefix: string;
  signingSecret: string;
  /** The Slack stand-in's Web API base (`sim.apiUrl`). */
  slackApiUrl: string;
  /** The RDS emulator: the bot's SDK never reaches AWS. */
  emulatorUrl: string;
  /** `LOG_LEVEL` of the bot (default `warn`). */
  logLevel?: string;
  /** Extra Node flags, e.g. `--cpu-prof` when looking into a figure. */
  nodeArgs?: string[];
  /** Give up waiting for `/healthz` after this long (ms, default 30 s). */
  readyTimeoutMs?: number;
}

export interface BotProcess {
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>`: Slack events at `/slack/events`, plus `/healthz`. */
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  /** Still running (no exit seen). */
  alive(): boolean;
  /** HTTP status of `/healthz` (0 when it does not answer within 2 s). */
  health(): Promise<number>;
  /** The last lines of the bot's stdout and stderr (its JSON log). */
  logTail(): string;
  /** Every log line so far (the most recent 100,000). */
  logLines(): string[];
  kill(signal: NodeJS.Signals): Promise<string>;
}

async function healthStatus(url: string): Promise<number> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { SLACK_APP_TOKEN: _socketMode, ...inherited } = sdkEnv(options.emulatorUrl);
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      'src/main.ts',
      'start',
      '--role',
      options.role,
    ],
    {
      cwd: ROOT,
      env: {
        ...inherited,
        AURORA_BOT_CONFIG: options.configFile,
        REDIS_URL: options.redisUrl,
        AURORA_BOT_QUEUE_PREFIX: options.prefix,
        SLACK_BOT_TOKEN: DEFAULT_SIM_BOT_TOKEN,
        SLACK_SIGNING_SECRET: options.signingSecret,
        SLACK_API_URL: options.slackApiUrl,
        PORT: String(port),
        LOG_LEVEL: options.logLevel ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let tail = '';
  const lines: string[] = [];
  const keep = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-8000);
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > 100_000) lines.splice(0, lines.length - 100_000);
    };
  };
  child.stdout?.on('data', keep());
  child.stderr?.on('data', keep());
  let exitedWith: string | undefined;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedWith = signal ?? `exit ${code}`;
      resolve(exitedWith);
    }),
  );
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while ((await healthStatus(url)) !== 200) {
    if (exitedWith !== undefined || Date.now() > deadline) {
      if (exitedWith === undefined) child.kill('SIGKILL');
      throw new Error(
        `the bot did not become healthy (${exitedWith ?? 'timeout'}): ${tail.slice(-2000)}`,
      );
    }
    await sleep(100);
  }
  return {
    pid: child.pid ?? 0,
    port,
    url,
    child,
    exited,
    alive: () => exitedWith === undefined,
    health: () => healthStatus(url),
    logTail: () => tail,
    logLines: () => [...lines],
    async kill(signal) {
      if (exitedWith === undefined) child.kill(signal);
      return exited;
    },
  };
}
