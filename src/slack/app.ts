/**
 * The Bolt app: HTTP receiver on `/slack/events` (or Socket Mode when an app token is set), the
 * `/aurora` command and the approval buttons, plus our health and metrics routes on the same
 * server. `auth.test` runs explicitly in {@link createSlackApp} so a bad token or an unreachable
 * Slack fails with one clear error instead of an unhandled rejection.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { EnvConfig } from '../config.js';
import { ConfigError, UnavailableError } from '../errors.js';
import type { HttpRoute } from '../http/health-routes.js';
import type { Logger } from '../logger.js';
import { registerGateDecision } from './actions/gate-decision.js';
import { toBoltLogger } from './bolt-logger.js';
import { registerCommands } from './commands/register.js';
import type { FrontDeps } from './front-deps.js';
import { guardSlackPayloads } from './payload-guard.js';
import { createUserTzLookup } from './user-tz.js';
import { QUICK_RETRIES, requireBotToken, slackApiUrl } from './web-clients.js';

export interface SlackApp {
  app: App;
  /** Starts listening. Resolves with the bound port (HTTP mode; useful with port 0). */
  start(): Promise<{ port: number | undefined; mode: 'http' | 'socket' }>;
  stop(): Promise<void>;
}

type SlackEnv = Pick<
  EnvConfig,
  'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'
>;

export async function createSlackApp(options: {
  env: SlackEnv;
  deps: FrontDeps;
  logger: Logger;
  routes?: readonly HttpRoute[];
  /** HTTP port for Slack events (HTTP mode) and our routes (both modes); 0 picks a free one. */
  port: number;
}): Promise<SlackApp> {
  const { env, deps, logger } = options;
  const token = requireBotToken(env);
  const boltLogger = toBoltLogger(logger);
  const base = slackApiUrl(env);
  const clientOptions = { retryConfig: QUICK_RETRIES, ...(base ? { slackApiUrl: base } : {}) };
  const customRoutes = [...(options.routes ?? [])];
  const socketMode = env.SLACK_APP_TOKEN !== undefined;
  if (!socketMode && !env.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Slack is not configured:',
      ['SLACK_SIGNING_SECRET: required (or SLACK_APP_TOKEN for Socket Mode)'],
      "Copy the signing secret from the Slack app's Basic Information page.",
    );
  }
  const { port } = options;
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: env.SLACK_APP_TOKEN ?? '',
        logger: boltLogger,
        customRoutes,
        installerOptions: { clientOptions, port },
      })
    : new HTTPReceiver({
        signingSecret: env.SLACK_SIGNING_SECRET ?? '',
        endpoints: '/slack/events',
        logger: boltLogger,
        customRoutes,
      });
  const app = new App({
    token,
    receiver,
    logger: boltLogger,
    clientOptions,
    deferInitialization: true,
    // why: Bolt's conversation store reads and writes per-conversation state on every request;
    // nothing here uses it, and in a burst of commands it is pure cost in the ack path.
    convoStore: false,
  });
  try {
    await app.init();
  } catch (error) {
    throw new UnavailableError(
      'slack_auth_failed',
      `Slack rejected or did not answer auth.test: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: `Check SLACK_BOT_TOKEN (a valid xoxb- token for this workspace)${base ? ` and SLACK_API_URL (${base})` : ' and that slack.com is reachable'}.`,
        cause: error,
      },
    );
  }
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  registerCommands(app, deps);
  registerGateDecision(app, deps, createUserTzLookup(app.client));

  return {
    app,
    async start() {
      if (socketMode) {
        await app.start();
        return { port: undefined, mode: 'socket' };
      }
      const server = (await app.start(port)) as Server;
      guardSlackPayloads(server);
      return { port: (server.address() as AddressInfo).port, mode: 'http' };
    },
    async stop() {
      await app.stop();
    },
  };
}
