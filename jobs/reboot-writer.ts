import { RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { makeEvidence } from '../src/workflow/evidence.js';
import { done, type Step, str, wait, writerOf } from '../src/workflow/step.js';

/**
 * Reboots the writer so the static binlog_format takes effect. Disruptive: approval-gated and
 * probed. Looks first: a writer already `rebooting` is waited for, one `in-sync` is done.
 */
export const rebootWriter: Step = {
  name: 'reboot-writer',
  title: 'Reboot the writer to apply binlog',
  probed: true,
  gate: {
    title: 'Reboot the writer',
    expectedOutage: 'a few seconds to a minute while the writer restarts',
    action: (ctx) =>
      `Reboot writer ${ctx.run.context.writerId} of ${ctx.run.cluster.clusterIdentifier} so binlog_format takes effect.`,
    async evidence(ctx) {
      const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
      const writer = writerOf(cluster);
      const member = cluster?.DBClusterMembers?.find((m) => m.IsClusterWriter);
      const instance = writer ? await ctx.rds.describeInstance(writer) : undefined;
      return makeEvidence([
        `cluster ${cluster?.DBClusterIdentifier} ${cluster?.Status}, parameter group ${cluster?.DBClusterParameterGroup}`,
        `writer ${writer} ${instance?.DBInstanceClass} ${instance?.DBInstanceStatus}, parameter group ${member?.DBClusterParameterGroupStatus}`,
      ]);
    },
  },
  async skipIf(ctx) {
    const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
    const status = cluster?.DBClusterMembers?.find(
      (m) => m.IsClusterWriter,
    )?.DBClusterParameterGroupStatus;
    return status === 'in-sync'
      ? 'the writer is already in sync with its parameter group'
      : undefined;
  },
  async execute(ctx) {
    const writer =
      str(ctx.run.context.writerId) ??
      writerOf(await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier));
    // why: read the instance before the cluster. A reboot ends by setting the instance available
    // and then the member in-sync; reading in the other order can catch the member still
    // pending-reboot and the instance already available, which would look like "not rebooted yet".
    const instance = writer ? await ctx.rds.describeInstance(writer) : undefined;
    const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
    const pgStatus = cluster?.DBClusterMembers?.find(
      (m) => m.DBInstanceIdentifier === writer,
    )?.DBClusterParameterGroupStatus;
    const status = instance?.DBInstanceStatus;
    if (status === 'available' && pgStatus === 'in-sync')
      return done(undefined, `${writer} in sync`);
    if (status !== 'available' || pgStatus !== 'pending-reboot' || !writer) {
      return wait(ctx.pollMs, `${writer} ${status}, parameter group ${pgStatus}`);
    }
    if (ctx.run.context.rebootRequested === true) {
      // One reboot per run: a second one would be a second outage nobody approved.
      return wait(ctx.pollMs, `waiting for ${writer} to report in-sync after its reboot`);
    }
    await ctx.mutate(
      'RebootDBInstance',
      writer,
      new RebootDBInstanceCommand({ DBInstanceIdentifier: writer }),
    );
    return wait(ctx.pollMs, `rebooting ${writer}`, { rebootRequested: true });
  },
};
