/**
 * `aurora-bot demo` when what it needs is missing: it must say which service, where it looked
 * and how to get it, and start nothing.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/net/free-port.js';
import { runCli } from '../helpers/cli.js';

// why: nothing listens on port 1 (tcpmux) on a Linux CI machine; connections are refused at once.
const NO_REDIS = 'redis://127.0.0.1:1';
const NO_MYSQL = 'mysql://root@127.0.0.1:1';

async function demo(...args: string[]) {
  return runCli(['demo', '--port', String(await freePort()), ...args], { timeoutMs: 20_000 });
}

describe('aurora-bot demo without its services', () => {
  it('when neither Redis nor MySQL is reachable, then it exits non-zero naming both and how to start them', async () => {
    const result = await demo('--redis-url', NO_REDIS, '--mysql', NO_MYSQL);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach');
    expect(result.stderr).toContain('Redis at 127.0.0.1:1 (--redis-url)');
    expect(result.stderr).toContain('docker compose up -d redis');
    expect(result.stderr).toContain('MySQL/MariaDB at 127.0.0.1:1 (--mysql)');
    expect(result.stderr).toContain('docker compose up -d mysql');
    expect(result.stdout).not.toContain('is ready');
  });

  it('when only MySQL is unreachable, then it names MySQL and not Redis', async () => {
    const result = await demo('--mysql', NO_MYSQL);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MySQL/MariaDB at 127.0.0.1:1 (--mysql)');
    expect(result.stderr).not.toContain('Redis at');
    expect(result.stdout).not.toContain('is ready');
  });

  it('when --redis-url is not a URL, then it exits 2 saying what a valid one looks like', async () => {
    const result = await demo('--redis-url', 'localhost');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--redis-url must be a URL such as redis://127.0.0.1:6379, got "localhost".',
    );
  });
});
