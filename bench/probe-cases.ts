/**
 * One benchmark case each: an outage of known length injected with the fault proxy between a
 * client and the local MariaDB, measured by the probe (in process, or through the CLI) or by the
 * seed-style naive loop (a child process).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type OutageMode, startFaultProxy } from '../src/net/fault-proxy.js';
import { type ProbeReport, startProbe } from '../src/probe/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MARIADB = { host: '127.0.0.1', port: 3306 } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the probe said about one injected outage, next to the truth. */
export interface ProbeCaseResult {
  mode: OutageMode;
  lengthMs: number;
  run: number;
  truthMs: number;
  windows: number;
  estimateMs: number | null;
  lowerMs: number | null;
  upperMs: number | null;
  errorMs: number | null;
  failedOps: number;
  errors: Record<string, number>;
  readerEstimateMs: number | null;
  readerErrorMs: number | null;
  acknowledged: number;
  lost: number;
  ambiguous: number;
  verified: boolean;
  inBounds: boolean;
  withinInterval: boolean;
}

function judge(
  mode: OutageMode,
  lengthMs: number,
  run: number,
  truthMs: number,
  report: ProbeReport,
): ProbeCaseResult {
  const [outage] = report.writer.outages;
  const readerOutage = report.reader?.outages[0];
  const estimateMs = outage?.durationMs ?? null;
  const errorMs = estimateMs === null ? null : estimateMs - truthMs;
  const inBounds =
    outage !== undefined &&
    outage.upperMs !== null &&
    outage.lowerMs <= truthMs &&
    truthMs <= outage.upperMs;
  return {
    mode,
    lengthMs,
    run,
    truthMs,
    windows: report.writer.outages.length,
    estimateMs,
    lowerMs: outage?.lowerMs ?? null,
    upperMs: outage?.upperMs ?? null,
    errorMs,
    failedOps: outage?.failedOps ?? 0,
    errors: outage?.errors ?? {},
    readerEstimateMs: readerOutage?.durationMs ?? null,
    readerErrorMs: readerOutage ? readerOutage.durationMs - truthMs : null,
    acknowledged: report.writes.acknowledged,
    lost: report.writes.lost,
    ambiguous: report.writes.ambiguous,
    verified: report.writes.verified,
    inBounds,
    withinInterval: errorMs !== null && Math.abs(errorMs) <= report.intervalMs,
  };
}

/** Holds the proxy down for `lengthMs` after a random phase, returning the true outage length. */
async function inject(
  proxy: Awaited<ReturnType<typeof startFaultProxy>>,
  mode: OutageMode,
  lengthMs: number,
) {
  // why: a random phase against the 100 ms ticks, so runs do not all hit the same alignment
  await sleep(1000 + Math.random() * 100);
  const down = Date.now();
  await proxy.disrupt(mode);
  await sleep(lengthMs);
  await proxy.restore();
  return { down, truthMs: Date.now() - down };
}

/** The probe library at its defaults, writer and reader both behind the proxy. */
export async function runProbeCase(
  mode: OutageMode,
  lengthMs: number,
  run: number,
  database: string,
): Promise<ProbeCaseResult> {
  const proxy = await startFaultProxy({ target: MARIADB });
  const endpoint = { host: '127.0.0.1', port: proxy.port };
  const probe = startProbe({ writer: endpoint, reader: endpoint, user: 'root', database });
  try {
    if (!(await probe.waitForBaseline(10_000))) throw new Error('no baseline before the outage');
    const { truthMs } = await inject(proxy, mode, lengthMs);
    await probe.waitHealthyFor(1000, 10_000);
    return judge(mode, lengthMs, run, truthMs, await probe.stop());
  } finally {
    await probe.stop();
    await proxy.close();
  }
}

/** The same, through `aurora-bot probe --json` as an operator runs it. */
export async function runCliCase(
  mode: OutageMode,
  lengthMs: number,
  database: string,
): Promise<ProbeCaseResult & { command: string; exitCode: number | null }> {
  const proxy = await startFaultProxy({ target: MARIADB });
  const durationS = Math.ceil((lengthMs + 4000) / 1000);
  const args = [
    'probe',
    '--writer',
    `127.0.0.1:${proxy.port}`,
    '--user',
    'root',
    '--database',
    database,
    '--duration',
    `${durationS}s`,
    '--json',
  ];
  try {
    const child = spawn(process.execPath, ['bin/aurora-bot.js', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (proxy.stats.accepted === 0) await sleep(20);
    const { truthMs } = await inject(proxy, mode, lengthMs);
    const exitCode = await exited;
    const report = JSON.parse(stdout) as ProbeReport;
    return {
      ...judge(mode, lengthMs, 1, truthMs, report),
      command: `npx aurora-bot ${args.join(' ').replace(String(proxy.port), 'PROXY_PORT').replace(database, 'BENCH_DB')}`,
      exitCode,
    };
  } finally {
    await proxy.close();
  }
}

export type NaiveVariant = 'seed' | 'seed + error listener';

export interface NaiveCaseResult {
  variant: NaiveVariant;
  mode: OutageMode;
  lengthMs: number;
  truthMs: number;
  /** The naive loop wrote again after the outage. */
  recovered: boolean;
  /** Its process died (an unhandled connection error). */
  crashed: boolean;
  /** Gap between its last success before and first success after, when it recovered. */
  gapMs: number | null;
  errorsAfterRestore: number;
  lastError: string | null;
  /** The uncaught error that ended the process, when it crashed. */
  crash: string | null;
}

/** The seed-style loop (bench/probe-naive.ts) through the same kind of outage. */
export async function runNaiveCase(
  variant: NaiveVariant,
  mode: OutageMode,
  lengthMs: number,
  database: string,
  observeAfterMs = 3000,
): Promise<NaiveCaseResult> {
  const proxy = await startFaultProxy({ target: MARIADB });
  const args = ['--import', 'tsx', 'bench/probe-naive.ts', String(proxy.port), database];
  if (variant !== 'seed') args.push('handle-errors');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: { t: number; ok?: boolean; error?: string }[] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let crashed = false;
  const exited = new Promise<void>((resolve) =>
    child.on('close', (code, signal) => {
      crashed = signal === null && code !== 0;
      resolve();
    }),
  );
  try {
    while (!lines.some((l) => l.ok)) {
      if (child.exitCode !== null) throw new Error('the naive loop died before its first write');
      await sleep(20);
    }
    const { down, truthMs } = await inject(proxy, mode, lengthMs);
    const restoredAt = down + truthMs;
    await Promise.race([exited, sleep(observeAfterMs)]);
    const before = lines.filter((l) => l.ok && l.t < down).at(-1);
    const after = lines.find((l) => l.ok && l.t > restoredAt);
    const failures = lines.filter((l) => l.ok === false && l.t > restoredAt);
    return {
      variant,
      mode,
      lengthMs,
      truthMs,
      recovered: after !== undefined,
      crashed,
      gapMs: after && before ? after.t - before.t : null,
      errorsAfterRestore: failures.length,
      lastError: lines.filter((l) => l.ok === false).at(-1)?.error ?? null,
      crash: crashed ? (/^\w*Error.*$/m.exec(stderr)?.[0] ?? 'exited') : null,
    };
  } finally {
    child.kill('SIGKILL');
    await exited;
    await proxy.close();
  }
}
