/**
 * Error classification: what a client can tell from the error it got. MySQL server errors carry
 * `errno`; network and driver errors carry a Node or mysql2 `code`.
 */
import type { ErrorClass } from './types.js';

/** `code` of the error the probe raises when an operation misses its deadline. */
export const TIMEOUT_CODE = 'PROBE_TIMEOUT';

const BY_ERRNO: Readonly<Record<number, ErrorClass>> = {
  // read-only: a demoted writer behind a stale endpoint (1290 --read-only, 1836 read-only mode,
  // 1792 read-only transaction)
  1290: 'read-only',
  1836: 'read-only',
  1792: 'read-only',
  // authentication: wrong user or password, host not allowed, unsupported auth plugin
  1045: 'auth',
  1698: 'auth',
  1130: 'auth',
  1251: 'auth',
  // the server is going away: shutdown in progress, connection killed, query interrupted,
  // server gone, lost connection during query
  1053: 'reset',
  1927: 'reset',
  1317: 'reset',
  2006: 'reset',
  2013: 'reset',
  // too many connections: the server turns clients away
  1040: 'refused',
};

const BY_CODE: Readonly<Record<string, ErrorClass>> = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  EHOSTDOWN: 'refused',
  ENETDOWN: 'refused',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  PROTOCOL_CONNECTION_LOST: 'reset',
  ETIMEDOUT: 'timeout',
  PROTOCOL_SEQUENCE_TIMEOUT: 'timeout',
  [TIMEOUT_CODE]: 'timeout',
  ER_ACCESS_DENIED_ERROR: 'auth',
  ER_ACCESS_DENIED_NO_PASSWORD_ERROR: 'auth',
  AUTH_SWITCH_PLUGIN_ERROR: 'auth',
};

/** Privilege errors: the account may log in but not use the probe table. */
export const PRIVILEGE_ERRNOS: ReadonlySet<number> = new Set([1044, 1142, 1143, 1227]);

/** Errno of a MySQL server error, when the error is one (Node's system errors have negative ones). */
export function errnoOf(error: unknown): number | undefined {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' && errno > 0 ? errno : undefined;
}

/** Classifies any error an operation can end with. */
export function classifyError(error: unknown): ErrorClass {
  const errno = errnoOf(error);
  if (errno !== undefined && BY_ERRNO[errno]) return BY_ERRNO[errno];
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && BY_CODE[code]) return BY_CODE[code];
  // why: mysql2 reports commands queued on a connection that has died without a code
  const message = error instanceof Error ? error.message : String(error);
  if (/closed state|connection lost/i.test(message)) return 'reset';
  return 'other';
}

/** A one-line message for people, with the MySQL error number when there is one. */
export function errorMessage(error: unknown): string {
  const errno = errnoOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const tag = errno !== undefined ? `${errno}` : typeof code === 'string' ? code : undefined;
  return tag && !message.includes(tag) ? `${tag}: ${message}` : message;
}
