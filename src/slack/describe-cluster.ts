/**
 * The live class and state of a configured cluster, for `/aurora clusters` (always after the
 * ack). Read-only calls through the same budgeted RDS gateway the workers use.
 */
import { LRUCache } from 'lru-cache';
import type { RdsGateway } from '../aws/rds-gateway.js';
import type { ClusterConfig } from '../config.js';
import { withTimeout } from '../with-timeout.js';
import type { LiveClusterState } from './blocks/clusters.js';

/** Longest wait for AWS per cluster, in ms. */
export const DESCRIBE_TIMEOUT_MS = 10_000;

/** How long one description answers every `clusters` command, in ms. */
export const DESCRIBE_CACHE_TTL_MS = 10_000;

export function createClusterDescriber(
  gatewayFor: (region: string) => RdsGateway,
  ttlMs = DESCRIBE_CACHE_TTL_MS,
): (cluster: ClusterConfig) => Promise<LiveClusterState> {
  async function describe(cluster: ClusterConfig): Promise<LiveClusterState> {
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
  }
  // why: a burst of `clusters` commands (a whole channel asking at once) would otherwise describe
  // every cluster once per command, spending the account's RDS budget the workers need. Concurrent
  // look-ups share one call; a failed one is not kept, so the next command asks again.
  // A look-up AWS never answers is given up after DESCRIBE_TIMEOUT_MS, so it is not shared forever.
  const cache = new LRUCache<string, LiveClusterState, ClusterConfig>({
    max: 1000,
    ttl: Math.max(1, ttlMs),
    fetchMethod: (_key, _stale, { context }) =>
      withTimeout(
        describe(context),
        DESCRIBE_TIMEOUT_MS,
        `no answer from AWS within ${DESCRIBE_TIMEOUT_MS / 1000} s`,
      ),
  });
  return async (cluster) => {
    const state = await cache.fetch(`${cluster.region}/${cluster.clusterIdentifier}`, {
      context: cluster,
    });
    return state ?? { error: 'no description' };
  };
}
