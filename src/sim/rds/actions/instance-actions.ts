/** DescribeDBInstances, CreateDBInstance, ModifyDBInstance, RebootDBInstance, DeleteDBInstance. */
import {
  startClassChange,
  startCreate,
  startDelete,
  startReboot,
} from '../flows/instance-flows.js';
import { arn, identifierFrom } from '../model/arn.js';
import { clusterById, clusterOf, requireCluster, requireInstance } from '../model/lookups.js';
import { invalidParameterCombination, invalidParameterValue, RdsFault } from '../rds-fault.js';
import { createInstance } from '../runtime/create-resources.js';
import { applyFilters, readFilters } from '../wire/filters.js';
import { paginate } from '../wire/paginate.js';
import { instanceResultXml, instanceXml } from '../wire/render-instance.js';
import { leaf, list } from '../wire/xml.js';
import { IDENTIFIER_PATTERN } from '../world/world-schema.js';
import type { ActionHandler } from './action-handler.js';
import { assertClassUsable, assertClusterOperable, assertInstanceAvailable } from './guards.js';
import { tagsFromParams } from './tag-actions.js';

/** Aurora allows 40 DB instances per account and region by default. */
const INSTANCE_QUOTA = 40;

export const describeDBInstances: ActionHandler = (ctx, params) => {
  const id = params.get('DBInstanceIdentifier');
  const filters = readFilters(params, [
    'db-cluster-id',
    'db-instance-id',
    'dbi-resource-id',
    'engine',
  ]);
  const all =
    id === undefined
      ? [...ctx.state.instances].sort((a, b) => a.identifier.localeCompare(b.identifier))
      : [requireInstance(ctx.state, id)];
  const matching = applyFilters(all, filters, (i, name) => {
    const cluster = clusterById(ctx.state, i.clusterResourceId);
    if (name === 'db-cluster-id') {
      return cluster ? [cluster.identifier, arn(ctx.state, 'cluster', cluster.identifier)] : [];
    }
    if (name === 'db-instance-id') return [i.identifier, arn(ctx.state, 'db', i.identifier)];
    if (name === 'dbi-resource-id') return [i.resourceId];
    return ['aurora-mysql'];
  });
  const page = paginate(matching, params);
  return (
    list('DBInstances', 'DBInstance', page.items, (i) => instanceXml(ctx.state, i)) +
    leaf('Marker', page.marker)
  );
};

export const createDBInstance: ActionHandler = async (ctx, params) => {
  const identifier = params.required('DBInstanceIdentifier').toLowerCase();
  const instanceClass = params.required('DBInstanceClass');
  const engine = params.required('Engine');
  if (!IDENTIFIER_PATTERN.test(identifier) || identifier.length > 63) {
    throw invalidParameterValue(
      `The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  if (engine !== 'aurora-mysql') {
    throw invalidParameterCombination(`The emulator models aurora-mysql only, not ${engine}.`);
  }
  const clusterId = params.get('DBClusterIdentifier');
  if (clusterId === undefined) {
    throw invalidParameterCombination('An Aurora DB instance needs a DBClusterIdentifier.');
  }
  const cluster = requireCluster(ctx.state, clusterId);
  if (ctx.state.instances.some((i) => i.identifier === identifier)) {
    throw new RdsFault('DBInstanceAlreadyExists', 'DB instance already exists');
  }
  assertClusterOperable(cluster);
  assertClassUsable(ctx, instanceClass, cluster.engineVersion);
  if (ctx.state.instances.length >= INSTANCE_QUOTA) {
    throw new RdsFault(
      'InstanceQuotaExceeded',
      `You have reached the limit of ${INSTANCE_QUOTA} DB instances.`,
    );
  }
  const promotionTier = params.int('PromotionTier') ?? 1;
  if (promotionTier < 0 || promotionTier > 15) {
    throw invalidParameterValue('PromotionTier must be between 0 and 15.');
  }
  const zone = params.get('AvailabilityZone');
  if (zone !== undefined && !cluster.availabilityZones.includes(zone)) {
    throw invalidParameterValue(`Invalid availability zone: ${zone}`);
  }
  const hasWriter = ctx.state.instances.some(
    (i) => i.clusterResourceId === cluster.resourceId && i.isWriter,
  );
  const instance = await createInstance(ctx, cluster, {
    identifier,
    instanceClass,
    status: 'creating',
    isWriter: !hasWriter,
    promotionTier,
    availabilityZone: zone,
    parameterGroupStatus: 'in-sync',
    tags: tagsFromParams(params),
  });
  startCreate(ctx, instance);
  return instanceResultXml(ctx.state, instance);
};

export const modifyDBInstance: ActionHandler = (ctx, params) => {
  const instance = requireInstance(ctx.state, params.required('DBInstanceIdentifier'));
  const cluster = clusterOf(ctx.state, instance);
  const newClass = params.get('DBInstanceClass');
  const tier = params.int('PromotionTier');
  const applyImmediately = params.bool('ApplyImmediately') ?? false;
  assertClusterOperable(cluster);
  assertInstanceAvailable(instance);
  if (tier !== undefined && (tier < 0 || tier > 15)) {
    throw invalidParameterValue('PromotionTier must be between 0 and 15.');
  }
  if (newClass !== undefined) assertClassUsable(ctx, newClass, cluster.engineVersion);
  if (tier !== undefined) instance.promotionTier = tier;
  const group = params.get('DBParameterGroupName');
  if (group !== undefined) instance.dbParameterGroup = group;
  if (newClass !== undefined && newClass !== instance.instanceClass) {
    // why: without ApplyImmediately the change waits for a maintenance window the emulator never opens.
    if (applyImmediately) startClassChange(ctx, instance, newClass);
    else instance.pendingClass = newClass;
  }
  return instanceResultXml(ctx.state, instance);
};

export const rebootDBInstance: ActionHandler = (ctx, params) => {
  const instance = requireInstance(ctx.state, params.required('DBInstanceIdentifier'));
  assertClusterOperable(clusterOf(ctx.state, instance));
  assertInstanceAvailable(instance);
  startReboot(ctx, instance);
  return instanceResultXml(ctx.state, instance);
};

export const deleteDBInstance: ActionHandler = (ctx, params) => {
  const id = params.required('DBInstanceIdentifier');
  const instance = requireInstance(ctx.state, identifierFrom(id, 'db'));
  const cluster = clusterOf(ctx.state, instance);
  if (['renaming', 'failing-over'].includes(cluster.status)) {
    throw new RdsFault(
      'InvalidDBClusterStateFault',
      `DB cluster ${cluster.identifier} is ${cluster.status}.`,
    );
  }
  if (instance.status === 'deleting') {
    throw new RdsFault(
      'InvalidDBInstanceState',
      `DB instance ${instance.identifier} is already being deleted.`,
    );
  }
  assertInstanceAvailable(instance);
  startDelete(ctx, instance);
  return instanceResultXml(ctx.state, instance);
};
