/** The click-to-action benchmark's result shape and its section of docs/benchmarks.md. */
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { Target } from '../lib/scenario.js';
import { percentile } from '../lib/stats.js';
import type { ClickTiming } from './click-to-action-timing.js';

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

const spread = (values: readonly (number | undefined)[]): Spread => {
  const v = values.filter((x): x is number => x !== undefined);
  return v.length === 0
    ? { p50: Number.NaN, p99: Number.NaN, max: Number.NaN }
    : { p50: percentile(v, 50), p99: percentile(v, 99), max: Math.max(...v) };
};

export interface StepSummary {
  n: number;
  total: Spread;
  withoutBaseline: Spread;
  decided: Spread;
  resume: Spread;
  baseline: Spread;
  step: Spread;
}

export interface ClickSummary {
  /** Reboot and switchover gates together: the target's population. */
  probed: StepSummary;
  byStep: Record<string, StepSummary>;
}

function stepSummary(clicks: readonly ClickTiming[]): StepSummary {
  return {
    n: clicks.length,
    total: spread(clicks.map((c) => c.totalMs)),
    withoutBaseline: spread(clicks.map((c) => c.withoutBaselineMs)),
    decided: spread(clicks.map((c) => c.decidedMs)),
    resume: spread(clicks.map((c) => c.resumeMs)),
    baseline: spread(clicks.map((c) => c.baselineMs)),
    step: spread(clicks.map((c) => c.stepMs)),
  };
}

export function summarize(
  clicks: readonly ClickTiming[],
  probedSteps: readonly string[],
): ClickSummary {
  const steps = [...new Set(clicks.map((c) => c.step))];
  return {
    probed: stepSummary(clicks.filter((c) => probedSteps.includes(c.step))),
    byStep: Object.fromEntries(
      steps.map((s) => [s, stepSummary(clicks.filter((c) => c.step === s))]),
    ),
  };
}

export interface ClickData {
  command: string;
  machine: Machine;
  params: {
    runs: number;
    parallel: number;
    thinkMs: number;
    speed: number;
    outageScale: number;
    timeoutMs: number;
  };
  wallS: number;
  runs: { created: number; succeeded: number };
  summary: ClickSummary;
  clicks: ClickTiming[];
}

const f = (s: Spread) => (Number.isNaN(s.p50) ? '–' : `${s.p50} / ${s.p99} / ${s.max}`);

export function clickSection(d: ClickData, targets: readonly Target[]): string {
  const rows = [
    ['reboot + switchover (probed)', d.summary.probed] as const,
    ...Object.entries(d.summary.byStep),
  ].map(([name, s]) => [
    name,
    s.n,
    f(s.total),
    f(s.withoutBaseline),
    f(s.decided),
    f(s.resume),
    f(s.baseline),
    f(s.step),
  ]);
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306: the probe's endpoints forward to it). Raw results: \`bench/results/click-to-action.json\`.`,
    machineLine(d.machine),
    '',
    `${d.params.runs} blue/green scale-ups, ${d.params.parallel} at a time, each started with a signed \`/aurora scaleup\` from the requester and approved gate by gate by the approver clicking *Approve* on the prompt the bot posted in the run's thread (the stand-in's \`clickButton\`: a signed \`block_actions\` payload). The bot is \`aurora-bot start --role all\` in its own process: Bolt's HTTP receiver, the engine worker and the Slack outbox, with the engine's production timings (\`pollInterval\` 100 ms in the configuration, probe every 100 ms, settle 300 ms). The RDS emulator runs at speed ${d.params.speed} (outages × ${d.params.outageScale}). The clicker waits ${d.params.thinkMs} ms after a prompt appears before clicking, as a person reads it first; that wait is not measured. Each click is timed from the moment the generator sends it to the emulator's arrival time of the mutating call the approved step makes (\`RebootDBInstance\`, \`SwitchoverBlueGreenDeployment\`, and for the old cluster's deletion \`DeleteDBInstance\`); all clocks are on one machine. Wall time ${d.wallS} s.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Figures (ms, p50 / p99 / max)',
    '',
    ...table(
      [
        'gates',
        'n',
        'click to action',
        'without the baseline wait',
        'click to decision recorded',
        'decision to probe start',
        'baseline wait',
        'first step request to action',
      ],
      rows,
    ),
    '',
    "How the parts are told apart: *decision recorded* is the `gate.decided` entry of the run's audit log (Bolt verified the request, the policy allowed the approver, `engine.decide` stored it and promoted the parked job); *probe start* is the `startedAt` of the step's probe report (the worker picked the job up, re-read the evidence from RDS and described the cluster); the *baseline wait* runs from there to the step's first RDS request, because a probed step makes its disruptive call only once the probe has seen the endpoints healthy; the last part is the step looking at the resource (one or two describe calls) before acting. The old cluster's deletion is not probed, so it has no baseline wait.",
  ].join('\n');
}
