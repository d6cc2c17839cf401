/**
 * Click-to-action latency: blue/green runs started with `/aurora scaleup` and approved by
 * clicking Approve in the Slack stand-in, against the real bot (`aurora-bot start`, its own
 * process, engine worker and Slack outbox included) and the RDS emulator. Each approval is timed
 * from the click to the emulator receiving the mutating call the approved step makes.
 */
import type { SlackSim } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { isLive, type Run } from '../../src/workflow/types.js';
import { clusterNames } from '../lib/fleet.js';
import { machine } from '../lib/machine.js';
import { type Scenario, type Target, target } from '../lib/scenario.js';
import { APPROVER, CHANNEL, openSlackRig, REQUESTER, type SlackRig } from '../lib/slack-rig.js';
import { promptOf, runIdOf } from '../lib/slack-thread.js';
import { round, sleep } from '../lib/stats.js';
import { type ClickData, clickSection, summarize } from './click-to-action-report.js';
import { type Click, clickTiming } from './click-to-action-timing.js';

export const P50_TARGET_MS = 250;
/** Gates whose step runs under the outage probe (the target's population). */
export const PROBED_STEPS = ['reboot-writer', 'switchover'];

export const clickParams = (quick: boolean) =>
  quick
    ? { runs: 1, parallel: 1, thinkMs: 300, speed: 5000, outageScale: 0.02, timeoutMs: 90_000 }
    : { runs: 20, parallel: 2, thinkMs: 300, speed: 5000, outageScale: 0.02, timeoutMs: 180_000 };

export function clickTargets(d: ClickData): Target[] {
  const probed = d.summary.probed;
  const missing = d.clicks.filter((c) => c.totalMs === undefined).length;
  const refused = d.clicks.filter((c) => c.status !== 200).length;
  return [
    target(
      `click-to-action p50 under ${P50_TARGET_MS} ms (probed gates: reboot and switchover, baseline wait included)`,
      probed.total.p50 < P50_TARGET_MS,
      `p50 ${probed.total.p50} ms, p99 ${probed.total.p99} ms over ${probed.n} gates; without the baseline wait p50 ${probed.withoutBaseline.p50} ms, p99 ${probed.withoutBaseline.p99} ms`,
    ),
    target(
      'every approval click answered 200 and followed by its mutating RDS call',
      missing + refused === 0,
      `${d.clicks.length - missing - refused}/${d.clicks.length}; ${refused} not 200, ${missing} without the call`,
    ),
    target(
      'every run completes',
      d.runs.succeeded === d.runs.created,
      `${d.runs.succeeded}/${d.runs.created} succeeded`,
    ),
  ];
}

/** Starts a run from Slack and approves each of its gates by clicking, like an approver would. */
async function driveRun(
  rig: SlackRig,
  cluster: string,
  params: ReturnType<typeof clickParams>,
): Promise<{ run: Run; clicks: Click[] }> {
  const sim: SlackSim = rig.sim;
  const answer = await sim.sendCommand({
    user: REQUESTER,
    text: `scaleup ${cluster} r6g.2xlarge`,
    channel: CHANNEL,
  });
  const runId = runIdOf(answer.body);
  if (!runId) throw new Error(`scale-up of ${cluster} not queued: ${JSON.stringify(answer.body)}`);
  const clicks: Click[] = [];
  const seen = new Map<string, number>();
  const deadline = Date.now() + params.timeoutMs;
  for (;;) {
    const run = await rig.bench.engine.getRun(runId);
    if (run && !isLive(run.status)) return { run, clicks };
    if (Date.now() > deadline)
      throw new Error(`${runId} stuck: ${run?.status} at ${run?.steps[run.cursor]?.name}`);
    const gate = run?.status === 'awaiting_approval' ? run.gate : undefined;
    const prompt =
      gate && !clicks.some((c) => c.gateId === gate.id) && promptOf(sim, runId, gate.nonce);
    if (gate && prompt) {
      const first = seen.get(gate.id) ?? Date.now();
      seen.set(gate.id, first);
      // why: a person reads the prompt before clicking; the think time is not measured.
      if (Date.now() - first >= params.thinkMs) {
        const clickedAt = Date.now();
        const t0 = performance.now();
        const a = await sim.clickButton({
          user: APPROVER,
          ts: prompt.ts,
          actionId: ACTION_IDS.approve,
          channel: CHANNEL,
        });
        clicks.push({
          runId,
          step: gate.step,
          gateId: gate.id,
          clickedAt,
          status: a.status,
          answerMs: round(performance.now() - t0, 1),
        });
      }
    }
    await sleep(20);
  }
}

export const clickToAction: Scenario = {
  name: 'click-to-action',
  title: 'Click-to-action latency',
  async run({ quick, log }) {
    const params = clickParams(quick);
    const host = machine();
    const names = clusterNames('click', params.runs);
    const rig = await openSlackRig({
      clusterPrefix: 'click',
      clusters: params.runs,
      role: 'all',
      speed: params.speed,
      outageScale: params.outageScale,
      config: {
        rdsRequestsPerSecond: 100,
        probe: { settleMs: 300 },
        pollInterval: '100ms',
        greenPollInterval: '100ms',
      },
    });
    try {
      const started = Date.now();
      const results: { run: Run; clicks: Click[] }[] = [];
      const queue = [...names];
      await Promise.all(
        Array.from({ length: params.parallel }, async () => {
          for (let cluster = queue.shift(); cluster; cluster = queue.shift()) {
            const result = await driveRun(rig, cluster, params);
            results.push(result);
            log(
              `${results.length}/${params.runs} ${result.run.id} ${result.run.status}: ${result.clicks.map((c) => c.step).join(', ')}`,
            );
          }
        }),
      );
      const calls = rig.emulator.calls();
      const clicks = [];
      for (const { run, clicks: of } of results) {
        const audit = await rig.bench.engine.audit(run.id);
        for (const click of of) clicks.push(clickTiming(click, run, audit, calls));
      }
      const data: ClickData = {
        command: quick
          ? 'npm run bench -- --quick --only click-to-action'
          : 'npm run bench -- --only click-to-action',
        machine: host,
        params,
        wallS: round((Date.now() - started) / 1000, 1),
        runs: {
          created: results.length,
          succeeded: results.filter((r) => r.run.status === 'succeeded').length,
        },
        summary: summarize(clicks, PROBED_STEPS),
        clicks,
      };
      const targets = clickTargets(data);
      return { targets, data, section: clickSection(data, targets) };
    } finally {
      await rig.close();
    }
  },
};
