/** How far the Slack outbox has delivered runs' audit logs to their threads. */
import { createThreadStore } from '../../src/slack/outbox/thread-store.js';
import type { SlackRig } from './slack-rig.js';
import { sleep } from './stats.js';

export interface ThreadBacklog {
  runId: string;
  /** The outbox's cursor: the next audit entry to deliver. */
  next: number;
  entries: number;
  /** The event type of the entry the cursor waits at. */
  stuckAt?: string;
  /** That entry's actor, when it has one (as stored, e.g. `{"via":"slack"}`). */
  actor?: string;
  /** The root checklist still has to be rewritten. */
  rootDirty: boolean;
}

/** Runs whose thread is behind their audit log (empty when every thread is delivered). */
export async function threadBacklog(
  rig: SlackRig,
  runIds: readonly string[],
): Promise<ThreadBacklog[]> {
  const store = createThreadStore(rig.bench.redis, rig.bench.prefix);
  const behind: ThreadBacklog[] = [];
  for (const runId of runIds) {
    const [state, entries] = await Promise.all([store.load(runId), rig.bench.engine.audit(runId)]);
    if (state.next >= entries.length && !state.rootDirty) continue;
    const event = entries[state.next]?.event;
    const actor = event && 'actor' in event ? JSON.stringify(event.actor) : undefined;
    behind.push({
      runId,
      next: state.next,
      entries: entries.length,
      rootDirty: state.rootDirty,
      ...(event ? { stuckAt: event.type } : {}),
      ...(actor ? { actor } : {}),
    });
  }
  return behind;
}

/** Waits up to `timeoutMs` for every thread to catch up; returns what is still behind. */
export async function waitForThreads(
  rig: SlackRig,
  runIds: readonly string[],
  timeoutMs: number,
): Promise<ThreadBacklog[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = await threadBacklog(rig, runIds);
    if (behind.length === 0 || Date.now() > deadline) return behind;
    await sleep(250);
  }
}
