import { mayHaveBeenCarriedOut } from '../aws/aws-errors.js';
import { AppError } from '../errors.js';
import type { EngineEnv } from './engine-env.js';
import type { StepContext } from './step.js';
import { type Run, type StepName, UNCONFIRMED_REQUEST_ID } from './types.js';

type PendingCall = NonNullable<Run['pendingCall']>;

const callFields = ({ step, action, target }: PendingCall) => ({ step, action, target });
/** One audit entry per call, whether its answer or its loss is recorded (or both are tried). */
const callKey = (call: PendingCall) => `aws-call:${call.at}:${call.action}:${call.target}`;

/**
 * Records the run's pending call as unconfirmed: it was sent, and whether AWS carried it out is
 * unknown (the step looks at AWS before it acts again). Nothing to do without a pending call.
 */
export async function recordUnconfirmedCall(env: EngineEnv, run: Run): Promise<void> {
  const call = run.pendingCall;
  if (!call) return;
  await env.emit(
    run,
    { type: 'aws.call', ...callFields(call), requestId: UNCONFIRMED_REQUEST_ID },
    callKey(call),
  );
  delete run.pendingCall;
  await env.runs.save(run);
}

/** Builds what a step sees. `mutate` records the call on the run and in the audit log at once. */
export function stepContext(env: EngineEnv, run: Run, stepName: StepName): StepContext {
  const cluster = env.config.clusters[run.cluster.alias];
  if (!cluster) {
    throw new AppError(
      'cluster_unconfigured',
      `Cluster ${run.cluster.alias} is no longer in the configuration.`,
      {
        hint: 'Put it back in aurora-bot.yaml (same alias, identifier and region) and resume or start a new run.',
      },
    );
  }
  const rds = env.rdsFor(run.cluster.region);
  return {
    run,
    cluster,
    defaults: env.config.defaults,
    rds,
    pollMs: env.timing.pollMs,
    now: env.now,
    log: env.logger.child({ runId: run.id, step: stepName }),
    async mutate<T>(action: string, target: string, command: Parameters<typeof rds.mutate>[1]) {
      const call = { step: stepName, action, target, at: new Date(env.now()).toISOString() };
      // why: a worker that dies after AWS accepts the call but before its answer is saved would
      // leave the call out of the audit log; the next activation finds this and records it.
      run.pendingCall = call;
      await env.runs.save(run);
      let answer: Awaited<ReturnType<typeof rds.mutate<T>>>;
      try {
        answer = await rds.mutate<T>(action, command);
      } catch (error) {
        if (mayHaveBeenCarriedOut(error)) await recordUnconfirmedCall(env, run);
        else {
          delete run.pendingCall;
          await env.runs.save(run);
        }
        throw error;
      }
      const { requestId } = answer;
      await env.emit(run, { type: 'aws.call', ...callFields(call), requestId }, callKey(call));
      run.mutations.push({ ...call, requestId });
      run.updatedAt = new Date(env.now()).toISOString();
      delete run.pendingCall;
      await env.runs.save(run);
      return answer.output;
    },
    async progress(message) {
      await env.emit(
        run,
        { type: 'step.progress', step: stepName, message },
        `progress:${run.cursor}:${message}`,
      );
    },
  };
}
