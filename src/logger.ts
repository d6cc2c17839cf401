import { type Logger, pino } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'authorization',
  'Authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.signingSecret',
  '*.authorization',
  '*.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'headers.authorization',
  'headers["x-slack-signature"]',
  'env.SLACK_BOT_TOKEN',
  'env.SLACK_SIGNING_SECRET',
  'env.SLACK_APP_TOKEN',
];

/**
 * JSON logs with secrets redacted; pretty lines when `pretty` (a terminal) is asked for.
 * `destination` lets tests capture output.
 */
export function createLogger(
  options: {
    level?: string;
    pretty?: boolean;
    destination?: NodeJS.WritableStream;
    name?: string;
  } = {},
): Logger {
  const base = {
    name: options.name ?? 'aurora-bot',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } },
    });
  }
  return pino(base, pino.destination(2));
}
