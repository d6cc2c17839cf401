/** DBCluster as DescribeDBClusters and the cluster mutations return it. */
import { arn } from '../model/arn.js';
import { membersOf } from '../model/lookups.js';
import type { SimCluster, SimState } from '../model/sim-state.js';
import { tagListXml } from './render-tags.js';
import { leaves, list, textList } from './xml.js';

export function clusterXml(state: SimState, cluster: SimCluster): string {
  const members = membersOf(state, cluster);
  const zones = new Set(members.map((m) => m.availabilityZone));
  return [
    leaves({ AllocatedStorage: 1 }),
    textList('AvailabilityZones', 'AvailabilityZone', cluster.availabilityZones),
    leaves({
      BackupRetentionPeriod: cluster.backupRetentionPeriod,
      DBClusterIdentifier: cluster.identifier,
      DBClusterParameterGroup: cluster.parameterGroup,
      DBSubnetGroup: 'default',
      Status: cluster.status,
      Endpoint: cluster.endpoint,
      ReaderEndpoint: cluster.readerEndpoint,
      MultiAZ: zones.size > 1,
      Engine: 'aurora-mysql',
      EngineVersion: cluster.engineVersion,
      Port: state.port,
      MasterUsername: 'admin',
      PreferredBackupWindow: '17:00-17:30',
      PreferredMaintenanceWindow: 'sun:18:00-sun:18:30',
    }),
    list('DBClusterMembers', 'DBClusterMember', members, (m) =>
      leaves({
        DBInstanceIdentifier: m.identifier,
        IsClusterWriter: m.isWriter,
        DBClusterParameterGroupStatus: m.parameterGroupStatus,
        PromotionTier: m.promotionTier,
      }),
    ),
    leaves({
      HostedZoneId: 'ZLA2NUCOLGUUR',
      StorageEncrypted: true,
      DbClusterResourceId: cluster.resourceId,
      DBClusterArn: arn(state, 'cluster', cluster.identifier),
      IAMDatabaseAuthenticationEnabled: false,
      ClusterCreateTime: cluster.createTime,
      EngineMode: 'provisioned',
      DeletionProtection: cluster.deletionProtection,
      HttpEndpointEnabled: false,
      CopyTagsToSnapshot: false,
      CrossAccountClone: false,
    }),
    tagListXml(cluster.tags),
    leaves({ AutoMinorVersionUpgrade: true, NetworkType: 'IPV4', StorageType: 'aurora' }),
  ].join('');
}

/** `<DBCluster>…</DBCluster>` for single-cluster results. */
export function clusterResultXml(state: SimState, cluster: SimCluster): string {
  return `<DBCluster>${clusterXml(state, cluster)}</DBCluster>`;
}
