/** Renders the probe benchmark as Markdown and puts it in its section of docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { NaiveCaseResult, ProbeCaseResult } from './probe-cases.js';

export const SECTION = '## Outage probe accuracy';
const HEADER =
  '# Benchmarks\n\nEach section is written by its own benchmark suite; other sections are added by other suites.\n';

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  mariadb: string;
  date: string;
}

export interface CpuResult {
  seconds: number;
  cpuPercent: number;
  ops: number;
  withReader: boolean;
}

export interface Target {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ProbeBenchResults {
  command: string;
  machine: Machine;
  probe: ProbeCaseResult[];
  naive: NaiveCaseResult[];
  cli: (ProbeCaseResult & { command: string; exitCode: number | null }) | null;
  cpu: CpuResult[];
  targets: Target[];
}

const s = (ms: number) => `${ms / 1000} s`;
const num = (v: number | null) => (v === null ? '–' : String(v));
const signed = (v: number | null) => (v === null ? '–' : v > 0 ? `+${v}` : String(v));
const errors = (e: Record<string, number>) =>
  Object.entries(e)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '–';

function probeTable(rows: readonly ProbeCaseResult[]): string[] {
  return [
    '| mode | length | run | truth (ms) | estimate (ms) | error (ms) | bounds (ms) | truth in bounds | windows | failed ops: classes | reader error (ms) | acknowledged / lost / ambiguous |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.mode} | ${s(r.lengthMs)} | ${r.run} | ${r.truthMs} | ${num(r.estimateMs)} | ${signed(r.errorMs)} | ${num(r.lowerMs)} – ${num(r.upperMs)} | ${r.inBounds ? 'yes' : '**NO**'} | ${r.windows} | ${r.failedOps}: ${errors(r.errors)} | ${signed(r.readerErrorMs)} | ${r.acknowledged} / ${r.lost} / ${r.ambiguous}${r.verified ? '' : ' (not verified)'} |`,
    ),
  ];
}

function naiveTable(rows: readonly NaiveCaseResult[]): string[] {
  return [
    '| variant | mode | length | truth (ms) | recovered | outcome |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const outcome = r.crashed
        ? `process crashed: \`${r.crash}\``
        : r.recovered
          ? `wrote again after a ${r.gapMs} ms gap`
          : `never wrote again: ${r.errorsAfterRestore} errors in the 3 s after the outage, last \`${r.lastError}\``;
      return `| ${r.variant} | ${r.mode} | ${s(r.lengthMs)} | ${r.truthMs} | ${r.recovered ? 'yes' : '**no**'} | ${outcome} |`;
    }),
  ];
}

export function renderSection(results: ProbeBenchResults): string {
  const m = results.machine;
  const lines = [
    SECTION,
    '',
    `Reproduce with \`${results.command}\` (Redis not needed; MariaDB on 127.0.0.1:3306, root without password). Raw results: \`bench/results/probe.json\`.`,
    `Machine: ${m.nproc} CPU cores (\`nproc\`), ${m.cpu}, Node ${m.node}, MariaDB ${m.mariadb}; run ${m.date}. The machine was shared with other work, so timer delays are real-world rather than ideal.`,
    '',
    'Each case puts the fault proxy (`src/net/fault-proxy.ts`) between the client and MariaDB, waits for a baseline and a random phase, takes the proxy down for the given length in the given mode, and restores it. *Truth* is the time from the start of `disrupt()` to the end of `restore()`. The probe runs at its defaults (interval 100 ms, timeout 1000 ms) with writer and reader both behind the proxy; *error* is estimate − truth.',
    '',
    'Bounds come only from the timestamps of the operations around a window (`src/probe/outage.ts`): upper = end of the first success after it − start of the last success before it; lower = start of the last failure − end of the earliest-ending failure. A black-holed operation proves nothing until its deadline or until the outage ends, so there the lower bound can sit far below the truth (0 in the 1 s cases, where every hung operation ended when the proxy came back); the point estimate does not depend on it. 1 s, 5 s and 12 s are whole numbers of intervals, where counting failed operations is nearly exact; the off-grid 1.55 s shows what an outage of arbitrary length gets, up to half an interval at each edge.',
    ...(results.probe.some((r) => r.ambiguous > 0)
      ? [
          '',
          'An *ambiguous* write is an INSERT that was in flight when the proxy cut its connection: it committed, but its OK never arrived. Applications retrying such a write must do so idempotently.',
        ]
      : []),
    '',
    '### Targets',
    '',
    ...results.targets.map((t) => `- ${t.ok ? 'met' : '**MISSED**'}: ${t.name} (${t.detail})`),
    '',
    '### Probe (`src/probe`)',
    '',
    ...probeTable(results.probe),
    '',
  ];
  if (results.cli) {
    const c = results.cli;
    lines.push(
      '### End to end through the CLI',
      '',
      `\`${c.command}\` (exit ${c.exitCode}) while the proxy resets every connection for ${s(c.lengthMs)}:`,
      '',
      ...probeTable([c]),
      '',
    );
  }
  if (results.naive.length > 0) {
    lines.push(
      '### Baseline: the seed-style naive loop',
      '',
      'One `mysql2` connection inserting every 100 ms with no reconnect, as in the seed (`bench/probe-naive.ts`), through the same outages; the second variant adds the usual first fix, a connection `error` listener:',
      '',
      ...naiveTable(results.naive),
      '',
    );
  }
  lines.push(
    '### CPU',
    '',
    '| probe | measured for | writer operations | CPU (% of one core) |',
    '|---|---|---|---|',
    ...results.cpu.map(
      (c) =>
        `| ${c.withReader ? 'writer + reader' : 'writer only'}, interval 100 ms | ${c.seconds} s | ${c.ops} | ${c.cpuPercent} % |`,
    ),
    '',
    'CPU is the whole Node process running the probe library (`bench/probe-cpu.ts`), measured with `process.cpuUsage()` after a warm-up.',
    '',
  );
  return lines.join('\n');
}

/** Replaces (or appends) this suite's section, keeping the file's other sections as they are. */
export function writeSection(path: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const start = current.indexOf(`${SECTION}\n`);
  if (start === -1) {
    writeFileSync(path, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + SECTION.length);
  const rest = next === -1 ? '' : current.slice(next + 1);
  writeFileSync(path, `${current.slice(0, start)}${section.trimEnd()}\n${rest ? `\n${rest}` : ''}`);
}
