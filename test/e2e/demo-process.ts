/**
 * `aurora-bot demo` as a child process, started exactly as a user starts it
 * (`node bin/aurora-bot.js demo …`), with its output collected and its bot child's pid known,
 * so a test can stop it and prove nothing was left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { BIN, ROOT } from '../helpers/cli.js';

export interface DemoProcess {
  /** The page URL printed on the ready line. */
  url: string;
  child: ChildProcess;
  /** Pids of the demo's own child processes (the bot) once it was ready. */
  childPids: number[];
  /** Everything the demo wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then wait for the demo to exit (SIGKILL after `timeoutMs`); resolves its exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

const READY = /aurora-bot demo is ready: open (http:\/\/\S+)/;

/** Direct children of `pid`, read from /proc (Linux). */
export function childPidsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/** Whether a process with this pid still exists (zombies count as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // why: the state letter follows the parenthesised command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Starts the demo and resolves once it printed its ready line (rejects with its output if not). */
export function startDemo(
  args: string[],
  options: { readyTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<DemoProcess> {
  const child = spawn(process.execPath, [BIN, 'demo', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async (timeoutMs = 20_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      void stop(5_000).then(() => reject(new Error(`${why}\n--- demo output ---\n${output}`)));
    };
    const timer = setTimeout(
      () => fail('the demo did not print its ready line in time'),
      options.readyTimeoutMs ?? 60_000,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      const url = READY.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      const pid = child.pid ?? 0;
      resolve({ url, child, childPids: childPidsOf(pid), output: () => output, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!READY.test(output))
        fail(`the demo exited (code ${code}, signal ${signal}) before it was ready`);
    });
  });
}
