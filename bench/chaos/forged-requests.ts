/**
 * Forged and replayed requests against the real bot (`aurora-bot start`, its own process):
 * slash commands and approval clicks with bad, stale, replayed or missing signatures (each must
 * be answered 401), and genuinely signed clicks with forged button values (each must be refused
 * to the clicker). None may create a run or record a decision.
 */
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { encodeGateValue } from '../../src/slack/gate-value.js';
import { blockActionsPayload, payloadBody } from '../lib/block-actions-body.js';
import { clusterNames } from '../lib/fleet.js';
import { machine } from '../lib/machine.js';
import { type RunAtGate, runAtGate } from '../lib/run-at-gate.js';
import { type Scenario, type Target, target } from '../lib/scenario.js';
import { postToBot, slackHeaders } from '../lib/signed-post.js';
import { APPROVER, CHANNEL, openSlackRig, REQUESTER, type SlackRig } from '../lib/slack-rig.js';
import { slashBody } from '../lib/slash-body.js';
import { sleep } from '../lib/stats.js';
import { CLICK_FORGERIES, HEADER_FORGERIES } from './forged-cases.js';
import {
  type ClickRow,
  type ForgedData,
  forgedSection,
  type HeaderRow,
} from './forged-requests-report.js';

const refusals = (rig: SlackRig, user: string) =>
  rig.sim
    .messages(CHANNEL)
    .filter((m) => m.ephemeral && m.user === user && m.text.includes('Not recorded')).length;

async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 5000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
}

async function decidedCount(rig: SlackRig, runs: readonly RunAtGate[]): Promise<number> {
  let n = 0;
  for (const r of runs)
    n += (await rig.bench.engine.audit(r.runId)).filter(
      (e) => e.event.type === 'gate.decided',
    ).length;
  return n;
}

export function forgedTargets(d: ForgedData): Target[] {
  const sent = d.headers.reduce((n, r) => n + r.sent, 0);
  const unexpected = d.headers.reduce((n, r) => n + r.unexpected, 0);
  const accepted = d.headers
    .filter((r) => r.expect === 401)
    .reduce(
      (n, r) =>
        n +
        Object.entries(r.statuses)
          .filter(([s]) => s.startsWith('2'))
          .reduce((m, [, c]) => m + c, 0),
      0,
    );
  const clicks = d.clicks.reduce((n, r) => n + r.sent, 0);
  const refused = d.clicks.reduce((n, r) => n + r.refusedToClicker, 0);
  return [
    target(
      'forged, stale or replayed requests accepted: 0 (401 each; a smuggled `ssl_check=1` gets the empty SSL-check answer only)',
      accepted === 0 && unexpected === 0,
      `${sent} sent (${d.headers.length / 2} kinds, as commands and as clicks), ${accepted} accepted, ${unexpected} answered otherwise than expected`,
    ),
    target(
      'runs created and decisions recorded by forged requests: 0',
      d.effects.runsCreated === 0 &&
        d.effects.decisionsRecorded === 0 &&
        d.effects.gatesMoved === 0,
      `${d.effects.runsCreated} runs, ${d.effects.decisionsRecorded} decisions, ${d.effects.gatesMoved} gates moved on`,
    ),
    target(
      'signed clicks with forged values: recorded 0, each refused to the clicker',
      refused === clicks && d.effects.decisionsRecorded === 0,
      `${clicks} sent, ${refused} ephemeral refusals, answered ${Object.entries(
        d.clicks.reduce<Record<string, number>>((acc, r) => {
          for (const [s, c] of Object.entries(r.statuses)) acc[s] = (acc[s] ?? 0) + c;
          return acc;
        }, {}),
      )
        .map(([s, c]) => `${s} × ${c}`)
        .join(', ')}`,
    ),
    target(
      'a genuine approval after the forgeries is recorded, once (its exact replay is refused as already decided)',
      d.genuine.status === 200 && d.genuine.decided === 1 && d.genuine.replayDecided === 1,
      `answered ${d.genuine.status}, ${d.genuine.decided} decision; replay answered ${d.genuine.replayStatus}, decisions after it ${d.genuine.replayDecided}`,
    ),
    target('the bot stays up', d.botHealthAfter === 200, `/healthz ${d.botHealthAfter}`),
  ];
}

export const forgedRequests: Scenario = {
  name: 'forged-requests',
  title: 'Forged and replayed requests',
  async run({ quick, log }) {
    const reps = quick ? 1 : 10;
    const clickReps = quick ? 1 : 3;
    const host = machine();
    const rig = await openSlackRig({
      clusterPrefix: 'forge',
      clusters: 4,
      role: 'all',
      speed: 5000,
      outageScale: 0.02,
      config: { rdsRequestsPerSecond: 100, pollInterval: '100ms', greenPollInterval: '100ms' },
    });
    try {
      const [c1 = '', c2 = '', free = ''] = clusterNames('forge', 3);
      const [a, b] = await Promise.all([
        runAtGate(rig, `scaleup ${c1} r6g.2xlarge strategy=failover`),
        runAtGate(rig, `scaleup ${c2} r6g.2xlarge strategy=failover`),
      ]);
      const runsBefore = await rig.countKeys('run');
      const decisionsBefore = await rig.countKeys('decision');
      log(`runs ${a.runId} and ${b.runId} wait at ${a.gate.step}; sending forgeries`);

      const responseUrl = `${rig.sim.url}response/forged`;
      const bodies = {
        command: () =>
          slashBody({ user: REQUESTER, text: `scaleup ${free} r6g.2xlarge`, responseUrl }),
        click: () =>
          payloadBody(
            blockActionsPayload({
              user: APPROVER,
              actionId: ACTION_IDS.approve,
              value: encodeGateValue({ runId: a.runId, gateId: a.gate.id, nonce: a.gate.nonce }),
              messageTs: a.promptTs,
            }),
          ),
      };
      const other = slashBody({ user: REQUESTER, text: 'help', responseUrl });
      const headers: HeaderRow[] = [];
      for (const forgery of HEADER_FORGERIES) {
        for (const kind of ['command', 'click'] as const) {
          const row: HeaderRow = {
            name: forgery.name,
            kind,
            expect: forgery.expect,
            sent: 0,
            statuses: {},
            unexpected: 0,
          };
          for (let i = 0; i < reps; i += 1) {
            const body = bodies[kind]();
            const headers = forgery.headers(rig.signingSecret, body, other);
            const answer = await postToBot(rig.bot.url, forgery.body?.(body) ?? body, headers);
            row.sent += 1;
            row.statuses[answer.status] = (row.statuses[answer.status] ?? 0) + 1;
            const expected =
              forgery.expect === 401
                ? answer.status === 401
                : answer.status === 200 && answer.text === '';
            if (!expected) row.unexpected += 1;
          }
          headers.push(row);
        }
      }

      const clicks: ClickRow[] = [];
      for (const forgery of CLICK_FORGERIES) {
        const row: ClickRow = {
          name: forgery.name,
          user: forgery.user,
          sent: 0,
          statuses: {},
          refusedToClicker: 0,
        };
        for (let i = 0; i < clickReps; i += 1) {
          const before = refusals(rig, forgery.user);
          const value = forgery.value(a, b);
          const answer = await rig.sim.clickButton({
            user: forgery.user,
            ts: a.promptTs,
            actionId: ACTION_IDS.approve,
            channel: CHANNEL,
            ...(value === undefined ? {} : { value }),
          });
          row.sent += 1;
          row.statuses[answer.status] = (row.statuses[answer.status] ?? 0) + 1;
          if (await waitFor(() => refusals(rig, forgery.user) > before)) row.refusedToClicker += 1;
        }
        clicks.push(row);
      }

      const [runA, runB] = await Promise.all([
        rig.bench.engine.getRun(a.runId),
        rig.bench.engine.getRun(b.runId),
      ]);
      const effects = {
        runsCreated: (await rig.countKeys('run')) - runsBefore,
        decisionsRecorded:
          (await rig.countKeys('decision')) - decisionsBefore + (await decidedCount(rig, [a, b])),
        gatesMoved: [
          { run: runA, at: a },
          { run: runB, at: b },
        ].filter(
          ({ run, at }) => run?.status !== 'awaiting_approval' || run.gate?.id !== at.gate.id,
        ).length,
        refusalsAudited: 0,
      };
      for (const r of [a, b])
        effects.refusalsAudited += (await rig.bench.engine.audit(r.runId)).filter(
          (e) => e.event.type === 'gate.refused',
        ).length;

      // The gate still works: a genuine approval, then an exact copy of the same signed request.
      const body = bodies.click();
      const signed = slackHeaders(rig.signingSecret, body);
      const genuine = await postToBot(rig.bot.url, body, signed);
      await waitFor(async () => (await decidedCount(rig, [a])) >= 1);
      const decided = await decidedCount(rig, [a]);
      const replay = await postToBot(rig.bot.url, body, signed);
      await waitFor(
        () =>
          refusals(rig, APPROVER) >
          clicks.filter((c) => c.user === APPROVER).reduce((n, c) => n + c.refusedToClicker, 0),
      );
      await sleep(300);
      const data: ForgedData = {
        command: quick
          ? 'npm run chaos -- --quick --only forged-requests'
          : 'npm run chaos -- --only forged-requests',
        machine: host,
        params: { reps, clickReps },
        headers,
        clicks,
        effects,
        genuine: {
          status: genuine.status,
          decided,
          replayStatus: replay.status,
          replayDecided: await decidedCount(rig, [a]),
          replayRefused: (await rig.bench.engine.audit(a.runId)).some(
            (e) => e.event.type === 'gate.refused' && e.event.code === 'already_decided',
          ),
        },
        botHealthAfter: await rig.bot.health(),
      };
      const targets = forgedTargets(data);
      return { targets, data, section: forgedSection(data, targets) };
    } finally {
      await rig.close();
    }
  },
};
