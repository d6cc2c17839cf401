/**
 * `aurora-bot demo`: the whole product on one machine without Slack or AWS. Starts the RDS
 * emulator (green creation compressed to about a minute, outages kept realistic), the Slack
 * stand-in with its web page, and the unmodified bot as a child process pointed at both through
 * the standard variables (AWS_ENDPOINT_URL_RDS, SLACK_API_URL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { formatDuration } from '../duration.js';
import { UnavailableError, UserError } from '../errors.js';
import { freePort } from '../net/free-port.js';
import { reachable } from '../net/reachable.js';
import { EXIT } from './exit.js';

interface DemoOptions {
  host: string;
  port: string;
  speed: string;
  outageScale: string;
  redisUrl: string;
  mysql: string;
}

/** How long AWS takes to create a green environment (ms), for the ready message. */
const GREEN_CREATION_MS = 50 * 60_000;
/** How long the bot may take to finish its current step when the demo stops (ms). */
const BOT_STOP_MS = 10_000;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const BIN = fileURLToPath(new URL('../../bin/aurora-bot.js', import.meta.url));
const SIM_CONFIG = fileURLToPath(new URL('../../aurora-bot.sim.yaml', import.meta.url));

function url(option: string, value: string, example: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new UserError(
      'invalid_option',
      `--${option} must be a URL such as ${example}, got "${value}".`,
    );
  }
}

async function checkServices(redisUrl: string, mysqlUrl: string): Promise<void> {
  const redis = url('redis-url', redisUrl, 'redis://127.0.0.1:6379');
  const mysql = url('mysql', mysqlUrl, 'mysql://root@127.0.0.1:3306');
  const missing: string[] = [];
  if (!(await reachable(redis.hostname, Number(redis.port || 6379)))) {
    missing.push(
      `Redis at ${redis.host} (--redis-url): start one with \`redis-server --daemonize yes\` or \`docker compose up -d redis\``,
    );
  }
  if (!(await reachable(mysql.hostname, Number(mysql.port || 3306)))) {
    missing.push(
      `MySQL/MariaDB at ${mysql.host} (--mysql): start one with \`docker compose up -d mysql\` (or your distribution's mariadb-server)`,
    );
  }
  if (missing.length > 0) {
    throw new UnavailableError(
      'demo_services_missing',
      `The demo needs Redis and MySQL/MariaDB, and cannot reach:\n  - ${missing.join('\n  - ')}`,
      { hint: 'Or point --redis-url and --mysql at servers that are running.' },
    );
  }
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UserError('invalid_option', `--${name} must be a positive number, got "${value}".`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run the bot against the local Slack stand-in and RDS emulator; open the printed URL',
    )
    .option(
      '--host <host>',
      'address the Slack stand-in page listens on (0.0.0.0 in a container)',
      '127.0.0.1',
    )
    .option('-p, --port <port>', 'port of the Slack stand-in page', '4600')
    .option(
      '--speed <n>',
      'divide AWS durations by n (50: green creation takes about a minute)',
      '50',
    )
    .option(
      '--outage-scale <n>',
      'multiply outage lengths by n (1: a realistic 20–30 s switchover)',
      '1',
    )
    .option('--redis-url <url>', 'Redis to use', 'redis://127.0.0.1:6379')
    .option(
      '--mysql <url>',
      'MySQL/MariaDB behind the simulated Aurora endpoints',
      'mysql://root@127.0.0.1:3306',
    )
    .action(async (options: DemoOptions) => {
      const port = positive('port', options.port);
      const speed = positive('speed', options.speed);
      const outageScale = positive('outage-scale', options.outageScale);
      await checkServices(options.redisUrl, options.mysql);
      const signingSecret = randomBytes(16).toString('hex');
      const botToken = 'xoxb-sim-token';
      const [{ startRdsEmulator }, { startSlackSim }] = await Promise.all([
        import('../sim/rds/index.js'),
        import('../sim/slack/index.js'),
      ]);
      const emulator = await startRdsEmulator({
        port: 0,
        speed,
        outageScale,
        mysql: options.mysql,
      });
      const slack = await startSlackSim({ host: options.host, port, signingSecret, botToken });
      const botPort = await freePort();
      slack.setBotUrl(`http://127.0.0.1:${botPort}`);
      const bot: ChildProcess = spawn(process.execPath, [BIN, 'start', '--config', SIM_CONFIG], {
        stdio: ['ignore', 'inherit', 'inherit'],
        // why: its own process group, so Ctrl+C in the terminal reaches only the demo, which
        // stops the bot once; a second signal would make the bot exit without draining.
        detached: true,
        env: {
          AWS_ENDPOINT_URL_RDS: emulator.url,
          AWS_REGION: 'ap-northeast-2',
          AWS_ACCESS_KEY_ID: 'AKIDDEMO',
          AWS_SECRET_ACCESS_KEY: 'demo-secret',
          SLACK_API_URL: slack.apiUrl,
          SLACK_BOT_TOKEN: botToken,
          SLACK_SIGNING_SECRET: signingSecret,
          REDIS_URL: options.redisUrl,
          PORT: String(botPort),
          LOG_LEVEL: 'warn',
          // why: the probe logs in to the emulator's endpoints as the backing server's user;
          // aurora-bot.sim.yaml names this variable for the password given in --mysql.
          AURORA_SIM_MYSQL_PASSWORD: decodeURIComponent(new URL(options.mysql).password),
          // why: the SDK's notice that releases after January 2027 need Node 22 is not news to
          // someone trying the demo; the README states the Node requirement.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          // why: a fresh key prefix per demo, so runs of an earlier demo never hold a cluster lock.
          AURORA_BOT_QUEUE_PREFIX: `demo-${randomBytes(3).toString('hex')}`,
        },
      });
      // why: a crash of the demo must not leave the bot running on its own.
      const killBot = () => bot.kill('SIGKILL');
      process.once('exit', killBot);
      let stopping: Promise<void> | undefined;
      // why: the emulator and the stand-in stay up until the bot has exited, so a step it is
      // finishing does not hang on an endpoint that vanished under it.
      const stop = () => {
        if (stopping === undefined) process.stdout.write('Stopping the demo…\n');
        stopping ??= stopBot(bot).then(async () => {
          process.off('exit', killBot);
          await slack.close();
          await emulator.close();
        });
        return stopping;
      };
      const ready = await waitForBot(botPort, bot);
      if (!ready) {
        await stop();
        throw new UnavailableError('demo_bot_failed', 'The bot did not start; its log is above.');
      }
      process.stdout.write(
        [
          '',
          `aurora-bot demo is ready: open ${slack.url}`,
          '  1. As alice (the requester) type: /aurora scaleup prod-db r6g.2xlarge',
          '  2. Switch to bob (an approver) and approve each step; alice cannot approve her own run.',
          `  The RDS emulator runs ${speed}x faster than AWS (green creation ≈ ${formatDuration(GREEN_CREATION_MS / speed)}); outages keep their real length ×${outageScale}.`,
          '  Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const finish = () => void stop().then(resolve);
        for (const signal of STOP_SIGNALS) process.once(signal, finish);
        bot.once('exit', (code) => {
          if (stopping === undefined && code !== 0) {
            process.stderr.write(`the bot exited unexpectedly (status ${code ?? 'killed'})\n`);
            process.exitCode = EXIT.failed;
          }
          finish();
        });
      });
    });
}

/** SIGTERM, then SIGKILL after BOT_STOP_MS; resolves once the bot has exited. */
function stopBot(bot: ChildProcess): Promise<void> {
  if (bot.exitCode !== null || bot.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => bot.kill('SIGKILL'), BOT_STOP_MS);
    bot.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    bot.kill('SIGTERM');
  });
}

async function waitForBot(port: number, bot: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) return false;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
