/** The Redis-restart scenario's result shape and its section of docs/reliability.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { RunRow, RunTotals } from '../lib/run-report.js';
import type { Target } from '../lib/scenario.js';
import { problemLines, totalsRows } from './chaos-report.js';

export interface RestartRecord {
  label: string;
  kind: 'SIGTERM' | 'SIGKILL';
  downMs: number;
  /** Where each run was just before the restart. */
  greenRun: string;
  gatedRun: string;
  gateSurvived: boolean;
  approvalAfterRestart: string;
}

export interface RedisRestartData {
  command: string;
  machine: Machine;
  params: Record<string, unknown>;
  wallS: number;
  restarts: RestartRecord[];
  createBlueGreenCalls: number;
  totals: RunTotals;
  rows: RunRow[];
}

export function redisRestartSection(d: RedisRestartData, targets: readonly Target[]): string {
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306). Raw results: \`bench/results/redis-restart.json\`.`,
    machineLine(d.machine),
    '',
    `A private \`redis-server --appendonly yes --appendfsync everysec\`, one worker process, pairs of blue/green runs: run A pre-approved, run B approved through \`engine.decide\`. Redis is stopped, left down for about a second, and started again from its AOF: first while A is creating its green environment (the \`CreateBlueGreenDeployment\` call made, the deployment still provisioning) and B waits at its open reboot gate, then while B waits at its switchover gate. After each restart the gate is approved with the nonce read *before* the restart, as a Slack button posted earlier would carry. Passes: ${(d.params.passes as string[]).join('; ')}. (Killing the process loses no acknowledged write: Redis writes the AOF before it replies and \`everysec\` only delays the fsync, which matters when the machine dies, not the process.) Wall time ${d.wallS} s.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Restarts',
    '',
    ...table(
      [
        'restart',
        'Redis down (ms)',
        'run A was at',
        'run B was at',
        'gate after restart',
        'pre-restart button',
      ],
      d.restarts.map((r) => [
        r.label,
        r.downMs,
        r.greenRun,
        r.gatedRun,
        r.gateSurvived ? 'same id and nonce' : '**changed**',
        r.approvalAfterRestart,
      ]),
    ),
    '',
    '### Counts',
    '',
    ...table(
      ['count', 'value'],
      [
        ...totalsRows(d.totals),
        [`CreateBlueGreenDeployment accepted (${d.totals.runs} runs)`, d.createBlueGreenCalls],
      ],
    ),
    '',
    'The counts are defined in the section *SIGKILL the worker at random moments*.',
    '',
    ...problemLines(d.rows, d.totals),
  ].join('\n');
}
