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
import { UnavailableError, UserError } from '../errors.js';
import { freePort } from '../net/free-port.js';
import { reachable } from '../net/reachable.js';
import { startRdsEmulator } from '../sim/rds/index.js';
import { startSlackSim } from '../sim/slack/index.js';

interface DemoOptions {
  host: string;
  port: string;
  speed: string;
  outageScale: string;
  redisUrl: string;
  mysql: string;
}

const BIN = fileURLToPath(new URL('../../bin/aurora-bot.js', import.meta.url));
const SIM_CONFIG = fileURLToPath(new URL('../../aurora-bot.sim.yaml', import.meta.url));

async function checkServices(redisUrl: string, mysqlUrl: string): Promise<void> {
  const redis = new URL(redisUrl);
  const mysql = new URL(mysqlUrl);
  const missing: string[] = [];
  if (!(await reachable(redis.hostname, Number(redis.port || 6379)))) {
    missing.push(
      `Redis at ${redis.host}: start one with \`redis-server --daemonize yes\` or \`docker compose up -d redis\``,
    );
  }
  if (!(await reachable(mysql.hostname, Number(mysql.port || 3306)))) {
    missing.push(
      `MySQL/MariaDB at ${mysql.host}: start one with \`docker compose up -d mysql\` (or your distribution's mariadb-server)`,
    );
  }
  if (missing.length > 0) {
    throw new UnavailableError(
      'demo_services_missing',
      `The demo needs two local services:\n  - ${missing.join('\n  - ')}`,
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
          // why: a fresh key prefix per demo, so runs of an earlier demo never hold a cluster lock.
          AURORA_BOT_QUEUE_PREFIX: `demo-${randomBytes(3).toString('hex')}`,
        },
      });
      const stop = async () => {
        bot.kill('SIGTERM');
        await slack.close();
        await emulator.close();
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
          `  The RDS emulator runs ${speed}x faster than AWS (green creation ≈ ${Math.round(50 / speed)} min); outages keep their real length ×${outageScale}.`,
          '  Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const finish = () => void stop().then(resolve);
        process.once('SIGINT', finish);
        process.once('SIGTERM', finish);
        bot.once('exit', (code) => {
          if (code !== 0 && code !== null)
            process.stderr.write(`the bot exited with status ${code}\n`);
          finish();
        });
      });
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
