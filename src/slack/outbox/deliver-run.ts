/**
 * Delivers a run's audit log to its Slack thread, in order, from the run's cursor: the root
 * message first (its ts becomes the thread), then each entry's messages, advancing the cursor
 * after every successful call, then one rewrite of the root checklist. Returns instead of
 * sleeping when Slack must be waited for, so the caller can park the job.
 */
import type { types as boltTypes, webApi } from '@slack/bolt';
import type { ClusterConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { Run } from '../../workflow/types.js';
import { rootMessage } from '../blocks/root.js';
import type { SlackMessage } from '../blocks/types.js';
import type { EnginePort } from '../engine-port.js';
import { type OutboxOp, planEntry } from './plan-entry.js';
import { backoffMs, classifySlackError, type SlackFailure } from './slack-errors.js';
import type { ThreadState, ThreadStore } from './thread-store.js';

export type DeliveryResult =
  | { kind: 'done'; delivered: number }
  /** Park and try again after `delayMs`. */
  | {
      kind: 'retry';
      delayMs: number;
      reason: 'rate_limited' | 'server_error' | 'network' | 'paused' | 'busy' | 'root_throttle';
    };

export interface DeliveryDeps {
  engine: Pick<EnginePort, 'getRun' | 'audit'>;
  store: ThreadStore;
  client: webApi.WebClient;
  clusters: Readonly<Record<string, ClusterConfig>>;
  /** Channel for runs that carry none (started from the CLI); without one they are not posted. */
  defaultChannel?: string;
  /** Time zone of a Slack user, for decision times (undefined when unknown). */
  userTz: (userId: string) => Promise<string | undefined>;
  logger: Logger;
  metrics: Metrics;
  /** Minimum gap between two progress replies of one step, in audit time (ms). */
  progressIntervalMs: number;
  /** Minimum gap between two rewrites of a root message (ms). */
  rootIntervalMs: number;
  now: () => number;
}

const LOCK_TTL_MS = 30_000;

/** A Slack call failed in a way that ends this attempt; carries what to do. */
class StopDelivery extends Error {
  readonly failure: SlackFailure;
  readonly method: string;
  constructor(method: string, failure: SlackFailure) {
    super(`${method}: ${failure.kind}`);
    this.method = method;
    this.failure = failure;
  }
}

/**
 * Delivers what is pending for `runId`. `seq` is the entry that triggered this delivery: when the
 * cursor is already past it and the root is up to date, there is nothing to do.
 */
export async function deliverRun(
  runId: string,
  deps: DeliveryDeps,
  seq?: number,
): Promise<DeliveryResult> {
  const { store, now } = deps;
  if (seq !== undefined) {
    const state = await store.load(runId);
    if (state.next > seq && !state.rootDirty) return { kind: 'done', delivered: 0 };
  }
  const paused = await store.pausedUntil();
  if (paused > now()) return { kind: 'retry', delayMs: paused - now(), reason: 'paused' };
  const token = await store.lock(runId, LOCK_TTL_MS);
  if (!token)
    return { kind: 'retry', delayMs: 200 + Math.floor(Math.random() * 100), reason: 'busy' };
  try {
    return await deliverLocked(runId, token, deps);
  } catch (error) {
    if (!(error instanceof StopDelivery)) throw error;
    return await retryAfterFailure(runId, error, deps);
  } finally {
    await store.unlock(runId, token);
  }
}

async function retryAfterFailure(
  runId: string,
  stop: StopDelivery,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const { failure, method } = stop;
  if (failure.kind === 'platform') throw new Error(`unexpected platform failure of ${method}`);
  deps.metrics.slackRetries.inc({ method, reason: failure.kind });
  if (failure.kind === 'rate_limited') {
    await deps.store.pause(deps.now() + failure.retryAfterMs);
    deps.logger.warn(
      { runId, method, retryAfterMs: failure.retryAfterMs },
      'Slack rate limit: delivery paused',
    );
    return { kind: 'retry', delayMs: failure.retryAfterMs, reason: 'rate_limited' };
  }
  const state = await deps.store.load(runId);
  const failures = state.failures + 1;
  await deps.store.setFailures(runId, failures);
  const delayMs = backoffMs(failures);
  deps.logger.warn(
    { runId, method, failure, delayMs },
    'Slack call failed: delivery will be retried',
  );
  return { kind: 'retry', delayMs, reason: failure.kind };
}

/** Calls Slack; transient failures stop the attempt, `ok:false` answers are returned. */
async function call<T>(
  method: string,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'platform') return { ok: false, error: failure.error };
    throw new StopDelivery(method, failure);
  }
}

async function deliverLocked(
  runId: string,
  token: string,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const { store, engine, logger } = deps;
  const run = await engine.getRun(runId);
  if (!run) return { kind: 'done', delivered: 0 };
  let state = await store.load(runId);
  const channel = state.channel ?? run.slack?.channel ?? deps.defaultChannel;
  if (!channel) return { kind: 'done', delivered: 0 };
  const entries = await engine.audit(runId);
  let delivered = 0;

  while (state.next < entries.length) {
    if (!state.rootTs) {
      const rootTs = await postRoot(run, channel, deps);
      if (rootTs === undefined) return { kind: 'done', delivered };
      await store.advance(runId, state.next, state.op, { channel, rootTs });
      state = { ...state, channel, rootTs };
    }
    let plan: ReturnType<typeof planEntry>;
    try {
      plan = planEntry({
        run,
        entries: entries.slice(0, state.next + 1),
        index: state.next,
        twoPersonRule: deps.clusters[run.cluster.alias]?.twoPersonRule ?? true,
        progressIntervalMs: deps.progressIntervalMs,
      });
    } catch (error) {
      // why: one entry that cannot be rendered must not hold back every later message of the
      // thread; it stays in the audit log (and `/aurora audit` shows it).
      deps.logger.error(
        { err: error, runId, seq: state.next },
        'audit entry could not be rendered for Slack; skipped',
      );
      plan = { ops: [], rootDirty: false };
    }
    for (let i = state.op; i < plan.ops.length; i += 1) {
      const op = plan.ops[i];
      if (!op) continue;
      const changes = await execute(op, run, channel, state, deps);
      await store.advance(runId, state.next, i + 1, changes);
      state = await store.load(runId);
      delivered += 1;
    }
    await store.advance(runId, state.next + 1, 0, plan.rootDirty ? { rootDirty: true } : {});
    state = await store.load(runId);
    if (!(await store.renew(runId, token, LOCK_TTL_MS))) {
      logger.warn({ runId }, 'lost the Slack delivery lock; another worker continues');
      return { kind: 'done', delivered };
    }
  }
  if (state.rootDirty && state.rootTs) {
    const wait = state.rootUpdatedAt + deps.rootIntervalMs - deps.now();
    if (wait > 0) return { kind: 'retry', delayMs: wait, reason: 'root_throttle' };
    const latest = (await engine.getRun(runId)) ?? run;
    const message = rootMessage(latest, deps.now());
    const result = await call('chat.update', () =>
      deps.client.chat.update({
        channel,
        ts: state.rootTs ?? '',
        text: message.text,
        blocks: message.blocks,
      }),
    );
    if (!result.ok)
      logger.error({ runId, error: result.error }, 'could not update the root message');
    await store.rootUpdated(runId, deps.now());
  }
  return { kind: 'done', delivered };
}

async function postRoot(
  run: Run,
  channel: string,
  deps: DeliveryDeps,
): Promise<string | undefined> {
  const message = rootMessage(run, deps.now());
  const result = await call('chat.postMessage', () =>
    deps.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    }),
  );
  if (!result.ok || !result.value.ts) {
    deps.logger.error(
      { runId: run.id, channel, error: result.ok ? 'no ts' : result.error },
      'could not post the root message: this run will have no Slack thread',
    );
    return undefined;
  }
  return result.value.ts;
}

type Changes = Parameters<ThreadStore['advance']>[3];

/** Performs one op; a message Slack refuses is retried once as plain text, then skipped. */
async function execute(
  op: OutboxOp,
  run: Run,
  channel: string,
  state: ThreadState,
  deps: DeliveryDeps,
): Promise<Changes> {
  const tz = op.kind === 'update-gate' && op.tzUser ? await deps.userTz(op.tzUser) : undefined;
  const message = op.build(tz);
  if (op.kind === 'update-gate') {
    const ts = state.gates[op.gateId];
    if (!ts) return {};
    await send(
      'chat.update',
      message,
      (m) => deps.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks }),
      run,
      deps,
    );
    return { closeGate: op.gateId };
  }
  const posted = await send(
    'chat.postMessage',
    message,
    (m) =>
      deps.client.chat.postMessage({
        channel,
        thread_ts: state.rootTs ?? '',
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
        reply_broadcast: op.broadcast === true,
      }),
    run,
    deps,
  );
  const ts = (posted as { ts?: string } | undefined)?.ts;
  return op.rememberGate && ts ? { gate: { id: op.rememberGate, ts } } : {};
}

async function send<T>(
  method: string,
  message: SlackMessage,
  fn: (m: SlackMessage) => Promise<T>,
  run: Run,
  deps: DeliveryDeps,
): Promise<T | undefined> {
  const first = await call(method, () => fn(message));
  if (first.ok) return first.value;
  deps.logger.error(
    { runId: run.id, method, error: first.error },
    'Slack refused a message; retrying as plain text',
  );
  const plain: SlackMessage = {
    text: message.text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: message.text } } as boltTypes.KnownBlock,
    ],
  };
  const second = await call(method, () => fn(plain));
  if (second.ok) return second.value;
  deps.logger.error(
    { runId: run.id, method, error: second.error },
    'Slack refused the plain message too; skipped',
  );
  return undefined;
}
