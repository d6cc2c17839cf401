/** The Slack-storm scenario's result shape and its section of docs/reliability.md. */
import type { SlackSimFaults } from '../../src/sim/slack/index.js';
import type { ThreadComparison } from '../lib/expected-thread.js';
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { Target } from '../lib/scenario.js';

export interface StormRun {
  id: string;
  strategy: string;
  status: string;
  auditEntries: number;
  /** Root messages posted for the run (must be 1). */
  roots: number;
  thread: ThreadComparison;
  /** Replies that still show Approve/Reject at the end. */
  openPrompts: number;
}

export interface PhaseResult {
  name: string;
  faults: SlackSimFaults;
  /** Web API calls the stand-in received during the phase. */
  calls: number;
  statuses: Record<string, number>;
  /** Calls answered 429 or 500. */
  injected: number;
  /** From the phase's start until every run finished, and until every thread was delivered (s). */
  runsS: number;
  deliveredS: number;
  runs: StormRun[];
}

export interface StormData {
  command: string;
  machine: Machine;
  strategies: string[];
  /** Dry runs (plan only) instead of real scale-ups (the quick variant). */
  dryRun: boolean;
  phases: PhaseResult[];
}

export function stormSection(d: StormData, targets: readonly Target[]): string {
  const rows = d.phases.flatMap((p) =>
    p.runs.map((r) => [
      p.name,
      `\`${r.id}\` (${r.strategy})`,
      r.status,
      r.auditEntries,
      r.thread.expected,
      r.thread.delivered,
      r.thread.lost.length,
      r.thread.duplicates.length,
      r.thread.exact ? 'yes' : 'no',
      r.roots,
      r.openPrompts,
    ]),
  );
  const phaseRows = d.phases.map((p) => [
    p.name,
    p.calls,
    Object.entries(p.statuses)
      .map(([s, n]) => `${s} × ${n}`)
      .join(', '),
    `${p.runsS} s`,
    `${p.deliveredS} s`,
  ]);
  const problems = d.phases.flatMap((p) =>
    p.runs.flatMap((r) => [
      ...r.thread.lost.map((t) => `- ${p.name}, \`${r.id}\`: lost “${t.slice(0, 80)}”`),
      ...r.thread.duplicates.map((t) => `- ${p.name}, \`${r.id}\`: duplicate “${t.slice(0, 80)}”`),
      ...(r.thread.outOfOrder ? [`- ${p.name}, \`${r.id}\`: replies out of order`] : []),
    ]),
  );
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306). Raw results: \`bench/results/slack-storm.json\`.`,
    machineLine(d.machine),
    '',
    `The real bot (\`aurora-bot start --role all\`: Bolt, engine worker and Slack outbox in one process of its own) posts each run's thread to the Slack stand-in while the stand-in's Web API misbehaves. Phase 1: every second call is answered HTTP 429 with \`Retry-After: 1\`; phase 2: every third call is answered HTTP 500 (the stand-in then stores nothing, as Slack does for a refused call). Each phase starts one pre-approved ${d.dryRun ? 'dry run (plan only)' : 'run'} per strategy (${d.strategies.join(', ')}) on a cluster of its own, created by the engine with \`slack: { channel }\` (the approval prompts are posted and then closed by the pre-approval), waits until every run has finished and the outbox has delivered every audit entry (its cursor at the end of the log, the root rewritten), then turns the faults off. The expected thread is computed from each run's audit log with the outbox's own planner (\`planEntry\`, the same function that decides what to post), and compared with the replies the stand-in stored under the run's root: lost replies, duplicates, order.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Counts',
    '',
    ...table(
      ['phase', 'Web API calls', 'answers', 'runs finished after', 'threads delivered after'],
      phaseRows,
    ),
    '',
    ...table(
      [
        'phase',
        'run',
        'status',
        'audit entries',
        'replies expected',
        'replies stored',
        'lost',
        'duplicates',
        'exact sequence',
        'roots',
        'prompts left open',
      ],
      rows,
    ),
    '',
    'The outbox client never retries by itself (`rejectRateLimitedCalls`, no SDK retries): on a 429 the delivery job parks for `Retry-After` and a shared pause key holds every other delivery too; on a 500 it parks with backoff (0.5 s doubling). The cursor in Redis advances only after Slack accepted a call, so a refused call is made again and an accepted one never is.',
    ...(problems.length > 0 ? ['', '### Findings', '', ...problems] : []),
  ].join('\n');
}
