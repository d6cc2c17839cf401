/**
 * The live class and state of a configured cluster, for `/aurora clusters` (always after the
 * ack). Read-only calls through the same budgeted RDS gateway the workers use.
 */
import type { RdsGateway } from '../aws/rds-gateway.js';
import type { ClusterConfig } from '../config.js';
import type { LiveClusterState } from './blocks/clusters.js';

export function createClusterDescriber(
  gatewayFor: (region: string) => RdsGateway,
): (cluster: ClusterConfig) => Promise<LiveClusterState> {
  return async (cluster) => {
    const rds = gatewayFor(cluster.region);
    const described = await rds.describeCluster(cluster.clusterIdentifier);
    if (!described)
      return { error: `cluster ${cluster.clusterIdentifier} not found in ${cluster.region}` };
    const writerId = described.DBClusterMembers?.find(
      (m) => m.IsClusterWriter,
    )?.DBInstanceIdentifier;
    const instances = await rds.describeInstances(cluster.clusterIdentifier);
    const writer = instances.find((i) => i.DBInstanceIdentifier === writerId);
    return {
      writerClass: writer?.DBInstanceClass ?? 'unknown',
      status: described.Status ?? 'unknown',
      instances: instances.length,
      ...(described.EngineVersion ? { engineVersion: described.EngineVersion } : {}),
    };
  };
}
