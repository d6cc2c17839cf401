/** DescribeDBClusters, ModifyDBCluster, DeleteDBCluster, FailoverDBCluster. */
import {
  startClusterDelete,
  startFailover,
  startParameterGroupChange,
} from '../flows/cluster-flows.js';
import { arn } from '../model/arn.js';
import {
  deploymentOfCluster,
  findParameterGroup,
  membersOf,
  requireCluster,
  requireInstance,
  writerOf,
} from '../model/lookups.js';
import { familyOf } from '../model/orderable-classes.js';
import { recordEvent } from '../model/record-event.js';
import type { SimCluster, SimInstance, SimState } from '../model/sim-state.js';
import {
  invalidClusterState,
  invalidParameterCombination,
  invalidParameterValue,
  RdsFault,
} from '../rds-fault.js';
import { applyFilters, readFilters } from '../wire/filters.js';
import { paginate } from '../wire/paginate.js';
import { clusterResultXml, clusterXml } from '../wire/render-cluster.js';
import { leaf, list } from '../wire/xml.js';
import type { ActionHandler } from './action-handler.js';
import { assertClusterAvailable, assertInstanceAvailable } from './guards.js';

export const describeDBClusters: ActionHandler = (ctx, params) => {
  const id = params.get('DBClusterIdentifier');
  const filters = readFilters(params, [
    'clone-group-id',
    'db-cluster-id',
    'db-cluster-resource-id',
    'domain',
    'engine',
  ]);
  // why: RDS lists clusters by identifier, not by creation.
  const all =
    id === undefined
      ? [...ctx.state.clusters].sort((a, b) => a.identifier.localeCompare(b.identifier))
      : [requireCluster(ctx.state, id)];
  const matching = applyFilters(all, filters, (c, name) => {
    if (name === 'db-cluster-id') return [c.identifier, arn(ctx.state, 'cluster', c.identifier)];
    if (name === 'db-cluster-resource-id') return [c.resourceId];
    if (name === 'engine') return ['aurora-mysql'];
    return [];
  });
  const page = paginate(matching, params);
  return (
    list('DBClusters', 'DBCluster', page.items, (c) => clusterXml(ctx.state, c)) +
    leaf('Marker', page.marker)
  );
};

export const modifyDBCluster: ActionHandler = (ctx, params) => {
  const cluster = requireCluster(ctx.state, params.required('DBClusterIdentifier'));
  const groupName = params.get('DBClusterParameterGroupName');
  const deletionProtection = params.bool('DeletionProtection');
  const retention = params.int('BackupRetentionPeriod');
  if (params.get('NewDBClusterIdentifier') !== undefined) {
    throw invalidParameterCombination(
      'The emulator does not rename clusters with ModifyDBCluster.',
    );
  }
  if (cluster.status === 'renaming' || cluster.status === 'deleting') {
    throw invalidClusterState(
      `DB cluster ${cluster.identifier} is ${cluster.status} and cannot be modified.`,
    );
  }
  const group = groupName === undefined ? undefined : findParameterGroup(ctx.state, groupName);
  if (groupName !== undefined) {
    if (group === undefined) {
      throw new RdsFault(
        'DBClusterParameterGroupNotFound',
        `DBClusterParameterGroup not found: ${groupName}`,
      );
    }
    if (group.family !== familyOf(cluster.engineVersion)) {
      throw invalidParameterCombination(
        `The parameter group ${group.name} with DBParameterGroupFamily ${group.family} can't be used for this instance. Use a parameter group with DBParameterGroupFamily ${familyOf(cluster.engineVersion)}.`,
      );
    }
    if (group.name !== cluster.parameterGroup) assertClusterAvailable(cluster);
  }
  if (retention !== undefined && (retention < 1 || retention > 35)) {
    throw invalidParameterValue('BackupRetentionPeriod must be between 1 and 35.');
  }
  if (deletionProtection !== undefined) cluster.deletionProtection = deletionProtection;
  if (retention !== undefined) cluster.backupRetentionPeriod = retention;
  if (group !== undefined && group.name !== cluster.parameterGroup) {
    cluster.parameterGroup = group.name;
    startParameterGroupChange(ctx, cluster);
  }
  recordEvent(
    ctx.state,
    ctx.now(),
    'clusterModified',
    {
      sourceType: 'db-cluster',
      sourceIdentifier: cluster.identifier,
      sourceArn: arn(ctx.state, 'cluster', cluster.identifier),
    },
    'DB cluster modified',
  );
  return clusterResultXml(ctx.state, cluster);
};

export const deleteDBCluster: ActionHandler = (ctx, params) => {
  const cluster = requireCluster(ctx.state, params.required('DBClusterIdentifier'));
  const skip = params.bool('SkipFinalSnapshot') ?? false;
  const snapshotId = params.get('FinalDBSnapshotIdentifier')?.toLowerCase();
  if (cluster.deletionProtection) {
    throw invalidParameterCombination(
      'Cannot delete protected Cluster, please disable deletion protection and try again.',
    );
  }
  if (deploymentOfCluster(ctx.state, cluster) !== undefined) {
    throw invalidClusterState(
      `DB cluster ${cluster.identifier} is part of a blue/green deployment. Delete the deployment first.`,
    );
  }
  if (membersOf(ctx.state, cluster).some((i) => i.status !== 'deleting')) {
    throw invalidClusterState(
      'Cluster cannot be deleted, it still contains DB instances in non-deleting state.',
    );
  }
  assertClusterAvailable(cluster);
  if (!skip && snapshotId === undefined) {
    throw invalidParameterCombination(
      'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.',
    );
  }
  if (skip && snapshotId !== undefined) {
    throw invalidParameterCombination(
      'FinalDBSnapshotIdentifier can not be specified when deleting a cluster with SkipFinalSnapshot set to true.',
    );
  }
  if (snapshotId !== undefined) {
    if (ctx.state.snapshots.some((s) => s.identifier === snapshotId)) {
      throw new RdsFault(
        'DBClusterSnapshotAlreadyExistsFault',
        `Cannot create the cluster snapshot because one with the identifier ${snapshotId} already exists.`,
      );
    }
    ctx.state.snapshots.push({
      identifier: snapshotId,
      clusterIdentifier: cluster.identifier,
      engineVersion: cluster.engineVersion,
      createTime: ctx.now().toISOString(),
      status: 'available',
    });
    recordEvent(
      ctx.state,
      ctx.now(),
      'snapshotCreated',
      {
        sourceType: 'db-cluster-snapshot',
        sourceIdentifier: snapshotId,
        sourceArn: arn(ctx.state, 'cluster-snapshot', snapshotId),
      },
      'Manual cluster snapshot created',
    );
  }
  startClusterDelete(ctx, cluster);
  return clusterResultXml(ctx.state, cluster);
};

/** The reader to promote: the one asked for, or the available reader with the best tier. */
function failoverTarget(
  state: SimState,
  cluster: SimCluster,
  targetId: string | undefined,
): SimInstance {
  if (targetId === undefined) {
    const best = membersOf(state, cluster)
      .filter((i) => !i.isWriter && i.status === 'available')
      .sort((a, b) => a.promotionTier - b.promotionTier)[0];
    if (best === undefined) {
      throw invalidClusterState(
        `DB cluster ${cluster.identifier} has no available reader to fail over to.`,
      );
    }
    return best;
  }
  const target = requireInstance(state, targetId);
  if (target.clusterResourceId !== cluster.resourceId) {
    throw invalidParameterValue(
      `DB instance ${target.identifier} is not a member of DB cluster ${cluster.identifier}.`,
    );
  }
  if (target.isWriter) {
    throw invalidParameterCombination(`DB instance ${target.identifier} is already the writer.`);
  }
  assertInstanceAvailable(target);
  return target;
}

export const failoverDBCluster: ActionHandler = (ctx, params) => {
  const cluster = requireCluster(ctx.state, params.required('DBClusterIdentifier'));
  assertClusterAvailable(cluster);
  const writer = writerOf(ctx.state, cluster);
  if (writer === undefined) {
    throw invalidClusterState(`DB cluster ${cluster.identifier} has no writer.`);
  }
  const target = failoverTarget(ctx.state, cluster, params.get('TargetDBInstanceIdentifier'));
  startFailover(ctx, cluster, writer, target);
  return clusterResultXml(ctx.state, cluster);
};
