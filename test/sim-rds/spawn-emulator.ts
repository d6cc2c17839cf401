import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, ROOT } from '../helpers/cli.js';

export interface SpawnedEmulator {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `aurora-bot sim rds …` as a separate process and waits for its one-line banner. */
export function spawnEmulator(
  args: string[],
  env: Record<string, string> = {},
): Promise<SpawnedEmulator> {
  const child = spawn(process.execPath, [BIN, 'sim', 'rds', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner from sim rds; stderr:\n${err}`));
    }, 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`sim rds exited with ${code} before its banner; stderr:\n${err}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^RDS emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        stdout: () => out,
        stderr: () => err,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
