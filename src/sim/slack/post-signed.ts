import { UnavailableError } from '../../errors.js';
import { signSlackRequest } from './sign-slack-request.js';
import type { BotAnswer } from './types.js';

/** Bolt's events endpoint under a base URL; a URL already naming a path is used as is. */
export function eventsUrl(botUrl: string): string {
  const url = new URL(botUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/slack/events';
  return url.toString();
}

/**
 * POSTs a body to the bot exactly as Slack does: signed, with the bare
 * `application/x-www-form-urlencoded` content type (Bolt answers 400 to one with a charset).
 * `timestamp` is in seconds. Throws {@link UnavailableError} when the bot cannot be reached.
 */
export async function postSigned(args: {
  botUrl: string;
  secret: string;
  body: string;
  timestamp: number;
  /** Give up after this long (ms); Slack itself gives up after 3 s. */
  timeoutMs?: number;
}): Promise<BotAnswer> {
  const url = eventsUrl(args.botUrl);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: args.body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(args.timestamp),
        'x-slack-signature': signSlackRequest(args.secret, args.timestamp, args.body),
      },
      signal: AbortSignal.timeout(args.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new UnavailableError('slack_sim_bot_unreachable', `The bot did not answer at ${url}.`, {
      hint: 'Start the bot, or point the stand-in at it (--bot-url, or setBotUrl()).',
      cause: error,
    });
  }
  const text = await response.text();
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body };
}
