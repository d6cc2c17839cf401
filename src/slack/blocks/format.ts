/** Small formatting helpers shared by the builders: times, durations, status icons. */
import { formatDuration } from '../../duration.js';
import type { RunStatus, StepState, StepStatus } from '../../workflow/types.js';

/** `14:05 UTC` for an ISO timestamp or ms since the epoch. */
export function utcTime(at: string | number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return `${d.toISOString().slice(11, 16)} UTC`;
}

/** `2026-11-26 14:05:09 UTC`. */
export function utcDateTime(at: string | number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `23:05` in an IANA time zone, or undefined when the zone is unknown. */
export function zonedTime(at: string | number, timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(at));
  } catch {
    return undefined;
  }
}

/** Milliseconds between two ISO timestamps (or until `now`), never negative. */
export function elapsedMs(from: string, to: string | number): number {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Duration of a step: finished steps their own, a running one so far (by `now`, ms). */
export function stepDurationText(step: StepState, now: number): string | undefined {
  if (!step.startedAt) return undefined;
  if (step.endedAt) return formatDuration(elapsedMs(step.startedAt, step.endedAt));
  if (step.status === 'running') return `${formatDuration(elapsedMs(step.startedAt, now))} so far`;
  return undefined;
}

export const STEP_ICON: Record<StepStatus, string> = {
  pending: '◻️',
  running: '⏳',
  done: '✅',
  skipped: '⏭️',
  failed: '❌',
};

export const RUN_STATUS_TEXT: Record<RunStatus, string> = {
  queued: '🕓 queued',
  running: '⏳ running',
  waiting: '⏳ waiting on AWS',
  awaiting_approval: '🔐 awaiting approval',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  rejected: '🚫 rejected',
  cancelled: '🛑 cancelled',
  expired: '⌛ expired (approval timed out)',
};
