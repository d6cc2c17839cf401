/**
 * Starts bench/lib/worker-main.ts as a child process (so it can be SIGKILLed and its memory
 * measured on its own), with the SDK pointed at the emulator through AWS_ENDPOINT_URL_RDS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './suite.js';
import type { WorkerSpec } from './worker-spec.js';

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  /** The last lines the worker wrote to stderr (its warnings and errors). */
  stderrTail(): string;
  kill(signal: NodeJS.Signals): Promise<string>;
}

/** The environment a worker needs to reach the emulator instead of AWS. */
export function sdkEnv(emulatorUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL_RDS: emulatorUrl,
    AWS_REGION: 'ap-northeast-2',
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
  };
}

export async function startWorker(spec: WorkerSpec, emulatorUrl: string): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/worker-main.ts', JSON.stringify(spec)],
    { cwd: ROOT, env: sdkEnv(emulatorUrl), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    void exited.then((how) => reject(new Error(`worker exited before ready (${how}): ${tail}`)));
  });
  return {
    pid: child.pid ?? 0,
    child,
    exited,
    stderrTail: () => tail,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Resident set size and its high-water mark of a process, in bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs`; `stop()` returns the samples (bytes) and the kernel's peak. */
export function sampleRss(
  pid: number,
  everyMs = 200,
): { stop(): { samples: number[]; hwm: number } } {
  const samples: number[] = [];
  let hwm = 0;
  const take = () => {
    const m = memoryOf(pid);
    if (!m) return;
    samples.push(m.rss);
    hwm = Math.max(hwm, m.hwm);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      take();
      clearInterval(timer);
      return { samples, hwm };
    },
  };
}
