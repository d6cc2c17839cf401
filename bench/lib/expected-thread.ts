/**
 * What a run's Slack thread must contain, derived from its audit log with the outbox's own
 * planner (`planEntry`), and how a stored thread compares: lost, duplicated or reordered
 * replies.
 */
import { planEntry } from '../../src/slack/outbox/plan-entry.js';
import type { AuditEntry, Run } from '../../src/workflow/types.js';

/**
 * A decision time shows the decider's local time only when users.info answered (best effort,
 * by design); compare in UTC.
 */
export const withoutLocalTime = (text: string): string =>
  text.replace(/(\d\d:\d\d UTC) \(\d\d:\d\d [^)]*\)/g, '$1');

/**
 * The final texts of the thread replies the audit log calls for, in order: each post, with an
 * approval prompt replaced by its last rewrite (decided, expired, superseded).
 */
export function expectedThread(
  run: Run,
  entries: readonly AuditEntry[],
  options: { twoPersonRule: boolean; progressIntervalMs: number },
): string[] {
  const texts: string[] = [];
  const prompts = new Map<string, number>();
  for (let index = 0; index < entries.length; index += 1) {
    const plan = planEntry({ run, entries: entries.slice(0, index + 1), index, ...options });
    for (const op of plan.ops) {
      if (op.kind === 'post') {
        if (op.rememberGate) prompts.set(op.rememberGate, texts.length);
        texts.push(op.build().text);
        continue;
      }
      const at = prompts.get(op.gateId);
      if (at !== undefined) texts[at] = op.build().text;
    }
  }
  return texts.map(withoutLocalTime);
}

export interface ThreadComparison {
  expected: number;
  delivered: number;
  /** Expected replies that are not in the thread. */
  lost: string[];
  /** Replies beyond the number of times the audit log calls for them. */
  duplicates: string[];
  /** The thread holds the expected replies, but not in the expected order. */
  outOfOrder: boolean;
  /** The thread is exactly the expected sequence. */
  exact: boolean;
}

export function compareThread(
  expected: readonly string[],
  actual: readonly string[],
): ThreadComparison {
  const want = new Map<string, number>();
  for (const t of expected) want.set(t, (want.get(t) ?? 0) + 1);
  const have = new Map<string, number>();
  for (const t of actual) have.set(t, (have.get(t) ?? 0) + 1);
  const lost: string[] = [];
  const duplicates: string[] = [];
  for (const [t, n] of want) for (let i = have.get(t) ?? 0; i < n; i += 1) lost.push(t);
  for (const [t, n] of have) for (let i = want.get(t) ?? 0; i < n; i += 1) duplicates.push(t);
  const exact = expected.length === actual.length && expected.every((t, i) => actual[i] === t);
  return {
    expected: expected.length,
    delivered: actual.length,
    lost,
    duplicates,
    outOfOrder: !exact && lost.length === 0 && duplicates.length === 0,
    exact,
  };
}
