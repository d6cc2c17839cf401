/**
 * Bolt's and the Web API client's logger interface on top of our pino logger, so their lines
 * land in the same JSON stream (and go through the same secret redaction for objects).
 */
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

function line(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return err === undefined ? { msg } : { msg, err };
}

export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack-sdk' });
  let level = 'info' as LogLevel;
  const log =
    (lvl: Level) =>
    (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      if (err === undefined) child[lvl](msg);
      else child[lvl]({ err }, msg);
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}
