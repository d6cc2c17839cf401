/**
 * Decides, without I/O, which Slack messages one audit entry becomes. The answer depends only on
 * the run and the audit log up to that entry, never on what was already delivered, so a worker
 * that resumes in the middle of an entry (crash, 429) recomputes exactly the same list and
 * continues at the same index.
 */
import type { AuditEntry, Gate, Run, StepName } from '../../workflow/types.js';
import {
  type DecisionView,
  decisionLine,
  decisionMessage,
  gateClosedMessage,
} from '../blocks/decision.js';
import { errorMessage } from '../blocks/error.js';
import type { EventOf } from '../blocks/events.js';
import { gatePromptMessage } from '../blocks/gate-prompt.js';
import { planMessage } from '../blocks/plan.js';
import { probeReportMessage } from '../blocks/probe-report.js';
import { progressMessage } from '../blocks/progress.js';
import { stepFinishedMessage } from '../blocks/step-finished.js';
import { stepStartedMessage } from '../blocks/step-started.js';
import { summaryMessage } from '../blocks/summary.js';
import {
  cancelRequestedNote,
  decisionNote,
  expiredNote,
  refusedNote,
} from '../blocks/thread-notes.js';
import type { SlackMessage } from '../blocks/types.js';

/** One Slack call: a thread reply, or a rewrite of an approval prompt (skipped if never posted). */
export type OutboxOp =
  | {
      kind: 'post';
      build: (tz?: string) => SlackMessage;
      broadcast?: boolean;
      rememberGate?: string;
    }
  | {
      kind: 'update-gate';
      gateId: string;
      build: (tz?: string) => SlackMessage;
      closes: true;
      tzUser?: string;
    };

export interface EntryPlan {
  ops: OutboxOp[];
  /** The root checklist shows something this entry changed. */
  rootDirty: boolean;
}

export interface PlanContext {
  run: Run;
  /** The audit log up to and including the entry being planned (`entries[index]`). */
  entries: readonly AuditEntry[];
  index: number;
  twoPersonRule: boolean;
  /** Minimum audit-time gap between two progress replies of one step, in ms. */
  progressIntervalMs: number;
}

/** Gates opened before `index` and not yet decided, expired or superseded, oldest first. */
export function openGatesBefore(entries: readonly AuditEntry[], index: number): Gate[] {
  const open = new Map<string, Gate>();
  for (const { event } of entries.slice(0, index)) {
    if (event.type === 'gate.opened') {
      open.clear(); // a new prompt supersedes older ones
      open.set(event.gate.id, event.gate);
    } else if (event.type === 'gate.decided' || event.type === 'gate.expired') {
      open.delete(event.gateId);
    } else if (event.type === 'run.finished' || event.type === 'run.failed') {
      open.clear();
    }
  }
  return [...open.values()];
}

function openedGate(
  entries: readonly AuditEntry[],
  index: number,
  gateId: string,
): Gate | undefined {
  for (const { event } of entries.slice(0, index)) {
    if (event.type === 'gate.opened' && event.gate.id === gateId) return event.gate;
  }
  return undefined;
}

/** Whether the progress entry at `index` gets its own reply: the first of its step, then at most one per interval. */
export function progressPosted(
  entries: readonly AuditEntry[],
  index: number,
  intervalMs: number,
): boolean {
  const target = entries[index];
  if (target?.event.type !== 'step.progress') return false;
  const step: StepName = target.event.step;
  let lastPosted: number | undefined;
  for (const entry of entries.slice(0, index + 1)) {
    if (entry.event.type === 'step.started' && entry.event.step === step) lastPosted = undefined;
    if (entry.event.type !== 'step.progress' || entry.event.step !== step) continue;
    const at = Date.parse(entry.at);
    const posted = lastPosted === undefined || at - lastPosted >= intervalMs;
    if (entry === target) return posted;
    if (posted) lastPosted = at;
  }
  return false;
}

/** AWS calls of `step` since it last started (a resumed step starts again). */
function callsOf(
  entries: readonly AuditEntry[],
  index: number,
  step: StepName,
): EventOf<'aws.call'>[] {
  let calls: EventOf<'aws.call'>[] = [];
  for (const { event } of entries.slice(0, index)) {
    if (event.type === 'step.started' && event.step === step) calls = [];
    if (event.type === 'aws.call' && event.step === step) calls.push(event);
  }
  return calls;
}

function closeAll(gates: Gate[], run: Run, reason: 'superseded' | 'run-ended'): OutboxOp[] {
  return gates.map((gate) => ({
    kind: 'update-gate',
    gateId: gate.id,
    closes: true,
    build: () => gateClosedMessage(run, gate, reason),
  }));
}

export function planEntry(ctx: PlanContext): EntryPlan {
  const { run, entries, index } = ctx;
  const entry = entries[index];
  if (!entry) return { ops: [], rootDirty: false };
  const { event, at } = entry;
  const post = (message: SlackMessage, broadcast = false): OutboxOp => ({
    kind: 'post',
    build: () => message,
    ...(broadcast ? { broadcast } : {}),
  });
  switch (event.type) {
    case 'run.created':
    case 'aws.call':
      return { ops: [], rootDirty: false };
    case 'plan.ready':
      return { ops: [post(planMessage(run, event.plan))], rootDirty: true };
    case 'step.started':
      return { ops: [post(stepStartedMessage(run, event))], rootDirty: true };
    case 'step.progress':
      return {
        ops: progressPosted(entries, index, ctx.progressIntervalMs)
          ? [post(progressMessage(run, event))]
          : [],
        rootDirty: true,
      };
    case 'step.finished':
      return {
        ops: [post(stepFinishedMessage(run, event, callsOf(entries, index, event.step)))],
        rootDirty: true,
      };
    case 'gate.opened':
      return {
        ops: [
          ...closeAll(openGatesBefore(entries, index), run, 'superseded'),
          {
            kind: 'post',
            build: () => gatePromptMessage(run, event.gate, ctx.twoPersonRule),
            broadcast: true,
            rememberGate: event.gate.id,
          },
        ],
        rootDirty: true,
      };
    case 'gate.decided': {
      const gate = openedGate(entries, index, event.gateId);
      const view: DecisionView = {
        decision: event.decision,
        actor: event.actor,
        at,
        ...(event.preApproved ? { preApproved: true } : {}),
      };
      if (!gate)
        return {
          ops: [post(decisionNote(`${decisionLine(view, undefined)} (${event.step})`))],
          rootDirty: true,
        };
      return {
        ops: [
          {
            kind: 'update-gate',
            gateId: gate.id,
            closes: true,
            tzUser: event.actor.id,
            build: (tz) => decisionMessage(run, gate, view, tz),
          },
        ],
        rootDirty: true,
      };
    }
    case 'gate.refused':
      return { ops: [post(refusedNote(run, event, at))], rootDirty: false };
    case 'gate.expired': {
      const gate = openedGate(entries, index, event.gateId);
      const close: OutboxOp[] = gate
        ? [
            {
              kind: 'update-gate',
              gateId: gate.id,
              closes: true,
              build: () => gateClosedMessage(run, gate, 'expired'),
            },
          ]
        : [];
      return { ops: [...close, post(expiredNote(run, event))], rootDirty: true };
    }
    case 'probe.report':
      return { ops: [post(probeReportMessage(run, event.step, event.report))], rootDirty: false };
    case 'cancel.requested':
      return { ops: [post(cancelRequestedNote(event, at))], rootDirty: true };
    case 'run.finished':
      return {
        ops: [
          ...closeAll(openGatesBefore(entries, index), run, 'run-ended'),
          post(summaryMessage(run, event, entries.slice(0, index + 1), at), true),
        ],
        rootDirty: true,
      };
    case 'run.failed':
      return {
        ops: [
          ...closeAll(openGatesBefore(entries, index), run, 'run-ended'),
          post(errorMessage(run, event.error)),
          post(summaryMessage(run, event, entries.slice(0, index + 1), at), true),
        ],
        rootDirty: true,
      };
  }
}
