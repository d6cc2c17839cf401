/** The worker-kill scenario's result shape and its section of docs/reliability.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { RunRow, RunTotals } from '../lib/run-report.js';
import type { Target } from '../lib/scenario.js';
import { checkDefinitions, problemLines, totalsRows } from './chaos-report.js';

export interface KillRecord {
  at: number;
  /** How long the worker had been running (ms) when it was killed. */
  delayMs: number;
  /** The live runs and where each was, read just before the kill. */
  runs: { id: string; status: string; step: string }[];
  /** Time since the last accepted mutating RDS call (ms), filled in afterwards. */
  afterMutationMs?: number;
}

export interface WorkerKillData {
  command: string;
  machine: Machine;
  params: Record<string, unknown> & {
    runs: number;
    killsPerBatch: number;
    batch: number;
    minDelayMs: number;
    maxDelayMs: number;
    seed: number;
  };
  wallS: number;
  totals: RunTotals;
  refusedDecisions: Record<string, number>;
  kills: KillRecord[];
  rows: RunRow[];
}

export function workerKillSection(d: WorkerKillData, targets: readonly Target[]): string {
  const at = new Map<string, number>();
  for (const k of d.kills)
    for (const r of k.runs)
      at.set(`${r.step} (${r.status})`, (at.get(`${r.step} (${r.status})`) ?? 0) + 1);
  const soon = d.kills.filter((k) => (k.afterMutationMs ?? Number.POSITIVE_INFINITY) <= 250).length;
  const byStrategy = ['bluegreen', 'failover', 'inplace'].map((s) => {
    const rows = d.rows.filter((r) => r.strategy === s);
    return [
      s,
      rows.length,
      rows.filter((r) => r.status === 'succeeded').length,
      rows.filter((r) => r.approvals === 'engine.decide').length,
      rows.reduce((n, r) => n + r.mutations.accepted, 0),
      rows.reduce((n, r) => n + r.mutations.duplicates.reduce((m, x) => m + x.times - 1, 0), 0),
    ];
  });
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306; the scenario starts its own Redis and emulator). Raw results: \`bench/results/worker-kill.json\`.`,
    machineLine(d.machine),
    '',
    `${d.params.runs} runs on ${d.params.runs} emulated clusters shaped like prod-db, strategies in turn (bluegreen, failover, inplace), every second run approved through \`engine.decide\` by a stand-in approver polling every 100 ms, the others pre-approved (\`preApproved: true\`). Runs go in batches of ${d.params.batch}, each on fresh clusters (the emulator's world is reset between batches, its call log saved first, because the emulator enforces AWS's default quota of 40 DB instances per account); during each batch the worker process is killed with SIGKILL ${d.params.killsPerBatch} times, each ${d.params.minDelayMs}–${d.params.maxDelayMs} ms (uniformly random, seed ${d.params.seed}) after the previous worker started, and a new worker process is started right away. Probes are on (the emulator's endpoints forward to MariaDB). Wall time ${d.wallS} s.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Counts',
    '',
    ...table(['count', 'value'], [['SIGKILLs', d.kills.length], ...totalsRows(d.totals)]),
    '',
    ...table(
      [
        'strategy',
        'runs',
        'succeeded',
        'approved via engine.decide',
        'accepted mutating calls',
        'duplicates',
      ],
      byStrategy,
    ),
    '',
    `Where the runs were when the worker died (one row per live run per kill; ${soon} of ${d.kills.length} kills came within 250 ms of an accepted mutating RDS call):`,
    '',
    ...table(
      ['step (status)', 'runs caught'],
      [...at.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, n]),
    ),
    '',
    ...checkDefinitions(),
    ...problemLines(d.rows, d.totals),
  ].join('\n');
}
