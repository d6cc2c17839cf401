/**
 * CreateBlueGreenDeployment, DescribeBlueGreenDeployments, SwitchoverBlueGreenDeployment,
 * DeleteBlueGreenDeployment, with the preconditions Aurora enforces (reference §3, §4).
 */
import { startDeploymentDelete } from '../flows/delete-deployment.js';
import { provisioningTasks, startProvisioning } from '../flows/provision-green.js';
import { startSwitchover } from '../flows/switchover.js';
import { switchoverPairs } from '../flows/switchover-pairs.js';
import { arn, parseArn } from '../model/arn.js';
import { deploymentSource } from '../model/event-sources.js';
import {
  deploymentOfCluster,
  findCluster,
  findParameterGroup,
  membersOf,
  requireDeployment,
  writerOf,
} from '../model/lookups.js';
import { AURORA_MYSQL_VERSIONS } from '../model/orderable-classes.js';
import { recordEvent } from '../model/record-event.js';
import type { SimCluster, SimDeployment, SimState } from '../model/sim-state.js';
import {
  clusterNotFound,
  invalidClusterState,
  invalidDeploymentState,
  invalidParameterCombination,
  invalidParameterValue,
  RdsFault,
} from '../rds-fault.js';
import type { SimContext } from '../runtime/sim-context.js';
import { applyFilters, readFilters } from '../wire/filters.js';
import { paginate } from '../wire/paginate.js';
import { deploymentResultXml, deploymentXml } from '../wire/render-deployment.js';
import { leaf, list } from '../wire/xml.js';
import type { ActionHandler } from './action-handler.js';
import { assertClusterAvailable, assertInstanceAvailable } from './guards.js';
import { tagsFromParams } from './tag-actions.js';

const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/;

function sourceCluster(state: SimState, source: string): SimCluster {
  const parsed = parseArn(source);
  if (parsed === undefined) throw invalidParameterValue(`Source must be an ARN: ${source}`);
  if (parsed.kind !== 'cluster') {
    throw new RdsFault(
      'SourceDatabaseNotSupportedFault',
      'The emulator supports Aurora DB cluster sources only.',
    );
  }
  const cluster = findCluster(state, source);
  if (cluster === undefined) throw clusterNotFound(parsed.name);
  return cluster;
}

/** A custom cluster parameter group with binlog on, and the writer in sync with it. */
function assertBinlogReady(state: SimState, cluster: SimCluster): void {
  const group = findParameterGroup(state, cluster.parameterGroup);
  const binlog = group?.parameters.binlog_format?.value ?? 'OFF';
  if (group === undefined || group.isDefault || binlog === 'OFF') {
    throw new RdsFault(
      'SourceClusterNotSupportedFault',
      `The source DB cluster ${cluster.identifier} isn't supported for a blue/green deployment: it needs a custom DB cluster parameter group with binlog_format enabled (currently ${cluster.parameterGroup}, binlog_format=${binlog}).`,
    );
  }
  const writer = writerOf(state, cluster);
  if (writer !== undefined && writer.parameterGroupStatus !== 'in-sync') {
    throw invalidClusterState(
      `The writer DB instance ${writer.identifier} of DB cluster ${cluster.identifier} isn't in sync with its DB cluster parameter group (${writer.parameterGroupStatus}). Reboot the writer instance, then try again.`,
    );
  }
}

function newDeployment(
  ctx: SimContext,
  name: string,
  cluster: SimCluster,
  group: string,
  version: string,
): SimDeployment {
  return {
    identifier: `bgd-${ctx.random.chars(16)}`,
    name,
    members: [
      {
        kind: 'cluster',
        sourceId: cluster.resourceId,
        targetId: undefined,
        sourceArn: arn(ctx.state, 'cluster', cluster.identifier),
        targetArn: undefined,
        status: 'PROVISIONING',
      },
      ...membersOf(ctx.state, cluster).map((i) => ({
        kind: 'instance' as const,
        sourceId: i.resourceId,
        targetId: undefined,
        sourceArn: arn(ctx.state, 'db', i.identifier),
        targetArn: undefined,
        status: 'PROVISIONING',
      })),
    ],
    tasks: provisioningTasks(version !== cluster.engineVersion),
    status: 'PROVISIONING',
    statusDetails: undefined,
    createTime: ctx.now().toISOString(),
    deleteTime: undefined,
    tags: [],
    targetParameterGroup: group,
    targetEngineVersion: version,
    staleAvailableArmed: false,
    failCreation: false,
  };
}

export const createBlueGreenDeployment: ActionHandler = (ctx, params) => {
  const name = params.required('BlueGreenDeploymentName');
  const source = params.required('Source');
  if (!NAME_PATTERN.test(name) || name.length > 60) {
    throw invalidParameterValue(`Invalid BlueGreenDeploymentName: ${name}`);
  }
  if (ctx.state.deployments.some((d) => d.name.toLowerCase() === name.toLowerCase())) {
    throw new RdsFault(
      'BlueGreenDeploymentAlreadyExistsFault',
      `A blue/green deployment with the name ${name} already exists.`,
    );
  }
  if (params.get('TargetDBInstanceClass') !== undefined) {
    throw invalidParameterCombination(
      "TargetDBInstanceClass doesn't apply to Aurora DB clusters. After the green environment is created, modify the instance classes of the green DB instances individually.",
    );
  }
  const cluster = sourceCluster(ctx.state, source);
  const groupName = params.get('TargetDBClusterParameterGroupName') ?? cluster.parameterGroup;
  const group = findParameterGroup(ctx.state, groupName);
  if (group === undefined) {
    throw new RdsFault(
      'DBClusterParameterGroupNotFound',
      `DBClusterParameterGroup not found: ${groupName}`,
    );
  }
  const version = params.get('TargetEngineVersion') ?? cluster.engineVersion;
  if (version !== cluster.engineVersion && !AURORA_MYSQL_VERSIONS.includes(version)) {
    throw invalidParameterValue(`Cannot find version ${version} for aurora-mysql`);
  }
  if (version < cluster.engineVersion) {
    throw invalidParameterCombination(
      'The green environment cannot run an older engine version than blue.',
    );
  }
  const existing = deploymentOfCluster(ctx.state, cluster);
  if (existing !== undefined) {
    throw invalidClusterState(
      `DB cluster ${cluster.identifier} is already part of blue/green deployment ${existing.identifier}.`,
    );
  }
  assertClusterAvailable(cluster);
  for (const i of membersOf(ctx.state, cluster)) assertInstanceAvailable(i);
  assertBinlogReady(ctx.state, cluster);
  const d = newDeployment(ctx, name, cluster, group.name, version);
  d.tags = tagsFromParams(params);
  d.failCreation = ctx.faults.takeBlueGreenCreate() === 'invalid-configuration';
  ctx.state.deployments.push(d);
  recordEvent(
    ctx.state,
    ctx.now(),
    'blueGreenCreateStarted',
    deploymentSource(ctx.state, d),
    'Blue/green deployment creation started.',
  );
  const response = deploymentResultXml(ctx.state, d);
  startProvisioning(ctx, d, cluster);
  return response;
};

export const describeBlueGreenDeployments: ActionHandler = (ctx, params) => {
  const id = params.get('BlueGreenDeploymentIdentifier');
  const filters = readFilters(params, [
    'blue-green-deployment-identifier',
    'blue-green-deployment-name',
    'source',
    'target',
  ]);
  const all = id === undefined ? ctx.state.deployments : [requireDeployment(ctx.state, id)];
  const matching = applyFilters(all, filters, (d, filter) => {
    const cluster = d.members.find((m) => m.kind === 'cluster');
    if (filter === 'blue-green-deployment-identifier') return [d.identifier];
    if (filter === 'blue-green-deployment-name') return [d.name];
    if (filter === 'source') return cluster ? [cluster.sourceArn] : [];
    return cluster?.targetArn ? [cluster.targetArn] : [];
  });
  const page = paginate(matching, params);
  return (
    list('BlueGreenDeployments', 'member', page.items, (d) => deploymentXml(ctx.state, d)) +
    leaf('Marker', page.marker)
  );
};

export const switchoverBlueGreenDeployment: ActionHandler = (ctx, params) => {
  const d = requireDeployment(ctx.state, params.required('BlueGreenDeploymentIdentifier'));
  const timeout = params.int('SwitchoverTimeout') ?? 300;
  if (timeout < 30) throw invalidParameterValue('SwitchoverTimeout must be at least 30 seconds.');
  if (d.status !== 'AVAILABLE' && d.status !== 'SWITCHOVER_FAILED') {
    throw invalidDeploymentState(
      `Blue/green deployment ${d.identifier} is in ${d.status} state; a switchover needs AVAILABLE.`,
    );
  }
  const pairs = switchoverPairs(ctx.state, d);
  const writer = pairs.find((p) => p.kind === 'instance' && p.green.isWriter)?.green;
  if (d.staleAvailableArmed) {
    // why: RDS's eventual consistency, seen in the wild (terraform-provider-aws#36241).
    d.staleAvailableArmed = false;
    throw invalidDeploymentState(
      `DB instance ${writer?.identifier ?? d.name} is not in available state`,
    );
  }
  for (const p of pairs) {
    for (const r of [p.blue, p.green]) {
      if (r.status !== 'available') {
        throw invalidDeploymentState(
          `${p.kind === 'cluster' ? 'DB cluster' : 'DB instance'} ${r.identifier} is not in available state`,
        );
      }
    }
  }
  startSwitchover(ctx, d, timeout);
  return deploymentResultXml(ctx.state, d);
};

export const deleteBlueGreenDeployment: ActionHandler = (ctx, params) => {
  const d = requireDeployment(ctx.state, params.required('BlueGreenDeploymentIdentifier'));
  const deleteTarget = params.bool('DeleteTarget') ?? false;
  if (d.status === 'SWITCHOVER_IN_PROGRESS' || d.status === 'DELETING') {
    throw invalidDeploymentState(
      `Blue/green deployment ${d.identifier} is in ${d.status} state and can't be deleted now.`,
    );
  }
  if (deleteTarget && d.status === 'SWITCHOVER_COMPLETED') {
    throw invalidDeploymentState(
      "You can't specify DeleteTarget when the blue/green deployment status is SWITCHOVER_COMPLETED.",
    );
  }
  if (deleteTarget) {
    for (const p of switchoverPairs(ctx.state, d)) {
      if (p.kind === 'cluster' && p.green.deletionProtection) {
        throw invalidParameterCombination(
          `Green DB cluster ${p.green.identifier} has deletion protection enabled.`,
        );
      }
    }
  }
  startDeploymentDelete(ctx, d, deleteTarget);
  return deploymentResultXml(ctx.state, d);
};
