import { AppError } from '../errors.js';
import type { EngineEnv } from './engine-env.js';
import type { StepContext } from './step.js';
import type { Run, StepName } from './types.js';

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
      const { output, requestId } = await rds.mutate<T>(action, command);
      const at = new Date(env.now()).toISOString();
      run.mutations.push({ step: stepName, action, target, requestId, at });
      run.updatedAt = at;
      await env.runs.save(run);
      await env.emit(run, { type: 'aws.call', step: stepName, action, target, requestId });
      return output;
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
