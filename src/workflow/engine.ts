/**
 * The workflow engine's public face: create, inspect, decide, cancel and resume runs, read
 * their audit logs, and start workers. The Slack front and the CLI are two callers of this API;
 * neither touches Redis keys or BullMQ jobs directly.
 */
import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { STEPS } from '../../jobs/index.js';
import { KNOWN_CLASS_EXAMPLES, normalizeInstanceClass } from '../aws/instance-classes.js';
import { createRdsBudget } from '../aws/rds-budget.js';
import { createRdsGateway, type RdsGateway } from '../aws/rds-gateway.js';
import { type Config, STRATEGIES, type Strategy } from '../config.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { type Probe, type ProbeOptions, startProbe as realStartProbe } from '../probe/index.js';
import { createRedis } from '../redis.js';
import type { ChainVerdict } from './audit-chain.js';
import { createAuditLog } from './audit-log.js';
import { createDecisionStore } from './decisions.js';
import type { EngineEnv, EngineTiming } from './engine-env.js';
import { STEP_INFO, stepsFor } from './plan.js';
import { createRunProcessor, failRun, type RunJobData } from './processor.js';
import { newRunId } from './run-ids.js';
import { clusterKeyOf, createRunStore } from './run-store.js';
import {
  type Actor,
  type AuditEntry,
  type DecisionKind,
  type DecisionPolicy,
  type EngineEvent,
  isLive,
  type Notifier,
  type Run,
  type RunOptions,
} from './types.js';

export const RUNS_QUEUE = 'runs';

export interface CreateRunRequest {
  clusterAlias: string;
  targetClass: string;
  strategy?: Strategy;
  requester: Actor;
  slack?: { channel: string };
  dryRun?: boolean;
  /** `--yes`: every gate of this run is approved in advance by the requester. */
  preApproved?: boolean;
  options?: Partial<RunOptions>;
}

export type DecideResult =
  | { ok: true }
  | {
      ok: false;
      code: 'unknown_run' | 'stale_gate' | 'already_decided' | 'not_allowed' | 'run_finished';
      reason: string;
    };

export interface EngineDeps {
  config: Config;
  redis: Redis;
  redisUrl: string;
  prefix?: string;
  logger: Logger;
  metrics: Metrics;
  notifier?: Notifier;
  now?: () => number;
  timing?: Partial<EngineTiming>;
  rdsFor?: (region: string) => RdsGateway;
  startProbe?: (options: ProbeOptions) => Probe;
}

export interface WorkerOptions {
  concurrency?: number;
  /** How often the worker re-enqueues live runs that lost their job (ms; default 5 min). */
  sweepEveryMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface Engine {
  createRun(req: CreateRunRequest): Promise<Run>;
  getRun(id: string): Promise<Run | undefined>;
  listRuns(filter?: { live?: boolean; cluster?: string; limit?: number }): Promise<Run[]>;
  liveRunForCluster(alias: string): Promise<Run | undefined>;
  decide(
    args: { runId: string; gateId: string; nonce: string; actor: Actor; decision: DecisionKind },
    policy: DecisionPolicy,
  ): Promise<DecideResult>;
  cancel(
    runId: string,
    actor: Actor,
  ): Promise<{ ok: true; message: string } | { ok: false; code: string; reason: string }>;
  resume(
    runId: string,
    actor: Actor,
  ): Promise<{ ok: true; message: string } | { ok: false; code: string; reason: string }>;
  audit(runId: string): Promise<AuditEntry[]>;
  verifyAudit(runId: string): Promise<ChainVerdict>;
  recordEvent(runId: string, event: EngineEvent): Promise<void>;
  startWorker(options?: WorkerOptions): Worker<RunJobData>;
  /** Re-enqueues live runs without a job (the worker also does this periodically). */
  sweepOrphans(): Promise<number>;
  readonly queue: Queue<RunJobData>;
  close(): Promise<void>;
}

const JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export function createEngine(deps: EngineDeps): Engine {
  const prefix = deps.prefix ?? deps.config.env.AURORA_BOT_QUEUE_PREFIX;
  const now = deps.now ?? Date.now;
  const queue = new Queue<RunJobData>(RUNS_QUEUE, { connection: deps.redis, prefix });
  // why: without a listener BullMQ prints every Redis hiccup to the console as a raw stack.
  queue.on('error', (error) => deps.logger.warn({ err: error }, 'queue connection error'));
  const runs = createRunStore(deps.redis, prefix);
  const audit = createAuditLog(deps.redis, prefix, now);
  const decisions = createDecisionStore(deps.redis, prefix);
  const notifier = deps.notifier ?? { notify: async () => {} };
  const gateways = new Map<string, RdsGateway>();
  const workers: Worker<RunJobData>[] = [];
  const workerConnections: Redis[] = [];

  const env: EngineEnv = {
    config: deps.config,
    redis: deps.redis,
    prefix,
    queue,
    runs,
    audit,
    decisions,
    notifier,
    logger: deps.logger,
    metrics: deps.metrics,
    now,
    timing: {
      pollMs: deps.config.defaults.pollInterval,
      baselineTimeoutMs: 10_000,
      settleMs: 10_000,
      settleTimeoutMs: 5 * 60_000,
      approvalSliceMs: 60_000,
      probedStepTimeoutMs: 3 * 3_600_000,
      ...deps.timing,
    },
    rdsFor(region) {
      if (deps.rdsFor) return deps.rdsFor(region);
      let gateway = gateways.get(region);
      if (!gateway) {
        const budget = createRdsBudget({
          redis: deps.redis,
          prefix,
          region,
          requestsPerSecond: deps.config.defaults.rdsRequestsPerSecond,
        });
        gateway = createRdsGateway({ region, budget, metrics: deps.metrics });
        gateways.set(region, gateway);
      }
      return gateway;
    },
    startProbe: deps.startProbe ?? realStartProbe,
    async emit(run, event, dedupeKey) {
      const entry = await audit.append(run.id, event, dedupeKey);
      if (!entry) return;
      try {
        await notifier.notify(run, entry);
      } catch (error) {
        deps.logger.error(
          { err: error, runId: run.id },
          'notifier failed; the entry stays in the audit log',
        );
      }
    },
  };

  deps.metrics.setPendingApprovalsSource(
    async () =>
      (await runs.list(1000, (r) => r.status === 'awaiting_approval', { kind: 'live' })).length,
  );

  /**
   * Re-enqueues live runs that have no job: a process that died inside createRun (after the run
   * was stored, before its job was added) would otherwise leave the run, and its cluster lock,
   * stuck. Adding is idempotent (same job id), so the sweep is safe to run anywhere, any time.
   */
  async function sweepOrphans(): Promise<number> {
    const live = await runs.list(10_000, (r) => isLive(r.status) && r.status !== 'expired', {
      kind: 'live',
    });
    let added = 0;
    for (const run of live) {
      if (await Job.fromId(queue, run.jobId)) continue;
      await queue.add('run', { runId: run.id }, { ...JOB_OPTIONS, jobId: run.jobId });
      added += 1;
    }
    if (added > 0) deps.logger.warn({ added }, 're-enqueued live runs that had no job');
    return added;
  }

  const promote = async (run: Run) => {
    const job = await Job.fromId(queue, run.jobId);
    try {
      await job?.promote();
    } catch {
      // why: the job is active (it will see the change on its next check) or already done.
    }
  };

  const engine: Engine = {
    queue,
    async createRun(req) {
      const cluster = deps.config.clusters[req.clusterAlias.toLowerCase()];
      if (!cluster) {
        const known = Object.keys(deps.config.clusters).join(', ') || '(none configured)';
        throw new UserError(
          'unknown_cluster',
          `Unknown cluster "${req.clusterAlias}". Known clusters: ${known}.`,
        );
      }
      const targetClass = normalizeInstanceClass(req.targetClass);
      if (!targetClass) {
        throw new UserError(
          'invalid_class',
          `"${req.targetClass}" is not an Aurora MySQL instance class (e.g. ${KNOWN_CLASS_EXAMPLES}).`,
        );
      }
      const strategy = req.strategy ?? cluster.strategy ?? deps.config.defaults.strategy;
      if (!STRATEGIES.includes(strategy)) {
        throw new UserError(
          'invalid_strategy',
          `Unknown strategy "${strategy}". Use one of: ${STRATEGIES.join(', ')}.`,
        );
      }
      const dryRun = req.dryRun ?? false;
      const id = newRunId(now());
      const at = new Date(now()).toISOString();
      const options: RunOptions = {
        oldWriter: 'resize',
        resizeReaders: false,
        binlogFormat: deps.config.defaults.binlogFormat,
        switchoverTimeoutS: deps.config.defaults.switchoverTimeout,
        finalSnapshot: deps.config.defaults.finalSnapshot,
        dryRun,
        ...req.options,
      };
      const names = dryRun ? (['preflight'] as const) : stepsFor(strategy, options);
      const run: Run = {
        id,
        cluster: {
          alias: cluster.alias,
          clusterIdentifier: cluster.clusterIdentifier,
          region: cluster.region,
          environment: cluster.environment,
        },
        targetClass,
        strategy,
        options,
        requester: req.requester,
        ...(req.slack ? { slack: { channel: req.slack.channel } } : {}),
        status: 'queued',
        steps: names.map((name) => ({ name, title: STEP_INFO[name].title, status: 'pending' })),
        cursor: 0,
        context: {},
        ...(req.preApproved ? { preApproval: req.requester } : {}),
        probeReports: {},
        mutations: [],
        jobId: id,
        createdAt: at,
        updatedAt: at,
      };
      if (!dryRun) {
        const lock = await runs.lock(clusterKeyOf(run), id);
        if (!lock.ok) {
          throw new UserError(
            'cluster_busy',
            `${cluster.alias} already has a live run: ${lock.owner.id} (${lock.owner.status}). Wait for it, or cancel it with \`cancel ${lock.owner.id}\`.`,
          );
        }
      }
      try {
        await runs.save(run);
        await env.emit(
          run,
          { type: 'run.created', requester: req.requester, strategy, targetClass, dryRun },
          'created',
        );
        await queue.add('run', { runId: id }, { ...JOB_OPTIONS, jobId: id });
      } catch (error) {
        if (!dryRun) await runs.unlock(clusterKeyOf(run), id);
        throw error;
      }
      return run;
    },
    getRun: (id) => runs.get(id),
    listRuns(filter = {}) {
      return runs.list(
        filter.limit ?? 100,
        (r) =>
          (filter.live === undefined || isLive(r.status) === filter.live) &&
          (!filter.cluster || r.cluster.alias === filter.cluster),
        filter.live === true
          ? { kind: 'live' }
          : filter.cluster
            ? { kind: 'cluster', alias: filter.cluster }
            : { kind: 'all' },
      );
    },
    async liveRunForCluster(alias) {
      const cluster = deps.config.clusters[alias];
      if (!cluster) return undefined;
      const owner = await runs.lockOwner(`${cluster.region}/${cluster.clusterIdentifier}`);
      const run = owner ? await runs.get(owner) : undefined;
      return run && isLive(run.status) ? run : undefined;
    },
    async decide(args, policy) {
      const run = await runs.get(args.runId);
      if (!run) return { ok: false, code: 'unknown_run', reason: `There is no run ${args.runId}.` };
      const refuse = async (
        code: Exclude<DecideResult, { ok: true }>['code'],
        reason: string,
      ): Promise<DecideResult> => {
        await env.emit(run, {
          type: 'gate.refused',
          gateId: args.gateId,
          step: run.gate?.step ?? run.steps[run.cursor]?.name ?? 'preflight',
          actor: args.actor,
          code,
          reason,
        });
        return { ok: false, code, reason };
      };
      if (!isLive(run.status))
        return refuse('run_finished', `Run ${run.id} is already ${run.status}.`);
      const gate = run.gate;
      if (run.status === 'expired')
        return refuse('stale_gate', 'This approval expired; resume or cancel the run.');
      if (!gate || gate.id !== args.gateId || gate.nonce !== args.nonce) {
        return refuse(
          'stale_gate',
          'This prompt is no longer current: the run has moved on, or the gate was re-opened with a new prompt.',
        );
      }
      if (now() > Date.parse(gate.deadline)) return refuse('stale_gate', 'This approval expired.');
      // why: the cleanup gate of a cancelled run is the one prompt that must stay decidable.
      if (gate.step !== 'cancel-cleanup' && (await decisions.cancelRequest(run.id)))
        return refuse('stale_gate', 'The run is being cancelled.');
      const verdict = await policy(run, gate, args.actor);
      if (!verdict.allowed) return refuse('not_allowed', verdict.reason);
      // why: the worker stores a gate before it announces it, so a decision made through the API
      // in between (or while Redis delays the worker) would precede the opening in the audit log.
      await env.emit(run, { type: 'gate.opened', gate }, `gate-opened:${gate.id}`);
      const stored = await decisions.record(run.id, {
        gateId: gate.id,
        decision: args.decision,
        actor: args.actor,
        at: new Date(now()).toISOString(),
      });
      if (!stored.ok) {
        const who =
          stored.existing.actor.via === 'slack'
            ? `<@${stored.existing.actor.id}>`
            : stored.existing.actor.id;
        return refuse(
          'already_decided',
          `Already ${stored.existing.decision === 'approve' ? 'approved' : 'rejected'} by ${who}.`,
        );
      }
      await env.emit(
        run,
        {
          type: 'gate.decided',
          gateId: gate.id,
          step: gate.step,
          decision: args.decision,
          actor: args.actor,
        },
        `decided:${gate.id}`,
      );
      await promote(run);
      return { ok: true };
    },
    async cancel(runId, actor) {
      const run = await runs.get(runId);
      if (!run) return { ok: false, code: 'unknown_run', reason: `There is no run ${runId}.` };
      if (!isLive(run.status))
        return {
          ok: false,
          code: 'run_finished',
          reason: `Run ${runId} is already ${run.status}.`,
        };
      if (run.context.switchedOver === true) {
        return {
          ok: false,
          code: 'past_switchover',
          reason:
            'Production already runs on green: the switchover cannot be undone by cancelling. The remaining steps only clean up.',
        };
      }
      const current = run.steps[run.cursor];
      const step = current ? STEPS[current.name] : undefined;
      if (
        step?.probed &&
        current?.status === 'running' &&
        run.context[`approved:${current.name}`] === true
      ) {
        return {
          ok: false,
          code: 'disruptive_in_progress',
          reason: `${current.title} is in progress and cannot be interrupted; cancel after it finishes.`,
        };
      }
      if (run.context.cancelling === true || !(await decisions.requestCancel(run.id, actor))) {
        return {
          ok: false,
          code: 'already_cancelling',
          reason: `Run ${runId} is already being cancelled.`,
        };
      }
      await env.emit(run, { type: 'cancel.requested', actor }, 'cancel-requested');
      if (run.status === 'expired') await requeue(run);
      else await promote(run);
      return {
        ok: true,
        message: `Cancelling ${runId}; anything it created will be offered for deletion (approval needed).`,
      };
    },
    async resume(runId, actor) {
      const run = await runs.get(runId);
      if (!run) return { ok: false, code: 'unknown_run', reason: `There is no run ${runId}.` };
      if (run.status !== 'expired')
        return {
          ok: false,
          code: 'not_expired',
          reason: `Run ${runId} is ${run.status}; only expired runs can be resumed.`,
        };
      deps.logger.info({ runId, actor: actor.id }, 'resuming expired run');
      await requeue(run);
      return { ok: true, message: `Resumed ${runId}; a fresh approval prompt follows.` };
    },
    sweepOrphans,
    audit: (runId) => audit.list(runId),
    verifyAudit: (runId) => audit.verify(runId),
    async recordEvent(runId, event) {
      const run = await runs.get(runId);
      if (run) await env.emit(run, event);
    },
    startWorker(options = {}) {
      const connection = createRedis(deps.redisUrl, 'worker');
      workerConnections.push(connection);
      const worker = new Worker<RunJobData>(RUNS_QUEUE, createRunProcessor(env), {
        connection,
        prefix,
        concurrency: options.concurrency ?? 50,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        // why: a run survives any number of worker crashes; each resumes at its last saved step.
        maxStalledCount: 1_000,
      });
      worker.on('error', (error) => deps.logger.error({ err: error }, 'worker error'));
      worker.on('failed', (job, error) => {
        if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
        void (async () => {
          const run = await runs.get(job.data.runId);
          if (run && isLive(run.status)) await failRun(env, run, error);
        })().catch((e: unknown) => deps.logger.error({ err: e }, 'could not mark run failed'));
      });
      workers.push(worker);
      const sweep = () =>
        void sweepOrphans().catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'orphan sweep failed'),
        );
      sweep();
      const timer = setInterval(sweep, options.sweepEveryMs ?? 5 * 60_000);
      timer.unref();
      worker.on('closing', () => clearInterval(timer));
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
      for (const c of workerConnections) c.disconnect();
    },
  };

  async function requeue(run: Run): Promise<void> {
    const generation = Number(run.context.generation ?? 0) + 1;
    run.context.generation = generation;
    run.jobId = `${run.id}-g${generation}`;
    run.status = 'running';
    delete run.gate;
    await runs.save(run);
    await queue.add('run', { runId: run.id }, { ...JOB_OPTIONS, jobId: run.jobId });
  }

  return engine;
}
