/** The backing MySQL/MariaDB server every data-plane endpoint forwards to. */
import { connect } from 'node:net';
import { UnavailableError, UserError } from '../../errors.js';
import type { ProxyTarget } from '../../net/fault-proxy.js';

export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306';

/**
 * Host and port of a `mysql://user[:password]@host[:port]` URL. Credentials are not used:
 * the endpoints forward TCP, and clients log in with their own user.
 */
export function parseMysqlUrl(url: string): ProxyTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('sim_rds_bad_mysql_url', `Not a URL: ${url}`, {
      hint: `Use the form ${DEFAULT_MYSQL_URL}.`,
    });
  }
  if (!['mysql:', 'mariadb:'].includes(parsed.protocol) || parsed.hostname === '') {
    throw new UserError('sim_rds_bad_mysql_url', `Not a mysql:// URL: ${url}`, {
      hint: `Use the form ${DEFAULT_MYSQL_URL}.`,
    });
  }
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 3306) };
}

/** Fails fast, with what to do, when nothing listens at the backing server's address. */
export function assertReachable(target: ProxyTarget, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(target);
    const fail = (cause: unknown) => {
      socket.destroy();
      reject(
        new UnavailableError(
          'sim_rds_mysql_unreachable',
          `Cannot reach the backing MySQL at ${target.host}:${target.port}.`,
          { hint: 'Start MySQL/MariaDB there, or pass --mysql mysql://root@HOST:PORT.', cause },
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('timeout')));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
  });
}
