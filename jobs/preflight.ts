import { AppError } from '../src/errors.js';
import { buildPlan, type Observation } from '../src/workflow/plan.js';
import { readersOf, type Step, writerOf } from '../src/workflow/step.js';

/** Read-only: observes the cluster, validates the target class and produces the plan. */
export const preflight: Step = {
  name: 'preflight',
  title: 'Preflight checks',
  async execute(ctx) {
    const { run, rds } = ctx;
    const id = run.cluster.clusterIdentifier;
    const cluster = await rds.describeCluster(id);
    if (!cluster) {
      return {
        kind: 'fail',
        error: new AppError(
          'cluster_not_found',
          `Cluster ${id} does not exist in ${run.cluster.region}.`,
          {
            hint: `Check clusters.${run.cluster.alias}.clusterIdentifier and region in the configuration.`,
          },
        ),
      };
    }
    if (cluster.Status !== 'available') {
      return {
        kind: 'fail',
        error: new AppError('cluster_busy', `Cluster ${id} is ${cluster.Status}, not available.`, {
          hint: 'Wait until it is available and start again.',
        }),
      };
    }
    const writerId = writerOf(cluster);
    const instances = await rds.describeInstances(id);
    const writer = instances.find((i) => i.DBInstanceIdentifier === writerId);
    if (!writerId || !writer) {
      return {
        kind: 'fail',
        error: new AppError('no_writer', `Cluster ${id} has no writer instance.`),
      };
    }
    const engineVersion = cluster.EngineVersion ?? '';
    if (!(await rds.isOrderable(engineVersion, run.targetClass))) {
      return {
        kind: 'fail',
        error: new AppError(
          'class_not_orderable',
          `${run.targetClass} is not available for aurora-mysql ${engineVersion} in ${run.cluster.region}.`,
          {
            hint: 'Pick a class that DescribeOrderableDBInstanceOptions lists for this engine version (e.g. db.r6g.2xlarge).',
          },
        ),
      };
    }
    const pgName = cluster.DBClusterParameterGroup ?? '';
    const isDefault = pgName.startsWith('default.');
    const binlog = await rds.clusterParameter(pgName, 'binlog_format');
    const readerIds = readersOf(cluster);
    const observation: Observation = {
      cluster: run.cluster,
      engineVersion,
      writer: {
        id: writerId,
        class: writer.DBInstanceClass ?? '',
        status: writer.DBInstanceStatus ?? '',
        parameterGroupStatus:
          cluster.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBClusterParameterGroupStatus ??
          'unknown',
      },
      readers: readerIds.map((rid) => {
        const i = instances.find((x) => x.DBInstanceIdentifier === rid);
        return { id: rid, class: i?.DBInstanceClass ?? '', status: i?.DBInstanceStatus ?? '' };
      }),
      parameterGroup: { name: pgName, isDefault, binlogFormat: binlog?.ParameterValue ?? 'OFF' },
      deletionProtection: cluster.DeletionProtection ?? false,
    };
    const plan = buildPlan(observation, run.strategy, run.targetClass, run.options);
    return {
      kind: 'done',
      plan,
      context: {
        writerId,
        readerIds,
        engineVersion,
        deletionProtection: observation.deletionProtection,
        originalParameterGroup: pgName,
        clusterArn: cluster.DBClusterArn,
      },
    };
  },
};
