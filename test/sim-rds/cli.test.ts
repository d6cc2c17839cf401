import { describe, expect, it } from 'vitest';
import { fetchSimState } from '../../src/sim/rds/index.js';
import { runCli } from '../helpers/cli.js';
import { spawnEmulator } from './spawn-emulator.js';

describe('aurora-bot sim rds', () => {
  it('when started, then it prints exactly one line once it accepts requests, and exits 0 on SIGTERM', async () => {
    const emulator = await spawnEmulator(['--port', '0', '--speed', '1000', '--seed', '1']);
    const state = (await fetchSimState(emulator.url)) as { speed: number; clusters: unknown[] };
    expect(state.speed).toBe(1000);
    expect(state.clusters).toHaveLength(2);
    expect(await emulator.stop()).toBe(0);
    expect(emulator.stdout().split('\n')).toEqual([
      `RDS emulator listening on ${emulator.url}`,
      '',
    ]);
    expect(emulator.stderr()).toContain('RDS emulator started');
  });

  it('when a flag is bad, then it exits 2 with a clear message', async () => {
    const speed = await runCli(['sim', 'rds', '--speed', '0']);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain(
      "option '--speed <n>' argument '0' is invalid. must be a number above 0.",
    );
    const port = await runCli(['sim', 'rds', '--port', 'http']);
    expect(port.code).toBe(2);
    const world = await runCli(['sim', 'rds', '--port', '0', '--world', 'missing-world.yaml']);
    expect(world.code).toBe(2);
    expect(world.stderr).toContain('World file not found');
    expect(world.stdout).toBe('');
  });

  it('when asked for help, then it documents the flags and the default port 4599', async () => {
    const help = await runCli(['sim', 'rds', '--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--port',
      '--speed',
      '--outage-scale',
      '--world',
      '--mysql',
      '--data-port',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('4599');
  });
});
