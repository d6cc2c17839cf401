/** The throttling-storm scenario's result shape and its section of docs/reliability.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { RunRow, RunTotals } from '../lib/run-report.js';
import type { Target } from '../lib/scenario.js';
import { problemLines, totalsRows } from './chaos-report.js';

export interface RdsThrottleData {
  command: string;
  machine: Machine;
  params: { throttleRps: number; botBudget: number; strategies: string[]; deadlineS: number };
  /** Some runs had not finished at the deadline (they are listed in `unfinished`). */
  timedOut: boolean;
  unfinished: string[];
  /** The last RDS requests of each run still going at the deadline (time, action, target, answer). */
  lastCalls: Record<string, string[]>;
  wallS: number;
  requests: number;
  throttled: number;
  accepted: number;
  throttledMutating: number;
  failedByThrottling: string[];
  totals: RunTotals;
  rows: RunRow[];
}

export function rdsThrottleSection(d: RdsThrottleData, targets: readonly Target[]): string {
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306). Raw results: \`bench/results/rds-throttle.json\`.`,
    machineLine(d.machine),
    '',
    `The emulator answers \`Throttling\` (HTTP 400, as RDS does) to every request beyond ${d.params.throttleRps} per second (token bucket) for the whole run, standing in for other tools using up the account's API quota; the bot's own budget is ${d.params.botBudget} requests/s, so it runs into the storm all the time. Pre-approved runs (${d.params.strategies.join(', ')}), all at once, on one worker; probes on; deadline ${d.params.deadlineS} s. Wall time ${d.wallS} s.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Counts',
    '',
    ...table(
      ['count', 'value'],
      [
        ['RDS requests', d.requests],
        [
          'answered Throttling',
          `${d.throttled} (${Math.round((d.throttled / Math.max(1, d.requests)) * 100)} %)`,
        ],
        ['answered ok', d.accepted],
        ['runs failed because of throttling', d.failedByThrottling.length],
        ['runs not finished at the deadline', d.unfinished.length ? d.unfinished.join('; ') : 0],
        ...totalsRows(d.totals),
      ],
    ),
    '',
    ...table(
      ['run', 'strategy', 'status', 'accepted mutating calls', 'throttled mutating calls'],
      d.rows.map((r) => [
        `\`${r.id}\``,
        r.strategy,
        r.status,
        r.mutations.accepted,
        r.mutations.refused.Throttling ?? 0,
      ]),
    ),
    '',
    'A throttled call takes no effect, so retrying it is not a duplicate.',
    '',
    ...Object.entries(d.lastCalls).flatMap(([id, lines]) => [
      `Last requests of \`${id}\`, still going at the deadline (UTC time, action, target, answer):`,
      '',
      '```',
      ...lines,
      '```',
      '',
    ]),
    ...problemLines(d.rows, d.totals),
  ].join('\n');
}
