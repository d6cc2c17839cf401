/**
 * Tests talk to the real Redis and MariaDB. Fail the whole run loudly, with what to do,
 * when either is missing, instead of letting each test time out.
 */
import { reachable } from '../../src/net/reachable.js';

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
