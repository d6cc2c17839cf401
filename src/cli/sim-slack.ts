import type { Command } from 'commander';
import { readSecretEnv } from '../config.js';
import { ConfigError, UnavailableError, UserError } from '../errors.js';
import { createLogger } from '../logger.js';
import { DEFAULT_SIM_APP_TOKEN, DEFAULT_SIM_BOT_TOKEN } from '../sim/slack/default-tokens.js';
import { untilSignal } from './until-signal.js';

/**
 * The shared secret when none is configured. It only ever protects a stand-in on the
 * developer's own machine; the bot must be started with the same value.
 */
export const DEV_SIGNING_SECRET = 'aurora-sim-signing-secret';

interface SimSlackOptions {
  host: string;
  port: string;
  botUrl?: string;
  signingSecretEnv?: string;
  botTokenEnv?: string;
}

/**
 * A secret from the variable named on the command line (which must then be set), else from
 * the bot's own variable, else the development default, so that a bot and a stand-in started
 * from the same shell agree.
 */
function secretFrom(
  named: string | undefined,
  botVariable: string,
  fallback: string,
): { value: string; source: string } {
  if (named !== undefined) {
    const value = readSecretEnv(named);
    if (value !== undefined) return { value, source: named };
    throw new ConfigError(`${named} is not set.`, [
      `environment variable ${named} is empty or unset`,
    ]);
  }
  const value = readSecretEnv(botVariable);
  return value === undefined
    ? { value: fallback, source: 'default' }
    : { value, source: botVariable };
}

export function registerSimSlack(sim: Command): void {
  sim
    .command('slack')
    .description(
      'run the local Slack stand-in: Web API, signed commands and clicks, and a web page',
    )
    .option('--host <address>', 'interface to listen on', '127.0.0.1')
    .option('-p, --port <port>', 'port of the page and the Web API (0 picks a free one)', '4600')
    .option('--bot-url <url>', "the bot's base URL; commands go to <url>/slack/events")
    .option(
      '--signing-secret-env <VAR>',
      `environment variable holding the signing secret shared with the bot (default: SLACK_SIGNING_SECRET, else "${DEV_SIGNING_SECRET}")`,
    )
    .option(
      '--bot-token-env <VAR>',
      `environment variable holding the bot token the Web API accepts (default: SLACK_BOT_TOKEN, else ${DEFAULT_SIM_BOT_TOKEN})`,
    )
    .action(async (options: SimSlackOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UserError('sim_bad_port', `Not a port: ${options.port}`, {
          hint: 'Use 0–65535.',
        });
      }
      if (options.botUrl !== undefined && !URL.canParse(options.botUrl)) {
        throw new UserError('sim_bad_bot_url', `Not a URL: ${options.botUrl}`, {
          hint: 'e.g. --bot-url http://127.0.0.1:3000',
        });
      }
      const secret = secretFrom(
        options.signingSecretEnv,
        'SLACK_SIGNING_SECRET',
        DEV_SIGNING_SECRET,
      );
      const token = secretFrom(options.botTokenEnv, 'SLACK_BOT_TOKEN', DEFAULT_SIM_BOT_TOKEN);
      const appToken = secretFrom(undefined, 'SLACK_APP_TOKEN', DEFAULT_SIM_APP_TOKEN);
      if (secret.source === 'default' || token.source === 'default') {
        process.stderr.write(
          'Start the bot with the same credentials as the stand-in: ' +
            `SLACK_SIGNING_SECRET=${secret.source === 'default' ? secret.value : `$${secret.source}`} ` +
            `SLACK_BOT_TOKEN=${token.source === 'default' ? token.value : `$${token.source}`}` +
            ` (and SLACK_APP_TOKEN=${appToken.source === 'default' ? appToken.value : '$SLACK_APP_TOKEN'} for Socket Mode instead of --bot-url)\n`,
        );
      }
      const logger = createLogger({ name: 'slack-sim', level: 'warn' });
      const { startSlackSim } = await import('../sim/slack/index.js');
      const sim = await startSlackSim({
        host: options.host,
        port,
        signingSecret: secret.value,
        botToken: token.value,
        appToken: appToken.value,
        logger,
        ...(options.botUrl === undefined ? {} : { botUrl: options.botUrl }),
      }).catch((error: unknown) => {
        throw new UnavailableError(
          'sim_listen_failed',
          `Cannot listen on ${options.host}:${port}.`,
          {
            hint: 'Another process may use that port; pick another with --port.',
            cause: error,
          },
        );
      });
      process.stdout.write(`Slack stand-in at ${sim.url}\n`);
      await untilSignal();
      await sim.close();
    });
}
