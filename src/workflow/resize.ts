/**
 * Shared by every step that resizes instances: resize the given instances to the target class
 * one at a time, each ModifyDBInstance made once (an instance already `modifying`, or already at
 * the target class, is never modified again), and report done when all are available at target.
 */
import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { done, type StepContext, type StepResult, wait } from './step.js';

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
