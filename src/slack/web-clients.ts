/**
 * The Web API clients the bot uses outside Bolt's listeners, pointed at `SLACK_API_URL` when set:
 * - `outbox`: rejects rate-limited calls and never retries by itself, so the outbox can park its
 *   job for Retry-After instead of sleeping in a worker slot;
 * - `api`: a couple of quick retries, for the policy's user-group look-ups.
 */
import { webApi } from '@slack/bolt';
import type { EnvConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { toBoltLogger } from './bolt-logger.js';

/** Short retries for calls made while a person waits (ms). */
export const QUICK_RETRIES = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 } as const;

export function slackApiUrl(env: Pick<EnvConfig, 'SLACK_API_URL'>): string | undefined {
  const url = env.SLACK_API_URL;
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

export function requireBotToken(env: Pick<EnvConfig, 'SLACK_BOT_TOKEN'>): string {
  if (!env.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      'Slack is not configured:',
      ['SLACK_BOT_TOKEN: required'],
      'Set SLACK_BOT_TOKEN to the app\'s bot token (xoxb-…); see "Install in Slack" in the README.',
    );
  }
  return env.SLACK_BOT_TOKEN;
}

export function createWebClients(
  env: Pick<EnvConfig, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'>,
  logger: Logger,
): { outbox: webApi.WebClient; api: webApi.WebClient } {
  const token = requireBotToken(env);
  const base = slackApiUrl(env);
  const common = {
    logger: toBoltLogger(logger),
    timeout: 10_000,
    ...(base ? { slackApiUrl: base } : {}),
  };
  return {
    outbox: new webApi.WebClient(token, {
      ...common,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    }),
    api: new webApi.WebClient(token, { ...common, retryConfig: QUICK_RETRIES }),
  };
}
