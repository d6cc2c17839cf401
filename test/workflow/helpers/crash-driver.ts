/**
 * Drives a run with worker processes that SIGKILL themselves at crash triggers (see
 * test/helpers/worker-process.ts). Two workers are alive at any time, as in a deployment with
 * more than one: when one dies, the other takes the run over once BullMQ sees the job stalled,
 * and a fresh one is started in its place, until the run ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Run } from '../../../src/workflow/types.js';
import type { Harness } from '../../helpers/engine-harness.js';

const WORKER = fileURLToPath(new URL('../../helpers/worker-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface WorkerExit {
  /** The trigger the process died on, or undefined if it ended otherwise. */
  killedAt: string | undefined;
  code: number | null;
  stderr: string;
}

export interface WorkerChild {
  child: ChildProcess;
  exited: Promise<WorkerExit>;
  /** SIGKILLs the process (if still running) and waits for it to end. */
  stop(): Promise<void>;
}

export function spawnWorker(
  h: Pick<Harness, 'prefix' | 'redisUrl'>,
  options: { killFile?: string; configOverrides?: Record<string, string> } = {},
): WorkerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      ...process.env,
      REDIS_URL: h.redisUrl,
      AURORA_TEST_PREFIX: h.prefix,
      AURORA_TEST_KILL_FILE: options.killFile ?? '',
      AURORA_TEST_CONFIG_OVERRIDES: JSON.stringify(options.configOverrides ?? {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<WorkerExit>((resolve) => {
    // why: 'close' comes after stdout is drained; 'exit' can come before the KILLED line.
    child.on('close', (code) => {
      resolve({ killedAt: /KILLED (\S+)/.exec(stdout)?.[1], code, stderr });
    });
  });
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

const terminal = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

/** Runs worker processes until the run ends; returns the triggers in the order they fired. */
export async function driveWithCrashes(
  h: Harness,
  runId: string,
  triggers: string[],
  options: { timeoutMs?: number; configOverrides?: Record<string, string> } = {},
): Promise<{ run: Run; kills: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'aurora-crash-'));
  const killFile = join(dir, 'triggers.json');
  const remaining = [...triggers];
  const save = () => {
    writeFileSync(`${killFile}.tmp`, JSON.stringify(remaining));
    renameSync(`${killFile}.tmp`, killFile);
  };
  save();
  const kills: string[] = [];
  const workers = new Set<WorkerChild>();
  const start = () => {
    const worker = spawnWorker(h, {
      killFile,
      ...(options.configOverrides ? { configOverrides: options.configOverrides } : {}),
    });
    workers.add(worker);
    return worker;
  };
  start();
  start();
  const ended = h
    .waitFor(runId, terminal, options.timeoutMs ?? 80_000)
    .then((run) => ({ kind: 'run' as const, run }));
  try {
    for (;;) {
      const outcome = await Promise.race([
        ended,
        ...[...workers].map((w) => w.exited.then((exit) => ({ kind: 'exit' as const, w, exit }))),
      ]);
      if (outcome.kind === 'run') return { run: outcome.run, kills };
      workers.delete(outcome.w);
      const { killedAt, code, stderr } = outcome.exit;
      if (killedAt === undefined) {
        throw new Error(`worker process exited with ${code} without a crash trigger:\n${stderr}`);
      }
      kills.push(killedAt);
      remaining.splice(remaining.indexOf(killedAt), 1);
      save();
      start();
    }
  } finally {
    await Promise.all([...workers].map((w) => w.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}
