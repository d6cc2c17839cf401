import { DeleteBlueGreenDeploymentCommand, DeleteDBInstanceCommand } from '@aws-sdk/client-rds';
import { makeEvidence } from '../src/workflow/evidence.js';
import { done, nameFromArn, type Step, type StepContext, str, wait } from '../src/workflow/step.js';
import { newReaderId } from './add-reader.js';
import { deploymentName } from './create-green.js';

async function leftovers(ctx: StepContext): Promise<string[]> {
  if (ctx.run.strategy === 'bluegreen') {
    const d = await ctx.rds.findDeploymentByName(deploymentName(ctx.run.id));
    return d && d.Status !== 'DELETING'
      ? [
          `blue/green deployment ${d.BlueGreenDeploymentIdentifier} (${d.Status}) and its green cluster`,
        ]
      : [];
  }
  if (ctx.run.strategy === 'failover') {
    const id = newReaderId(ctx.run.cluster.clusterIdentifier, ctx.run.targetClass, ctx.run.id);
    const reader = await ctx.rds.describeInstance(id);
    return reader && reader.DBInstanceStatus !== 'deleting'
      ? [`reader ${id} (${reader.DBInstanceStatus})`]
      : [];
  }
  return [];
}

/** After a cancel: delete what the run created (green, or the added reader), after approval. */
export const cancelCleanup: Step = {
  name: 'cancel-cleanup',
  title: 'Delete what the cancelled run created',
  gate: {
    title: 'Delete what the cancelled run created',
    expectedOutage: 'none (production is not touched)',
    action: () => 'Delete the resources this cancelled run created. Reject to keep them.',
    async evidence(ctx) {
      return makeEvidence(await leftovers(ctx));
    },
  },
  async skipIf(ctx) {
    return (await leftovers(ctx)).length === 0 ? 'the run created nothing' : undefined;
  },
  async execute(ctx) {
    if (ctx.run.strategy === 'bluegreen') {
      const d = await ctx.rds.findDeploymentByName(deploymentName(ctx.run.id));
      const greenId = nameFromArn(d?.Target) ?? str(ctx.run.context.greenClusterId);
      if (!d) {
        // why: DeleteTarget removes green after the deployment itself; "deleted" means both gone.
        const green = greenId ? await ctx.rds.describeCluster(greenId) : undefined;
        return green ? wait(ctx.pollMs, `deleting ${greenId}`) : done(undefined, 'green deleted');
      }
      if (d.Status === 'DELETING')
        return wait(
          ctx.pollMs,
          'deleting green',
          greenId ? { greenClusterId: greenId } : undefined,
        );
      await ctx.mutate(
        'DeleteBlueGreenDeployment',
        d.BlueGreenDeploymentIdentifier ?? '',
        new DeleteBlueGreenDeploymentCommand({
          BlueGreenDeploymentIdentifier: d.BlueGreenDeploymentIdentifier,
          DeleteTarget: true,
        }),
      );
      return wait(ctx.pollMs, 'deleting green', greenId ? { greenClusterId: greenId } : undefined);
    }
    const id =
      str(ctx.run.context.newReaderId) ??
      newReaderId(ctx.run.cluster.clusterIdentifier, ctx.run.targetClass, ctx.run.id);
    const reader = await ctx.rds.describeInstance(id);
    if (!reader) return done(undefined, `${id} deleted`);
    if (reader.DBInstanceStatus === 'deleting') return wait(ctx.pollMs, `deleting ${id}`);
    await ctx.mutate(
      'DeleteDBInstance',
      id,
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }),
    );
    return wait(ctx.pollMs, `deleting ${id}`);
  },
};
