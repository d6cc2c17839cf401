import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { SimMessage } from '../../src/sim/slack/index.js';
import { startBot } from '../../src/slack/bot.js';
import type { EngineEvent } from '../../src/workflow/types.js';
import { aProbeReport } from './helpers/fixtures.js';
import { type FrontHarness, startFront } from './helpers/front-harness.js';

let h: FrontHarness;

beforeAll(async () => {
  h = await startFront();
});
afterAll(async () => {
  await h?.close();
});

async function newRun(cluster = 'prod-db'): Promise<{ runId: string; root: SimMessage }> {
  for (const run of await h.bot.engine.listRuns({ live: true, cluster })) {
    await h.redis.set(`${h.prefix}:run:${run.id}`, JSON.stringify({ ...run, status: 'cancelled' }));
    await h.redis.del(`${h.prefix}:lock:${run.cluster.region}/${run.cluster.clusterIdentifier}`);
  }
  const answer = await h.sim.sendCommand({
    user: 'U0ALICE',
    text: `scaleup ${cluster} r6g.2xlarge`,
    channel: 'C0OPS',
  });
  const runId = /Run `(r-[a-z0-9-]+)`/.exec(JSON.stringify(answer.body))?.[1];
  if (!runId) throw new Error(`not queued: ${JSON.stringify(answer.body)}`);
  const isRoot = (m: SimMessage) =>
    !m.ephemeral && JSON.stringify(m.blocks).includes(`\`${runId}\``) && m.threadTs === undefined;
  const root = (await h.waitForMessages((m) => m.some(isRoot))).find(isRoot);
  if (!root) throw new Error('no root');
  return { runId, root };
}

function thread(rootTs: string): SimMessage[] {
  return h.sim.messages('C0OPS').find((m) => m.ts === rootTs)?.replies ?? [];
}

async function waitForReplies(
  rootTs: string,
  predicate: (replies: SimMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<SimMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const replies = thread(rootTs);
    if (predicate(replies)) return replies;
    if (Date.now() > deadline)
      throw new Error(`thread: ${JSON.stringify(replies.map((r) => r.text))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ticks = (replies: SimMessage[]) =>
  replies.flatMap((r) => /tick (\d\d)/.exec(r.text)?.[1] ?? []);

async function retries(reason: string): Promise<number> {
  const metric = await h.bot.metrics.slackRetries.get();
  return metric.values.filter((v) => v.labels.reason === reason).reduce((n, v) => n + v.value, 0);
}

describe('Slack outbox delivery', () => {
  it('when Slack answers 429 with Retry-After and 500s, then every message still arrives once, in order', async () => {
    const { runId, root } = await newRun();
    h.sim.setFaults({ rateLimitEvery: 4, retryAfterSeconds: 1, serverErrorEvery: 5 });
    try {
      const events: EngineEvent[] = [
        { type: 'step.started', step: 'create-green', title: 'Create the green environment' },
      ];
      for (let i = 1; i <= 12; i += 1) {
        events.push({
          type: 'step.progress',
          step: 'create-green',
          message: `tick ${String(i).padStart(2, '0')}`,
        });
        events.push({
          type: 'aws.call',
          step: 'create-green',
          action: 'ModifyDBInstance',
          target: `i-${i}`,
          requestId: `req-${i}`,
        });
      }
      events.push({
        type: 'step.finished',
        step: 'create-green',
        title: 'Create the green environment',
        durationMs: 60_000,
      });
      events.push({ type: 'probe.report', step: 'switchover', report: aProbeReport() });
      events.push({ type: 'run.finished', status: 'succeeded', summary: 'all done' });
      for (const event of events) await h.bot.engine.recordEvent(runId, event);

      const replies = await waitForReplies(
        root.ts,
        (r) => r.some((x) => x.text.includes('succeeded')),
        60_000,
      );
      expect(ticks(replies)).toEqual(
        Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')),
      );
      const kinds = replies.map((r) =>
        r.text.includes('started')
          ? 'started'
          : r.text.includes('tick')
            ? 'tick'
            : r.text.includes('finished in')
              ? 'finished'
              : r.text.includes('Measured writer outage')
                ? 'probe'
                : r.text.includes('succeeded')
                  ? 'summary'
                  : r.text,
      );
      expect(kinds).toEqual(['started', ...Array(12).fill('tick'), 'finished', 'probe', 'summary']);
      expect(JSON.stringify(replies[13]?.blocks)).toContain('req-12');
      expect(replies.at(-1)?.replyBroadcast).toBe(true);
    } finally {
      h.sim.setFaults({});
    }
    const statuses = h.sim.calls().map((c) => c.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(500);
    expect(await retries('rate_limited')).toBeGreaterThan(0);
    expect(await retries('server_error')).toBeGreaterThan(0);
    const rootUpdates = h.sim
      .calls()
      .filter((c) => c.method === 'chat.update' && c.args.ts === root.ts && c.ok);
    expect(rootUpdates.length).toBeGreaterThan(0);
  });

  it('when the outbox worker stops, its jobs are lost and another process starts, then pending messages are delivered without a second root', async () => {
    const { runId, root } = await newRun();
    await h.bot.outbox?.close();
    for (let i = 1; i <= 5; i += 1) {
      await h.bot.engine.recordEvent(runId, {
        type: 'step.progress',
        step: 'create-green',
        message: `tick ${String(i).padStart(2, '0')}`,
      });
    }
    expect(ticks(thread(root.ts))).toEqual([]);
    // why: lose the queued deliveries too (as if notify had failed): the startup sweep must find them.
    const queue = new Queue('slack-outbox', { connection: h.redis, prefix: h.prefix });
    await queue.drain(true);
    expect(await queue.getWaitingCount()).toBe(0);
    await queue.close();
    const second = await startBot({
      config: h.config,
      logger: createLogger({ level: 'silent' }),
      role: 'worker',
      port: 0,
      prefix: h.prefix,
      engineWorker: false,
      progressIntervalMs: 0,
    });
    try {
      const replies = await waitForReplies(root.ts, (r) => ticks(r).length === 5);
      expect(ticks(replies)).toEqual(['01', '02', '03', '04', '05']);
      const roots = h.sim
        .messages('C0OPS')
        .filter((m) => JSON.stringify(m.blocks).includes(`\`${runId}\``) && !m.ephemeral);
      expect(roots).toHaveLength(1);
      const health = await fetch(`http://127.0.0.1:${second.port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('health and metrics on the Slack port', () => {
  it('when probed, then /healthz is up, /metrics is Prometheus text, and /readyz names the queue nobody consumes', async () => {
    const base = `http://127.0.0.1:${h.bot.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('aurora_bot_slack_retries_total');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as {
      checks: Record<string, { ok: boolean; detail?: string }>;
    };
    expect(body.checks.redis?.ok).toBe(true);
    expect(body.checks['queue:runs']).toEqual({
      ok: false,
      detail: 'no worker is consuming this queue',
    });
  });

  it('when every worker runs, then /readyz answers 200', async () => {
    const full = await startFront({ bot: { engineWorker: { concurrency: 1 } } });
    try {
      const ready = await fetch(`http://127.0.0.1:${full.bot.port}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { checks: Record<string, { ok: boolean }> };
      expect(Object.keys(body.checks).sort()).toEqual([
        'queue:runs',
        'queue:slack-outbox',
        'redis',
        'worker:runs',
        'worker:slack-outbox',
      ]);
    } finally {
      await full.close();
    }
  });
});
