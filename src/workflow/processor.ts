/**
 * Drives one run: the BullMQ processor of the `runs` queue. Each activation loads the run,
 * works through steps until it must wait, and parks the job (delayed) while AWS or a person is
 * slow, so a worker slot is held only while there is work. Every transition is saved before the
 * job moves on, and every step is idempotent, so an activation killed at any point is simply
 * repeated by the next one.
 */
import { DelayedError, type Job } from 'bullmq';
import { STEPS } from '../../jobs/index.js';
import { AwsError, TransientAwsError } from '../aws/aws-errors.js';
import { formatDuration } from '../duration.js';
import { AppError } from '../errors.js';
import type { EngineEnv } from './engine-env.js';
import { approvedKey, runGate } from './gate-runner.js';
import { STEP_INFO } from './plan.js';
import { runProbed } from './probed-runner.js';
import { clusterKeyOf, StaleRunError } from './run-store.js';
import type { StepResult } from './step.js';
import { recordUnconfirmedCall, stepContext } from './step-context.js';
import { type ErrorInfo, isLive, type Run, type StepName } from './types.js';

export interface RunJobData {
  runId: string;
}

const MAX_TRANSIENT_RETRIES = 200;

function errorInfo(error: unknown, step?: Run['steps'][number]['name']): ErrorInfo {
  if (error instanceof AwsError) {
    return {
      code: error.code,
      awsCode: error.awsCode,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(step ? { step } : {}),
    };
  }
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(step ? { step } : {}),
    };
  }
  return {
    code: 'internal_error',
    message: error instanceof Error ? error.message : String(error),
    hint: 'This is a bug or an infrastructure problem; the worker log has details. Fix the cause and start a new run.',
    ...(step ? { step } : {}),
  };
}

export function summaryOf(run: Run, status: string): string {
  const base =
    status === 'succeeded'
      ? run.options.dryRun
        ? `Dry run of ${run.cluster.alias}: plan ready, nothing changed.`
        : `${run.cluster.alias} now runs ${run.targetClass} (${run.strategy}).`
      : `${run.cluster.alias}: run ${status}.`;
  const reports = Object.entries(run.probeReports).filter(([, r]) => r !== undefined);
  if (reports.length === 0) return base;
  const outages = reports
    .map(
      ([step, r]) =>
        `${STEP_INFO[step as StepName].title.toLowerCase()} ${formatDuration(r?.writer.totalOutageMs ?? 0)}`,
    )
    .join(', ');
  const lost = reports.reduce((sum, [, r]) => sum + (r?.writes.lost ?? 0), 0);
  return `${base} Measured writer outage: ${outages}; ${lost} acknowledged write(s) lost.`;
}

export async function finishRun(
  env: EngineEnv,
  run: Run,
  status: 'succeeded' | 'rejected' | 'cancelled',
  summary?: string,
): Promise<void> {
  const text = summary ?? summaryOf(run, status);
  await env.emit(run, { type: 'run.finished', status, summary: text }, 'run-finished');
  run.status = status;
  run.finishedAt = new Date(env.now()).toISOString();
  run.updatedAt = run.finishedAt;
  delete run.gate;
  await env.runs.save(run);
  if (!run.options.dryRun) await env.runs.unlock(clusterKeyOf(run), run.id);
  env.metrics.runs.inc({ strategy: run.strategy, outcome: status });
}

export async function failRun(env: EngineEnv, run: Run, error: unknown): Promise<void> {
  // why: a job that ran out of attempts can leave a call marked as sent; it stays on record.
  await recordUnconfirmedCall(env, run);
  const state = run.steps[run.cursor];
  const info = errorInfo(error, state?.name);
  await env.emit(run, { type: 'run.failed', error: info }, 'run-failed');
  if (state) {
    state.status = 'failed';
    state.endedAt = new Date(env.now()).toISOString();
  }
  run.status = 'failed';
  run.error = info;
  run.finishedAt = new Date(env.now()).toISOString();
  run.updatedAt = run.finishedAt;
  delete run.gate;
  await env.runs.save(run);
  if (!run.options.dryRun) await env.runs.unlock(clusterKeyOf(run), run.id);
  env.metrics.runs.inc({ strategy: run.strategy, outcome: 'failed' });
}

/** Replaces the rest of the run by the cleanup of what it created (itself approval-gated). */
async function beginCancel(env: EngineEnv, run: Run): Promise<void> {
  run.context.cancelling = true;
  const done = run.steps
    .slice(0, run.cursor + 1)
    .map((s) =>
      s.status === 'running' || s.status === 'pending'
        ? { ...s, status: 'skipped' as const, note: 'cancelled' }
        : s,
    );
  run.steps = [
    ...done,
    { name: 'cancel-cleanup', title: STEP_INFO['cancel-cleanup'].title, status: 'pending' },
  ];
  run.cursor = done.length;
  delete run.gate;
  await env.runs.save(run);
}

async function park(
  env: EngineEnv,
  run: Run,
  job: Job,
  token: string | undefined,
  untilMs: number,
): Promise<never> {
  run.updatedAt = new Date(env.now()).toISOString();
  await env.runs.save(run);
  await job.moveToDelayed(Math.max(untilMs, env.now() + 1), token);
  throw new DelayedError();
}

export function createRunProcessor(env: EngineEnv) {
  return async function processRun(job: Job<RunJobData>, token?: string): Promise<string> {
    try {
      return await driveRun(env, job, token);
    } catch (error) {
      // why: another activation saved the run since this one loaded it (BullMQ lost a lock, e.g.
      // while Redis restarted). Nothing of this copy is kept; the next activation reloads.
      if (error instanceof StaleRunError) {
        env.logger.warn({ runId: job.data.runId, err: error }, 'run saved elsewhere; reloading');
        await job.moveToDelayed(env.now() + env.timing.pollMs, token);
        throw new DelayedError();
      }
      throw error;
    }
  };
}

async function driveRun(env: EngineEnv, job: Job<RunJobData>, token?: string): Promise<string> {
  const loaded = await env.runs.get(job.data.runId);
  if (!loaded || !isLive(loaded.status) || loaded.status === 'expired' || loaded.jobId !== job.id)
    return 'nothing to do';
  const run = loaded;
  await recordUnconfirmedCall(env, run);
  for (;;) {
    if (!run.context.cancelling && (await env.decisions.cancelRequest(run.id))) {
      await beginCancel(env, run);
    }
    const state = run.steps[run.cursor];
    if (!state) {
      await finishRun(env, run, run.context.cancelling ? 'cancelled' : 'succeeded');
      return run.status;
    }
    const step = STEPS[state.name];
    let result: StepResult;
    try {
      // why: inside the try, so a run whose cluster left the configuration fails with a hint.
      const ctx = stepContext(env, run, state.name);
      if (state.status === 'pending') {
        const skip = step.skipIf ? await step.skipIf(ctx) : undefined;
        if (skip) {
          await env.emit(
            run,
            {
              type: 'step.finished',
              step: state.name,
              title: state.title,
              durationMs: 0,
              skipped: skip,
            },
            `finished:${run.cursor}`,
          );
          Object.assign(state, {
            status: 'skipped',
            note: skip,
            endedAt: new Date(env.now()).toISOString(),
          });
          run.cursor += 1;
          await env.runs.save(run);
          continue;
        }
        Object.assign(state, { status: 'running', startedAt: new Date(env.now()).toISOString() });
        run.status = 'running';
        await env.runs.save(run);
      }
      await env.emit(
        run,
        { type: 'step.started', step: state.name, title: state.title },
        `started:${run.cursor}`,
      );

      if (step.gate && run.context[approvedKey(state.name)] !== true) {
        const gate = await runGate(env, run, step, ctx);
        if (gate.kind === 'park') return await park(env, run, job, token, gate.untilMs);
        if (gate.kind === 'expired') {
          run.status = 'expired';
          await env.runs.save(run);
          return 'expired';
        }
        if (gate.kind === 'rejected') {
          if (state.name === 'cancel-cleanup') {
            Object.assign(state, { status: 'skipped', note: 'kept: cleanup rejected' });
            run.cursor += 1;
            await env.runs.save(run);
            continue;
          }
          // why: the step never ran; a finished run must not show it as running.
          Object.assign(state, {
            status: 'skipped',
            note: 'rejected',
            endedAt: new Date(env.now()).toISOString(),
          });
          await finishRun(
            env,
            run,
            'rejected',
            `${run.cluster.alias}: ${state.title.toLowerCase()} was rejected; the run stopped before it.`,
          );
          return 'rejected';
        }
        continue;
      }

      result = step.probed ? await runProbed(env, run, step, ctx) : await step.execute(ctx);
      run.context.transientRetries = 0;
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      if (error instanceof TransientAwsError) {
        const retries = Number(run.context.transientRetries ?? 0) + 1;
        if (retries <= MAX_TRANSIENT_RETRIES) {
          run.context.transientRetries = retries;
          state.note = `AWS busy (${error.code.replace('aws_transient_', '')}); retry ${retries}`;
          return await park(
            env,
            run,
            job,
            token,
            env.now() +
              Math.min(1000 * 2 ** Math.min(retries, 5), 30_000) * (0.5 + Math.random() * 0.5),
          );
        }
      }
      if (error instanceof AppError) {
        await failRun(env, run, error);
        return 'failed';
      }
      throw error;
    }

    if (result.kind !== 'fail' && result.context) Object.assign(run.context, result.context);
    if (result.kind === 'fail') {
      await failRun(env, run, result.error);
      return 'failed';
    }
    if (result.kind === 'wait') {
      if (result.note) state.note = result.note;
      if ((result.afterMs ?? env.timing.pollMs) === 0) {
        await env.runs.save(run);
        continue;
      }
      run.status = 'waiting';
      return await park(env, run, job, token, env.now() + (result.afterMs ?? env.timing.pollMs));
    }
    const startedAt = Date.parse(state.startedAt ?? new Date(env.now()).toISOString());
    const durationMs = env.now() - startedAt;
    await env.emit(
      run,
      { type: 'step.finished', step: state.name, title: state.title, durationMs },
      `finished:${run.cursor}`,
    );
    if (result.plan) {
      run.plan = result.plan;
      await env.emit(run, { type: 'plan.ready', plan: result.plan }, 'plan');
    }
    Object.assign(state, {
      status: 'done',
      endedAt: new Date(env.now()).toISOString(),
      ...(result.note ? { note: result.note } : {}),
    });
    env.metrics.stepDuration.observe({ step: state.name }, durationMs / 1000);
    if (state.name === 'preflight' && run.plan) {
      // why: the plan decides which later steps run; steps it skips are shown as skipped now.
      for (const planned of run.plan.steps) {
        const later = run.steps.find((s) => s.name === planned.name && s.status === 'pending');
        if (later && planned.skip === undefined) later.note = planned.detail;
      }
    }
    run.cursor += 1;
    run.status = 'running';
    await env.runs.save(run);
  }
}
