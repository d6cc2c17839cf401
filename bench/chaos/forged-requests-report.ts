/** The forged-requests scenario's result shape and its section of docs/reliability.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { Target } from '../lib/scenario.js';

export interface HeaderRow {
  name: string;
  kind: 'command' | 'click';
  /** 401, or `ssl-check`: 200 with an empty body and nothing processed. */
  expect: 401 | 'ssl-check';
  sent: number;
  /** HTTP status → count. */
  statuses: Record<string, number>;
  /** Answers other than the expected one. */
  unexpected: number;
}

export interface ClickRow {
  name: string;
  user: string;
  sent: number;
  statuses: Record<string, number>;
  /** Clicks answered with an ephemeral "Not recorded" to the clicker. */
  refusedToClicker: number;
}

export interface ForgedData {
  command: string;
  machine: Machine;
  params: { reps: number; clickReps: number };
  headers: HeaderRow[];
  clicks: ClickRow[];
  effects: {
    runsCreated: number;
    decisionsRecorded: number;
    /** Runs no longer at the gate they waited at before the forgeries. */
    gatesMoved: number;
    /** `gate.refused` entries the engine audited for the forged clicks that reached it. */
    refusalsAudited: number;
  };
  genuine: {
    status: number;
    decided: number;
    replayStatus: number;
    replayDecided: number;
    replayRefused: boolean;
  };
  botHealthAfter: number;
}

const answers = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ');

export function forgedSection(d: ForgedData, targets: readonly Target[]): string {
  const names = [...new Set(d.headers.map((h) => h.name))];
  const headerRows = names.map((name) => {
    const of = (kind: string) => d.headers.find((h) => h.name === name && h.kind === kind);
    const expect =
      of('command')?.expect === 401 ? '401' : '200, empty (SSL check), nothing processed';
    return [
      name,
      expect,
      answers(of('command')?.statuses ?? {}),
      answers(of('click')?.statuses ?? {}),
    ];
  });
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306). Raw results: \`bench/results/forged-requests.json\`.`,
    machineLine(d.machine),
    '',
    `The real bot (\`aurora-bot start --role all\`, its own process) with two runs started from Slack, each waiting at its first approval gate (failover strategy). Every forged request carries content that would act if it were accepted: a \`/aurora scaleup\` of a free cluster from its requester, or a click on *Approve* from an approver with the gate's genuine value. Each way of getting the Slack headers wrong is sent ${d.params.reps} time(s) as a command and ${d.params.reps} time(s) as a click, on a new connection; Bolt's HTTP receiver checks the signature (HMAC-SHA256 of \`v0:<timestamp>:<body>\` with the signing secret) and refuses a timestamp older than 5 minutes. Two rows smuggle \`ssl_check=1\` (Slack's unsigned connectivity probe) into an unsigned or badly signed body, the injection of [bolt-js#2897](https://github.com/slackapi/bolt-js/issues/2897) (fixed in the Bolt version the bot uses, which answers the SSL check and drops the rest). Then clicks that the stand-in signs correctly (a real user clicking in Slack) but whose button value or clicker is forged, ${d.params.clickReps} time(s) each: these pass Bolt, are acknowledged (200) and must be refused by the bot itself, ephemerally to the clicker.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Requests with bad Slack headers (HTTP answers)',
    '',
    ...table(['forgery', 'expected', 'as a slash command', 'as a click'], headerRows),
    '',
    '### Signed clicks with forged values (counted separately)',
    '',
    ...table(
      ['forgery', 'clicker', 'sent', 'HTTP answers', 'refused ephemerally'],
      d.clicks.map((c) => [
        c.name,
        `<@${c.user}>`,
        c.sent,
        answers(c.statuses),
        c.refusedToClicker,
      ]),
    ),
    '',
    ...table(
      ['effect of all forgeries', 'count'],
      [
        ['runs created', d.effects.runsCreated],
        [
          'decisions recorded (decision keys + `gate.decided` entries)',
          d.effects.decisionsRecorded,
        ],
        ['runs moved off their gate', d.effects.gatesMoved],
        ['refusals audited (`gate.refused`)', d.effects.refusalsAudited],
      ],
    ),
    '',
    `Afterwards a genuine approval (signed with the right secret) was answered ${d.genuine.status} and recorded (${d.genuine.decided} decision), so the refusals above did not come from a broken gate. An exact copy of that signed request sent again at once was answered ${d.genuine.replayStatus}: Slack's signature carries no nonce, so Bolt accepts a byte-identical copy within its 5-minute window; the engine then refused it as already decided${d.genuine.replayRefused ? ' (audited as `gate.refused` `already_decided`)' : ''}, and the decision count stayed ${d.genuine.replayDecided}. The same holds for a replayed \`scaleup\` (the cluster is busy); a replayed dry-run \`plan\` would plan twice. Replays older than 5 minutes, or with a re-stamped timestamp, are refused (rows above).`,
    '',
    `Refused clicks are audited: the forged clicks that named a real run left ${d.effects.refusalsAudited} \`gate.refused\` entries; malformed values are refused before the engine and only logged.`,
  ].join('\n');
}
