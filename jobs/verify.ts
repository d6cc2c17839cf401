import { ModifyDBClusterCommand } from '@aws-sdk/client-rds';
import { AppError } from '../src/errors.js';
import { done, type Step, wait } from '../src/workflow/step.js';

/** Checks production now runs the target class, and re-asserts deletion protection as it was. */
export const verify: Step = {
  name: 'verify',
  title: 'Verify production',
  async execute(ctx) {
    const id = ctx.run.cluster.clusterIdentifier;
    const cluster = await ctx.rds.describeCluster(id);
    if (cluster?.Status !== 'available') return wait(ctx.pollMs, `${id} ${cluster?.Status}`);
    const instances = await ctx.rds.describeInstances(id);
    const wrong = instances.filter((i) => i.DBInstanceClass !== ctx.run.targetClass);
    if (wrong.length > 0) {
      return {
        kind: 'fail',
        error: new AppError(
          'verify_failed',
          `${id} still has ${wrong.map((i) => `${i.DBInstanceIdentifier} (${i.DBInstanceClass})`).join(', ')}.`,
          { hint: 'Resize those instances by hand or run the bot again for this cluster.' },
        ),
      };
    }
    if (ctx.run.context.deletionProtection === true && cluster.DeletionProtection !== true) {
      // why: deletion protection has come back off after blue/green switchovers (terraform#29887).
      await ctx.mutate(
        'ModifyDBCluster',
        id,
        new ModifyDBClusterCommand({
          DBClusterIdentifier: id,
          DeletionProtection: true,
          ApplyImmediately: true,
        }),
      );
      return wait(ctx.pollMs, 'deletion protection re-asserted');
    }
    return done(undefined, `${instances.length} instance(s) at ${ctx.run.targetClass}`);
  },
};
