/**
 * Slack Web API storms: the stand-in answers 429 with Retry-After to every second call, then
 * (in a second phase) 500 to every third, while pre-approved runs post their threads through
 * the real bot (`aurora-bot start`, its own process). Every thread must end up holding exactly
 * the replies its audit log calls for, once each and in order.
 */
import { STRATEGIES, type Strategy } from '../../src/config.js';
import type { SlackSimFaults } from '../../src/sim/slack/index.js';
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { waitForRuns } from '../lib/bench-engine.js';
import { compareThread, expectedThread, withoutLocalTime } from '../lib/expected-thread.js';
import { machine } from '../lib/machine.js';
import { type Scenario, type Target, target } from '../lib/scenario.js';
import { CHANNEL, openSlackRig, REQUESTER, type SlackRig } from '../lib/slack-rig.js';
import { round } from '../lib/stats.js';
import { waitForThreads } from '../lib/thread-delivery.js';
import { type PhaseResult, type StormData, stormSection } from './slack-storm-report.js';

/** The bot's default gap between two progress replies of one step (`aurora-bot start`). */
const PROGRESS_INTERVAL_MS = 180_000;

export const STORM_PHASES: { name: string; faults: SlackSimFaults }[] = [
  {
    name: '429 + Retry-After: 1 on every 2nd call',
    faults: { rateLimitEvery: 2, retryAfterSeconds: 1 },
  },
  { name: '500 on every 3rd call', faults: { serverErrorEvery: 3 } },
];

export function stormTargets(d: StormData): Target[] {
  const all = d.phases.flatMap((p) => p.runs);
  const sum = (f: (r: (typeof all)[number]) => number) => all.reduce((n, r) => n + f(r), 0);
  const lost = sum((r) => r.thread.lost.length);
  const dup = sum((r) => r.thread.duplicates.length);
  const disorder = all.filter(
    (r) => r.thread.outOfOrder || (!r.thread.exact && lost + dup === 0),
  ).length;
  const roots = all.filter((r) => r.roots !== 1).length;
  const faulted = d.phases.map((p) => p.injected).join(' / ');
  return [
    target(
      'thread replies lost: 0',
      lost === 0,
      `${lost} of ${sum((r) => r.thread.expected)} expected replies (faults injected per phase: ${faulted})`,
    ),
    target('duplicate thread replies: 0', dup === 0, `${dup}`),
    target(
      'every thread exactly its audit log, in order; one root per run',
      all.every((r) => r.thread.exact) && roots === 0,
      `${all.filter((r) => r.thread.exact).length}/${all.length} threads exact, ${disorder} out of order, ${roots} runs without exactly one root`,
    ),
    target(
      'every approval prompt closed (rewritten without buttons)',
      sum((r) => r.openPrompts) === 0,
      `${sum((r) => r.openPrompts)} still show buttons`,
    ),
    target(
      'every run completes',
      all.every((r) => r.status === 'succeeded'),
      `${all.filter((r) => r.status === 'succeeded').length}/${all.length} succeeded`,
    ),
  ];
}

async function runPhase(
  rig: SlackRig,
  phase: (typeof STORM_PHASES)[number],
  clusters: readonly string[],
  strategies: readonly Strategy[],
  dryRun: boolean,
  log: (line: string) => void,
): Promise<PhaseResult> {
  const before = rig.sim.calls().length;
  const started = Date.now();
  rig.sim.setFaults(phase.faults);
  try {
    const created = await Promise.all(
      strategies.map((strategy, i) =>
        rig.bench.engine.createRun({
          clusterAlias: clusters[i] ?? '',
          targetClass: 'r6g.2xlarge',
          strategy,
          requester: { id: REQUESTER, name: 'alice', via: 'slack' },
          slack: { channel: CHANNEL },
          preApproved: true,
          dryRun,
        }),
      ),
    );
    const runs = await waitForRuns(
      rig.bench.engine,
      created.map((r) => r.id),
      { timeoutMs: 180_000, everyMs: 250 },
    );
    const runsS = round((Date.now() - started) / 1000, 1);
    const behind = await waitForThreads(
      rig,
      runs.map((r) => r.id),
      300_000,
    );
    if (behind.length > 0)
      throw new Error(
        `threads not delivered: ${behind.map((b) => `${b.runId} ${b.next}/${b.entries}`).join(', ')}`,
      );
    const deliveredS = round((Date.now() - started) / 1000, 1);
    rig.sim.setFaults({});
    const calls = rig.sim.calls().slice(before);
    const statuses: Record<string, number> = {};
    for (const c of calls) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
    const results = [];
    for (const run of runs) {
      const entries = await rig.bench.engine.audit(run.id);
      const roots = rig.sim
        .messages(CHANNEL)
        .filter(
          (m) =>
            !m.ephemeral &&
            m.threadTs === undefined &&
            JSON.stringify(m.blocks).includes(`\`${run.id}\``),
        );
      const replies = roots[0]?.replies ?? [];
      const expected = expectedThread(run, entries, {
        twoPersonRule: rig.bench.config.clusters[run.cluster.alias]?.twoPersonRule ?? true,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
      });
      results.push({
        id: run.id,
        strategy: run.strategy,
        status: run.status,
        auditEntries: entries.length,
        roots: roots.length,
        thread: compareThread(
          expected,
          replies.map((r) => withoutLocalTime(r.text)),
        ),
        openPrompts: replies.filter((r) => JSON.stringify(r.blocks).includes(ACTION_IDS.approve))
          .length,
      });
    }
    const injected = (statuses['429'] ?? 0) + (statuses['500'] ?? 0);
    log(
      `${phase.name}: ${calls.length} Web API calls (${Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}), runs done in ${runsS} s, threads delivered in ${deliveredS} s`,
    );
    return {
      name: phase.name,
      faults: phase.faults,
      calls: calls.length,
      statuses,
      injected,
      runsS,
      deliveredS,
      runs: results,
    };
  } finally {
    rig.sim.setFaults({});
  }
}

export const slackStorm: Scenario = {
  name: 'slack-storm',
  title: 'Slack Web API storms',
  async run({ quick, log }) {
    // why: the quick variant's threads are dry runs (plan only): a 429 every second call costs
    // a second per reply, and CI has two minutes for both suites.
    const strategies: readonly Strategy[] = quick ? ['bluegreen'] : STRATEGIES;
    const dryRun = quick;
    const host = machine();
    const rig = await openSlackRig({
      clusterPrefix: 'storm',
      clusters: STORM_PHASES.length * strategies.length,
      role: 'all',
      speed: 5000,
      outageScale: 0.02,
      config: {
        rdsRequestsPerSecond: 100,
        probe: { settleMs: 300 },
        pollInterval: '100ms',
        greenPollInterval: '100ms',
      },
    });
    try {
      const phases: PhaseResult[] = [];
      for (const [i, phase] of STORM_PHASES.entries()) {
        const clusters = rig.names.slice(i * strategies.length, (i + 1) * strategies.length);
        phases.push(await runPhase(rig, phase, clusters, strategies, dryRun, log));
      }
      const data: StormData = {
        command: quick
          ? 'npm run chaos -- --quick --only slack-storm'
          : 'npm run chaos -- --only slack-storm',
        machine: host,
        strategies: [...strategies],
        dryRun,
        phases,
      };
      const targets = stormTargets(data);
      return { targets, data, section: stormSection(data, targets) };
    } finally {
      await rig.close();
    }
  },
};
