/**
 * Tests talk to the real Redis and MariaDB. Fail the whole run loudly, with what to do,
 * when either is missing, instead of letting each test time out.
 */
import { createConnection } from 'node:net';

function reachable(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export default async function setup(): Promise<void> {
  const missing: string[] = [];
  if (!(await reachable('127.0.0.1', 6379)))
    missing.push('Redis on 127.0.0.1:6379 (redis-server --daemonize yes)');
  if (!(await reachable('127.0.0.1', 3306)))
    missing.push('MariaDB/MySQL on 127.0.0.1:3306 (root, empty password)');
  if (missing.length > 0) {
    throw new Error(
      `The test suite needs real services that are not running:\n  - ${missing.join('\n  - ')}`,
    );
  }
}
