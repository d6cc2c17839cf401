/** The fuzz scenario's result shape and its section of docs/reliability.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { Target } from '../lib/scenario.js';
import type { ThreadBacklog } from '../lib/thread-delivery.js';

export interface FuzzResult {
  id: number;
  family: string;
  kind: 'command' | 'interaction';
  status: number;
  ms: number;
  outcome: string;
  ok: boolean;
  /** What was sent (command text or form body, shortened), for answers not as documented. */
  input?: string;
  /** The run a command's answer says it created. */
  runId?: string;
  /** Sent again alone because the bot died while it was in flight. */
  replayed: boolean;
  /** The answer contains a mention only the input could have put there. */
  injectedEcho: boolean;
}

/** A case that, sent alone, made the bot process exit. */
export interface FuzzCrash {
  id: number;
  family: string;
  /** The start of the form body. */
  body: string;
  /** The error the process died of, and where. */
  error: string;
  at: string;
}

export interface FuzzData {
  command: string;
  machine: Machine;
  params: { count: number; seed: number; pool: number; minimum: number };
  wallS: number;
  bot: { alive: boolean; health: number; errorLogs: Record<string, number> };
  crashes: FuzzCrash[];
  /** Runs whose Slack thread was checked after the fuzz, and those still behind their audit log. */
  threads: { checked: number; stuck: ThreadBacklog[] };
  runs: {
    created: number;
    /** Command answers that said a run was queued or planned. */
    answeredCreated: number;
    /** Each run created, with the valid command (case id, text) that asked for it; -1: none. */
    createdBy: { id: number; runId: string; text: string; valid: boolean }[];
    /** Commands in the documented scale-up/plan syntax sent by a requester. */
    validSent: number;
  };
  injectedEchoes: number[];
  results: FuzzResult[];
}

/** Answers not as documented other than crashes, one line per distinct input shape. */
function otherFailures(d: FuzzData): string[] {
  const bad = d.results.filter((r) => !r.ok && r.outcome !== 'crashed the bot process');
  if (bad.length === 0) return [];
  return [
    '### Answers not as documented',
    '',
    ...table(
      ['case', 'family', 'answer', 'input (start)'],
      bad.map((r) => [
        r.id,
        r.family,
        r.outcome,
        `\`${(r.input ?? '').slice(0, 120).replace(/[`|\n\r]/g, ' ')}\``,
      ]),
    ),
    '',
  ];
}

export function fuzzSection(d: FuzzData, targets: readonly Target[]): string {
  const families = [...new Set(d.results.map((r) => r.family))].sort();
  const rows = families.map((family) => {
    const of = d.results.filter((r) => r.family === family);
    const outcomes: Record<string, number> = {};
    for (const r of of) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    return [
      family,
      of.length,
      Object.entries(outcomes)
        .map(([o, n]) => `${o} × ${n}`)
        .join('; '),
      of.filter((r) => !r.ok).length,
    ];
  });
  const errors = Object.entries(d.bot.errorLogs);
  return [
    `Reproduce with \`${d.command}\` (seed ${d.params.seed}; needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306). Raw results, every case with its answer: \`bench/results/fuzz.json\`.`,
    machineLine(d.machine),
    '',
    `${d.params.count} requests, every one signed with the right secret, sent ${d.params.pool} at a time to the real bot (\`aurora-bot start --role all\`, its own process) while a run waits at an approval gate whose ids the forged clicks use. About 60 % are \`/aurora\` commands whose text is random unicode (control characters, combining marks, right-to-left overrides, emoji, lone surrogates), huge (10–100 KB), mrkdwn and mention injection (\`<!channel>\`, \`*bold*\`, backticks, links), word salad from the command vocabulary, or mutated valid commands (characters inserted or deleted, unicode spaces, words reversed or added), plus a control group of valid ones, sent by requesters, approvers and strangers, sometimes under another command name; 40 % are interaction payloads: malformed JSON, JSON of the wrong type, clicks with fields missing or of the wrong type, forged or random button values, payload types the bot has no listener for, forms without a payload. Wall time ${d.wallS} s (restarts after crashes included).`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Answers by input family',
    '',
    ...table(['family', 'cases', 'answers', 'not as documented'], rows),
    '',
    ...otherFailures(d),
    ...(d.crashes.length > 0
      ? [
          '### Crashes',
          '',
          `Requests that were in flight when the bot process died were sent again one at a time to a restarted bot; these made it exit again:`,
          '',
          ...table(
            ['case', 'family', 'body (start)', 'error', 'at'],
            d.crashes.map((c) => [c.id, c.family, `\`${c.body}\``, c.error, `\`${c.at}\``]),
          ),
          '',
        ]
      : []),
    `Threads: after the fuzz, the Slack thread of each of the ${d.threads.checked} runs (the one at the gate the forged clicks named, and every run the fuzz created) was checked against its audit log: ${d.threads.stuck.length === 0 ? 'all delivered' : `${d.threads.stuck.length} stuck (${d.threads.stuck.map((t) => `\`${t.runId}\` at entry ${t.next} of ${t.entries}, a \`${t.stuckAt ?? 'root'}\`${t.actor ? ` whose actor is stored as \`${t.actor}\`` : ''}`).join('; ')}): the outbox fails on that entry on every attempt, so nothing after it reaches Slack`}.`,
    '',
    `Runs: ${d.runs.created} created (${d.runs.answeredCreated} answers said so), ${d.runs.createdBy.filter((c) => c.valid).length} of them matching a command in the documented syntax from a requester (${d.runs.validSent} such commands were sent; a scale-up of a cluster that already has a live run is refused as busy). The runs are matched to commands by cluster, class, strategy and dry-run, not by the bot's answers, so a run whose answer a crash cut off is still accounted for. Bolt answers 400 to a \`payload\` that is not JSON and, for a request no listener acknowledges (a payload type or command name the bot does not handle), logs an error and answers 404 after 3 seconds: both are Bolt's documented behaviour, and Slack shows the user an error for them. The bot logged ${errors.length === 0 ? 'no errors' : `these errors (level ≥ 50): ${errors.map(([m, n]) => `“${m}” × ${n}`).join(', ')}`}.`,
  ].join('\n');
}
