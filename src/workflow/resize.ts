/**
 * Shared by every step that resizes instances: resize the given instances to the target class
 * one at a time, each ModifyDBInstance made once (an instance already `modifying`, or already at
 * the target class, is never modified again), and report done when all are available at target.
 */
import { type DBCluster, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { AppError } from '../errors.js';
import { done, type StepContext, type StepResult, str, wait } from './step.js';

export async function resizeInstances(
  ctx: StepContext,
  ids: readonly string[],
  label: string,
): Promise<StepResult> {
  const target = ctx.run.targetClass;
  const instances = await Promise.all(ids.map((id) => ctx.rds.describeInstance(id)));
  const busy = instances.find((i) => i && i.DBInstanceStatus !== 'available');
  if (busy) return wait(ctx.pollMs, `${busy.DBInstanceIdentifier} ${busy.DBInstanceStatus}`);
  const next = instances.find(
    (i) => i && i.DBInstanceClass !== target && i.PendingModifiedValues?.DBInstanceClass !== target,
  );
  if (next?.DBInstanceIdentifier) {
    await ctx.mutate(
      'ModifyDBInstance',
      next.DBInstanceIdentifier,
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: next.DBInstanceIdentifier,
        DBInstanceClass: target,
        ApplyImmediately: true,
      }),
    );
    return wait(ctx.pollMs, `resizing ${next.DBInstanceIdentifier} to ${target}`);
  }
  const pending = instances.find((i) => i && i.DBInstanceClass !== target);
  if (pending) return wait(ctx.pollMs, `${pending.DBInstanceIdentifier} pending ${target}`);
  return done(undefined, `${label}: ${ids.length} at ${target}`);
}

/**
 * Resizes members of the run's green cluster chosen by `pick`, or fails clearly when green has
 * gone (someone deleted it by hand).
 */
export async function resizeGreen(
  ctx: StepContext,
  pick: (green: DBCluster) => string[],
  label: string,
): Promise<StepResult> {
  const greenId = str(ctx.run.context.greenClusterId);
  const green = greenId ? await ctx.rds.describeCluster(greenId) : undefined;
  if (!green) {
    return {
      kind: 'fail',
      error: new AppError('green_missing', `Green cluster ${greenId} is gone.`, {
        hint: 'Someone deleted green; production is unchanged. Start a new run.',
      }),
    };
  }
  return resizeInstances(ctx, pick(green), label);
}
