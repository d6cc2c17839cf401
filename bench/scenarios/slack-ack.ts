/**
 * Slack acknowledgement latency: bursts of signed `/aurora` commands (valid and invalid mixed)
 * sent at once to the real bot (`aurora-bot start --role web`, in its own process), each timed
 * from the send to the complete HTTP answer.
 */
import { clusterNames } from '../lib/fleet.js';
import { machine } from '../lib/machine.js';
import { type Scenario, type Target, target } from '../lib/scenario.js';
import { postToBot, slackHeaders } from '../lib/signed-post.js';
import { openSlackRig, type SlackRig } from '../lib/slack-rig.js';
import { slashBody } from '../lib/slash-body.js';
import { mean, round, sleep } from '../lib/stats.js';
import { type AckCommand, ackCommands, answerKind, clustersNeeded } from './slack-ack-commands.js';
import { type AckData, type AckSample, latencyOf, slackAckSection } from './slack-ack-report.js';

export const P99_TARGET_MS = 150;

export const slackAckParams = (quick: boolean) =>
  quick ? { bursts: 1, size: 20, warmup: 20 } : { bursts: 5, size: 100, warmup: 20 };

export function slackAckTargets(d: AckData): Target[] {
  const late = d.samples.filter((s) => s.status !== 200 || s.answer.startsWith('late')).length;
  const errors = d.samples.filter((s) => s.answer === 'error').length;
  return [
    target(
      `ack latency p99 under ${P99_TARGET_MS} ms (${d.params.bursts} burst(s) of ${d.params.size} concurrent commands)`,
      d.latencyMs.p99 < P99_TARGET_MS,
      `p50 ${d.latencyMs.p50} ms, p99 ${d.latencyMs.p99} ms, max ${d.latencyMs.max} ms over ${d.samples.length} commands`,
    ),
    target(
      'every command answered in the ack (HTTP 200, no late answer, no internal error)',
      late + errors === 0,
      `${d.samples.length - late - errors}/${d.samples.length}; ${late} late or not 200, ${errors} errors`,
    ),
    target(
      'runs created = commands answered "queued" or "planning" (none from invalid input)',
      d.runs.created === d.runs.answeredCreated && d.runs.fromInvalid === 0,
      `${d.runs.created} runs stored, ${d.runs.answeredCreated} answered as created, ${d.runs.fromInvalid} invalid commands answered as created`,
    ),
  ];
}

async function send(rig: SlackRig, c: AckCommand, burst: number): Promise<AckSample> {
  const body = slashBody({ user: c.user, text: c.text, responseUrl: `${rig.sim.url}response/ack` });
  const answer = await postToBot(rig.bot.url, body, slackHeaders(rig.signingSecret, body));
  return {
    ...c,
    burst,
    ms: round(answer.ms, 1),
    status: answer.status,
    answer: answerKind(answer.text),
  };
}

/** Waits until the emulator has had no request for `quietMs` (the `clusters` look-ups). */
async function settle(rig: SlackRig, quietMs = 300, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const n = rig.emulator.calls().length;
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await sleep(50);
  }
}

export const slackAck: Scenario = {
  name: 'slack-ack',
  title: 'Slack acknowledgement latency',
  async run({ quick, log }) {
    const params = slackAckParams(quick);
    const host = machine();
    const perBurst = clustersNeeded(params.size);
    // why: every burst scales up the same clusters (the first creates runs, later ones are refused
    // as busy), so the fleet stays the size of a real one and `clusters` describes 13, not 50.
    const names = clusterNames('ack', clustersNeeded(params.warmup) + perBurst);
    const rig = await openSlackRig({
      clusterPrefix: 'ack',
      clusters: names.length,
      extraClusters: ['prod-db'],
      role: 'web',
      config: { rdsRequestsPerSecond: 100 },
    });
    try {
      const warmup: AckSample[] = [];
      for (const c of ackCommands(params.warmup, (i) => names[i] ?? 'ack-001'))
        warmup.push(await send(rig, c, 0));
      await settle(rig);
      const before = await rig.countKeys('run');
      const samples: AckSample[] = [];
      const burstMs: number[] = [];
      for (let b = 1; b <= params.bursts; b += 1) {
        const offset = clustersNeeded(params.warmup);
        const commands = ackCommands(params.size, (i) => names[offset + i] ?? 'ack-001');
        const started = performance.now();
        const answers = await Promise.all(commands.map((c) => send(rig, c, b)));
        burstMs.push(round(performance.now() - started, 1));
        samples.push(...answers);
        const l = latencyOf(answers.map((s) => s.ms));
        log(
          `burst ${b}: ${params.size} commands, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms`,
        );
        await settle(rig);
      }
      const created = (await rig.countKeys('run')) - before;
      const answered = samples.filter((s) => s.answer === 'queued' || s.answer === 'planning');
      const ms = samples.map((s) => s.ms);
      const data: AckData = {
        command: quick
          ? 'npm run bench -- --quick --only slack-ack'
          : 'npm run bench -- --only slack-ack',
        machine: host,
        params: {
          ...params,
          burstClusters: perBurst,
          valid: samples.filter((c) => c.valid).length,
          invalid: samples.filter((c) => !c.valid).length,
          clusters: rig.names.length,
          role: 'web',
        },
        warmupMs: warmup.map((s) => s.ms),
        burstMs,
        latencyMs: { ...latencyOf(ms), mean: round(mean(ms), 1) },
        runs: {
          created,
          answeredCreated: answered.length,
          fromInvalid: answered.filter((s) => !s.valid).length,
        },
        botHealthAfter: await rig.bot.health(),
        samples,
      };
      const targets = slackAckTargets(data);
      return { targets, data, section: slackAckSection(data, targets) };
    } finally {
      await rig.close();
    }
  },
};
