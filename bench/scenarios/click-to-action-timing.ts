/**
 * Splits one approval's click-to-action time into its parts, from three clocks on one machine:
 * the load generator's click time, the bot's audit log (decision, probe start) and the
 * emulator's call log (the RDS requests the run made).
 */
import type { CallLogEntry } from '../../src/sim/rds/index.js';
import type { AuditEntry, Run } from '../../src/workflow/types.js';
import { callsOfRun } from '../lib/run-checks.js';

/** The mutating call an approved gate leads to: the first one its step makes. */
export const MUTATION_OF: Record<string, string> = {
  'reboot-writer': 'RebootDBInstance',
  switchover: 'SwitchoverBlueGreenDeployment',
  'cleanup-old': 'DeleteDBInstance',
};

export interface Click {
  runId: string;
  step: string;
  gateId: string;
  /** When the generator sent the click (ms since the epoch). */
  clickedAt: number;
  /** HTTP status of the click's answer and how long it took (ms). */
  status: number;
  answerMs: number;
}

export interface ClickTiming extends Click {
  action: string;
  /** Click to the emulator receiving the mutating call (ms); undefined when none came. */
  totalMs?: number;
  /** Click to `gate.decided` in the audit log (Bolt, policy, engine.decide). */
  decidedMs?: number;
  /** `gate.decided` to the probe's start (job promoted and picked up, evidence re-checked). */
  resumeMs?: number;
  /** Probe start to the step's first RDS request: the wait for a healthy baseline. */
  baselineMs?: number;
  /** That request to the mutating call (the step looks, then acts). */
  stepMs?: number;
  /** totalMs without baselineMs. */
  withoutBaselineMs?: number;
}

export function clickTiming(
  click: Click,
  run: Run,
  audit: readonly AuditEntry[],
  calls: readonly CallLogEntry[],
): ClickTiming {
  const action = MUTATION_OF[click.step] ?? '?';
  const mine = callsOfRun(run, calls)
    .map((c) => ({ ...c, t: Date.parse(c.time) }))
    .filter((c) => c.t >= click.clickedAt)
    .sort((a, b) => a.t - b.t);
  const mutation = mine.find((c) => c.action === action && c.outcome === 'ok');
  const timing: ClickTiming = { ...click, action };
  if (!mutation) return timing;
  timing.totalMs = mutation.t - click.clickedAt;
  const decided = audit.find(
    (e) => e.event.type === 'gate.decided' && e.event.gateId === click.gateId,
  );
  if (decided) timing.decidedMs = Date.parse(decided.at) - click.clickedAt;
  const probeStart = audit
    .flatMap((e) =>
      e.event.type === 'probe.report' && e.event.step === click.step
        ? [Date.parse(e.event.report.startedAt)]
        : [],
    )
    .find((t) => t >= click.clickedAt && t <= mutation.t);
  if (probeStart === undefined) {
    // why: an unprobed step (cleanup-old) has no baseline to wait for.
    timing.baselineMs = 0;
    timing.withoutBaselineMs = timing.totalMs;
    return timing;
  }
  if (!decided) return timing;
  const first = mine.find((c) => c.t >= probeStart);
  timing.resumeMs = probeStart - Date.parse(decided.at);
  if (!first) return timing;
  timing.baselineMs = first.t - probeStart;
  timing.stepMs = mutation.t - first.t;
  timing.withoutBaselineMs = timing.totalMs - timing.baselineMs;
  return timing;
}
