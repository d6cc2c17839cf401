import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { AppError } from '../src/errors.js';
import { done, type Step, wait } from '../src/workflow/step.js';

/** Deterministic identifier of the reader a failover run adds (≤ 63 chars, no double hyphen). */
export function newReaderId(clusterId: string, targetClass: string, runId: string): string {
  const slug = targetClass.replace(/^db\./, '').replace(/\./g, '-');
  const suffix = runId.slice(-6);
  return `${clusterId.slice(0, 63 - slug.length - suffix.length - 2)}-${slug}-${suffix}`.replace(
    /-+/g,
    '-',
  );
}

/** Adds a reader of the target class with promotion tier 0, once, and waits until it is available. */
export const addReader: Step = {
  name: 'add-reader',
  title: 'Add a reader of the target class',
  async execute(ctx) {
    const clusterId = ctx.run.cluster.clusterIdentifier;
    const id = newReaderId(clusterId, ctx.run.targetClass, ctx.run.id);
    const instance = await ctx.rds.describeInstance(id);
    if (!instance) {
      await ctx.mutate(
        'CreateDBInstance',
        id,
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          DBClusterIdentifier: clusterId,
          DBInstanceClass: ctx.run.targetClass,
          Engine: 'aurora-mysql',
          PromotionTier: 0,
          Tags: [
            { Key: 'created-by', Value: 'aurora-bot' },
            { Key: 'aurora-bot-run', Value: ctx.run.id },
          ],
        }),
      );
      return wait(ctx.pollMs, `creating ${id}`, { newReaderId: id });
    }
    if (instance.DBInstanceStatus === 'available')
      return done({ newReaderId: id }, `${id} available`);
    if (
      ['failed', 'insufficient-capacity', 'incompatible-parameters'].includes(
        instance.DBInstanceStatus ?? '',
      )
    ) {
      return {
        kind: 'fail',
        error: new AppError(
          'reader_failed',
          `The new reader ${id} is ${instance.DBInstanceStatus}.`,
          {
            hint: 'Delete it, pick another class or try later.',
          },
        ),
      };
    }
    return wait(ctx.pollMs, `${id} ${instance.DBInstanceStatus}`, { newReaderId: id });
  },
};
