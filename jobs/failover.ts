import { FailoverDBClusterCommand } from '@aws-sdk/client-rds';
import { makeEvidence } from '../src/workflow/evidence.js';
import { done, type Step, str, wait, writerOf } from '../src/workflow/step.js';

/** Fails production over to the new, larger reader. Disruptive: approval-gated and probed. */
export const failover: Step = {
  name: 'failover',
  title: 'Fail over to the new reader',
  probed: true,
  gate: {
    title: 'Fail over to the new reader',
    expectedOutage: 'about 10–15 s (AWS: typically less than 35 s)',
    action: (ctx) =>
      `Fail ${ctx.run.cluster.clusterIdentifier} over to ${ctx.run.context.newReaderId} (${ctx.run.targetClass}); the old writer becomes a reader.`,
    async evidence(ctx) {
      const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
      const reader = await ctx.rds.describeInstance(str(ctx.run.context.newReaderId) ?? '');
      return makeEvidence([
        `cluster ${cluster?.DBClusterIdentifier} ${cluster?.Status}, writer ${writerOf(cluster)}`,
        `new reader ${reader?.DBInstanceIdentifier} ${reader?.DBInstanceClass} ${reader?.DBInstanceStatus}`,
      ]);
    },
  },
  async execute(ctx) {
    const id = ctx.run.cluster.clusterIdentifier;
    const target = str(ctx.run.context.newReaderId) ?? '';
    const cluster = await ctx.rds.describeCluster(id);
    if (cluster?.Status === 'failing-over') return wait(Math.min(ctx.pollMs, 1000), 'failing over');
    if (writerOf(cluster) === target) {
      return cluster?.Status === 'available'
        ? done(undefined, `${target} is the writer`)
        : wait(ctx.pollMs, `${id} ${cluster?.Status}`);
    }
    if (cluster?.Status !== 'available') return wait(ctx.pollMs, `${id} ${cluster?.Status}`);
    await ctx.mutate(
      'FailoverDBCluster',
      id,
      new FailoverDBClusterCommand({ DBClusterIdentifier: id, TargetDBInstanceIdentifier: target }),
    );
    return wait(Math.min(ctx.pollMs, 1000), `failing over to ${target}`);
  },
};
