/**
 * `aurora-bot start [--role web|worker|all] [--config FILE]`: runs the Slack front and/or the
 * workers until SIGINT or SIGTERM, then shuts down gracefully (a second signal exits at once).
 */
import { type Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import type { BotRole } from '../slack/bot.js';
import { EXIT } from './exit.js';
import { untilSignal } from './until-signal.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the bot: the Slack front (web), the workers, or both in one process')
    .addOption(
      new Option('--role <role>', 'what this process runs')
        .choices(['web', 'worker', 'all'])
        .default('all'),
    )
    .option(
      '-c, --config <file>',
      'configuration file (default: $AURORA_BOT_CONFIG or ./aurora-bot.yaml)',
    )
    .action((options: { role: BotRole; config?: string }) => runBot(options.role, options.config));
}

/** `aurora-bot worker`: the workers only (same as `start --role worker`), for horizontal scaling. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run only the workers (same as start --role worker), for horizontal scaling')
    .option(
      '-c, --config <file>',
      'configuration file (default: $AURORA_BOT_CONFIG or ./aurora-bot.yaml)',
    )
    .action((options: { config?: string }) => runBot('worker', options.config));
}

async function runBot(role: BotRole, configPath: string | undefined): Promise<void> {
  const config = loadConfig(configPath === undefined ? {} : { configPath });
  const logger = createLogger({ level: config.env.LOG_LEVEL, pretty: process.stderr.isTTY });
  // why: Bolt, BullMQ and the AWS SDK load only for the command that runs them.
  const { startBot } = await import('../slack/bot.js');
  const bot = await startBot({ config, logger, role });
  const signal = await untilSignal();
  logger.info(
    { signal },
    'shutting down; waiting for active jobs (send the signal again to exit now)',
  );
  const force = () => process.exit(EXIT.failed);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await bot.stop();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  logger.info('stopped');
}
