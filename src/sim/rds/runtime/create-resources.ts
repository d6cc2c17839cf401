/**
 * Creating clusters and instances, with their data-plane endpoints. Used when a world is
 * loaded, by CreateDBInstance and by blue/green provisioning.
 */

import type { ParameterGroupStatus, SimCluster, SimInstance, SimTag } from '../model/sim-state.js';
import { RdsFault } from '../rds-fault.js';
import type { SimContext } from './sim-context.js';

type Deps = Pick<SimContext, 'state' | 'dataPlane' | 'random' | 'now'>;

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((z) => `${region}${z}`);
}

export async function createCluster(
  deps: Deps,
  spec: {
    identifier: string;
    status: string;
    engineVersion: string;
    parameterGroup: string;
    deletionProtection: boolean;
    backupRetentionPeriod: number;
    tags: SimTag[];
  },
): Promise<SimCluster> {
  const endpoint = await deps.dataPlane.allocate(`${spec.identifier} cluster endpoint`);
  const readerEndpoint = await deps.dataPlane.allocate(`${spec.identifier} reader endpoint`);
  deps.state.port = deps.dataPlane.port;
  if (deps.state.clusters.some((c) => c.identifier === spec.identifier)) {
    await Promise.all([deps.dataPlane.release(endpoint), deps.dataPlane.release(readerEndpoint)]);
    throw new RdsFault(
      'DBClusterAlreadyExistsFault',
      `DB cluster ${spec.identifier} already exists`,
    );
  }
  const cluster: SimCluster = {
    resourceId: `cluster-${deps.random.chars(26, UPPER_ALNUM)}`,
    ...spec,
    endpoint,
    readerEndpoint,
    availabilityZones: availabilityZones(deps.state.region),
    createTime: deps.now().toISOString(),
  };
  deps.state.clusters.push(cluster);
  return cluster;
}

export async function createInstance(
  deps: Deps,
  cluster: SimCluster,
  spec: {
    identifier: string;
    instanceClass: string;
    status: string;
    isWriter: boolean;
    promotionTier: number;
    availabilityZone: string | undefined;
    parameterGroupStatus: ParameterGroupStatus;
    tags: SimTag[];
  },
): Promise<SimInstance> {
  const address = await deps.dataPlane.allocate(spec.identifier);
  deps.state.port = deps.dataPlane.port;
  if (deps.state.instances.some((i) => i.identifier === spec.identifier)) {
    await deps.dataPlane.release(address);
    throw new RdsFault('DBInstanceAlreadyExists', `DB instance already exists`);
  }
  const zones = cluster.availabilityZones;
  const index = deps.state.instances.filter(
    (i) => i.clusterResourceId === cluster.resourceId,
  ).length;
  const instance: SimInstance = {
    resourceId: `db-${deps.random.chars(26, UPPER_ALNUM)}`,
    identifier: spec.identifier,
    clusterResourceId: cluster.resourceId,
    instanceClass: spec.instanceClass,
    status: spec.status,
    isWriter: spec.isWriter,
    promotionTier: spec.promotionTier,
    availabilityZone:
      spec.availabilityZone ?? zones[index % zones.length] ?? `${deps.state.region}a`,
    address,
    createTime: deps.now().toISOString(),
    parameterGroupStatus: spec.parameterGroupStatus,
    pendingClass: undefined,
    dbParameterGroup: cluster.engineVersion.startsWith('5.7')
      ? 'default.aurora-mysql5.7'
      : 'default.aurora-mysql8.0',
    tags: spec.tags,
  };
  deps.state.instances.push(instance);
  return instance;
}
