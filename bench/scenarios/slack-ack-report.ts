/** The acknowledgement benchmark's result shape and its section of docs/benchmarks.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { Target } from '../lib/scenario.js';
import { percentile, round } from '../lib/stats.js';
import type { AckCommand } from './slack-ack-commands.js';

export interface AckSample extends AckCommand {
  /** 0 for the warm-up, then 1, 2, … */
  burst: number;
  /** From the send to the last byte of the HTTP answer (ms). */
  ms: number;
  status: number;
  /** What the answer said (queued, planning, busy, problem, answer, late, error). */
  answer: string;
}

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

export interface AckData {
  command: string;
  machine: Machine;
  params: {
    bursts: number;
    size: number;
    warmup: number;
    /** Clusters the bursts scale up (the same ones in every burst). */
    burstClusters: number;
    valid: number;
    invalid: number;
    clusters: number;
    role: string;
  };
  /** The warm-up commands, one at a time (ms). */
  warmupMs: number[];
  /** From the first send to the last answer of each burst (ms). */
  burstMs: number[];
  /** Over every command of every burst. */
  latencyMs: Latency & { mean: number };
  runs: { created: number; answeredCreated: number; fromInvalid: number };
  /** `/healthz` status after the bursts. */
  botHealthAfter: number;
  samples: AckSample[];
}

export function latencyOf(ms: readonly number[]): Latency {
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms) };
}

function count<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export function slackAckSection(d: AckData, targets: readonly Target[]): string {
  const kinds = [...new Set(d.samples.map((s) => s.kind))];
  const byKind = kinds.map((kind) => {
    const of = d.samples.filter((s) => s.kind === kind);
    const l = latencyOf(of.map((s) => s.ms));
    const answers = Object.entries(count(of, (s) => s.answer))
      .map(([a, n]) => `${a} ${n}`)
      .join(', ');
    return [kind, of[0]?.valid ? 'valid' : 'invalid', of.length, l.p50, l.p99, l.max, answers];
  });
  const bursts = d.burstMs.map((wall, i) => {
    const l = latencyOf(d.samples.filter((s) => s.burst === i + 1).map((s) => s.ms));
    return [i + 1, l.p50, l.p99, l.max, wall];
  });
  const warm = latencyOf(d.warmupMs);
  const later = latencyOf(d.samples.filter((s) => s.burst > 1).map((s) => s.ms));
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306 for the emulator). Raw results: \`bench/results/slack-ack.json\`.`,
    machineLine(d.machine),
    '',
    `The real bot, \`aurora-bot start --role ${d.params.role}\` (\`src/main.ts\` through tsx, Bolt's HTTP receiver), runs in its own process with its own event loop, on a private Redis, with ${d.params.clusters} configured clusters on the RDS emulator. The load generator (another process, which also hosts the Slack stand-in and the emulator) builds each \`/aurora\` slash-command body with the stand-in's own builder, signs it with the app's signing secret, then sends all commands of a burst at once, each on a new connection, and times each from the moment it is handed to the socket to the last byte of the answer (the acknowledgement, which carries the reply). ${d.params.bursts} burst(s) of ${d.params.size} commands (${d.params.valid} valid and ${d.params.invalid} invalid in all). Every burst scales up the same ${d.params.burstClusters} clusters (the fleet stays the size of a real one: \`clusters\` describes all ${d.params.clusters} configured clusters after its ack): the first burst creates runs on them, later bursts are refused because the cluster already has a live run (no worker runs in a \`web\` process, so the runs stay queued); dry-run plans create a run in every burst. Between bursts the generator waits until the bot's background work (the live look-ups that \`clusters\` makes after its ack) is over. Valid commands: scale-ups that create runs, scale-ups refused because the cluster already has a live run, dry-run plans, \`status\`, \`list\`, \`help\`, \`clusters\`; invalid ones get a problem reply. Before the first burst the generator sends one block of ${d.params.warmup} commands of every kind one at a time (a long-running bot has served every code path before; the first requests of a fresh Node process compile code): warm-up latency p50 ${warm.p50} ms, max ${warm.max} ms.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Figures',
    '',
    ...table(
      ['figure', 'value'],
      [
        [
          'commands measured',
          `${d.samples.length} (${d.params.bursts} × ${d.params.size} at once)`,
        ],
        ['ack latency p50', `${d.latencyMs.p50} ms`],
        ['ack latency p99', `${d.latencyMs.p99} ms`],
        ['ack latency max', `${d.latencyMs.max} ms`],
        ['ack latency mean', `${d.latencyMs.mean} ms`],
        ...(d.params.bursts > 1
          ? [
              [
                `ack latency p50 / p99, bursts 2–${d.params.bursts} only`,
                `${later.p50} ms / ${later.p99} ms`,
              ],
            ]
          : []),
        [
          'runs created (answered queued or planning)',
          `${d.runs.created} (${d.runs.answeredCreated})`,
        ],
        ['bot `/healthz` after the bursts', d.botHealthAfter],
      ],
    ),
    '',
    ...table(['burst', 'p50 ms', 'p99 ms', 'max ms', 'first send to last answer, ms'], bursts),
    '',
    '### By command',
    '',
    ...table(['command', 'kind', 'n', 'p50 ms', 'p99 ms', 'max ms', 'answers'], byKind),
    '',
    `Every command does its Redis work (policy, run store, cluster lock, audit append, queue) before it is acknowledged, and all of a burst's requests queue on the bot's one event loop, so the last answers of a burst wait for nearly all the others: a burst's p99 is close to the time the bot needs for the whole burst, ${round(d.burstMs.reduce((a, b) => a + b, 0) / Math.max(1, d.burstMs.length), 0)} ms on average here for ${d.params.size} commands. One command at a time (the warm-up) is answered in ${warm.p50} ms (p50). The pooled p99 above includes the first burst after start-up.`,
    '',
    "How the target was reached: a CPU profile of the bot (`--cpu-prof`) during the bursts showed it busy for the whole burst, and the largest shares were not the acknowledgements but work around them. `clusters` described every cluster again for each command (about 130 RDS calls per burst, each through the SDK, its XML parser and the Redis budget script); concurrent and repeated look-ups now share one description per cluster for 10 s. Listings fetched each run with its own `GET` (100 socket writes per `list`); they use one `MGET`. Bolt's conversation store, which nothing here uses, read and wrote state on every request; it is off.",
  ].join('\n');
}
