import {
  CreateDBClusterParameterGroupCommand,
  ModifyDBClusterCommand,
  ModifyDBClusterParameterGroupCommand,
} from '@aws-sdk/client-rds';
import { done, type Step, wait } from '../src/workflow/step.js';

/** Pure: the custom group a cluster should use for blue/green. */
export function targetParameterGroup(current: string, clusterId: string): string {
  return current.startsWith('default.') ? `${clusterId}-binlog` : current;
}

/**
 * Makes sure the cluster uses a custom cluster parameter group with binlog on. One mutation per
 * activation: create the group, set binlog_format, attach it; then wait until the writer shows
 * `pending-reboot` or `in-sync`. No downtime.
 */
export const parameterGroup: Step = {
  name: 'parameter-group',
  title: 'Cluster parameter group with binlog',
  async skipIf(ctx) {
    const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
    const name = cluster?.DBClusterParameterGroup ?? '';
    if (name.startsWith('default.')) return undefined;
    const binlog = await ctx.rds.clusterParameter(name, 'binlog_format');
    const value = binlog?.ParameterValue;
    return value && value !== 'OFF' ? `${name} already has binlog_format=${value}` : undefined;
  },
  async execute(ctx) {
    const id = ctx.run.cluster.clusterIdentifier;
    const cluster = await ctx.rds.describeCluster(id);
    const current = cluster?.DBClusterParameterGroup ?? '';
    const target = targetParameterGroup(current, id);
    const desired = ctx.run.options.binlogFormat;

    const group = await ctx.rds.clusterParameterGroup(target);
    if (!group) {
      const family =
        (await ctx.rds.clusterParameterGroup(current))?.DBParameterGroupFamily ?? 'aurora-mysql8.0';
      await ctx.mutate(
        'CreateDBClusterParameterGroup',
        target,
        new CreateDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: target,
          DBParameterGroupFamily: family,
          Description: `binlog for blue/green (aurora-bot run ${ctx.run.id})`,
          Tags: [{ Key: 'created-by', Value: 'aurora-bot' }],
        }),
      );
      return wait(0, `created ${target}`, { parameterGroup: target });
    }
    const binlog = await ctx.rds.clusterParameter(target, 'binlog_format');
    if (!binlog?.ParameterValue || binlog.ParameterValue === 'OFF') {
      await ctx.mutate(
        'ModifyDBClusterParameterGroup',
        target,
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: target,
          // why: binlog_format is static; `pending-reboot` is the only valid apply method.
          Parameters: [
            {
              ParameterName: 'binlog_format',
              ParameterValue: desired,
              ApplyMethod: 'pending-reboot',
            },
          ],
        }),
      );
      return wait(0, `binlog_format=${desired} on ${target}`, { parameterGroup: target });
    }
    if (current !== target) {
      await ctx.mutate(
        'ModifyDBCluster',
        id,
        new ModifyDBClusterCommand({
          DBClusterIdentifier: id,
          DBClusterParameterGroupName: target,
          ApplyImmediately: true,
        }),
      );
      return wait(ctx.pollMs, `attached ${target} to ${id}`, { parameterGroup: target });
    }
    const writerStatus = cluster?.DBClusterMembers?.find(
      (m) => m.IsClusterWriter,
    )?.DBClusterParameterGroupStatus;
    if (cluster?.Status !== 'available' || writerStatus === 'applying') {
      return wait(
        ctx.pollMs,
        `waiting for ${target} to apply (${cluster?.Status}, ${writerStatus})`,
      );
    }
    return done({ parameterGroup: target }, `${target}: writer ${writerStatus}`);
  },
};
