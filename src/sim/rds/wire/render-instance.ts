/** DBInstance as DescribeDBInstances and the instance mutations return it. */
import { arn } from '../model/arn.js';
import { clusterById } from '../model/lookups.js';
import type { SimInstance, SimState } from '../model/sim-state.js';
import { tagListXml } from './render-tags.js';
import { leaves, list, node } from './xml.js';

export function instanceXml(state: SimState, instance: SimInstance): string {
  const cluster = clusterById(state, instance.clusterResourceId);
  // why: RDS reports no endpoint until a new instance has come up.
  const endpoint =
    instance.status === 'creating'
      ? ''
      : node(
          'Endpoint',
          leaves({ Address: instance.address, Port: state.port, HostedZoneId: 'ZLA2NUCOLGUUR' }),
        );
  return [
    leaves({
      DBInstanceIdentifier: instance.identifier,
      DBInstanceClass: instance.instanceClass,
      Engine: 'aurora-mysql',
      DBInstanceStatus: instance.status,
      MasterUsername: 'admin',
    }),
    endpoint,
    leaves({
      AllocatedStorage: 1,
      InstanceCreateTime: instance.createTime,
      PreferredBackupWindow: '17:00-17:30',
      BackupRetentionPeriod: cluster?.backupRetentionPeriod ?? 1,
    }),
    list('DBParameterGroups', 'DBParameterGroup', [instance.dbParameterGroup], (name) =>
      leaves({ DBParameterGroupName: name, ParameterApplyStatus: 'in-sync' }),
    ),
    leaves({
      AvailabilityZone: instance.availabilityZone,
      PreferredMaintenanceWindow: 'sun:18:00-sun:18:30',
    }),
    node('PendingModifiedValues', leaves({ DBInstanceClass: instance.pendingClass })),
    leaves({
      MultiAZ: false,
      EngineVersion: cluster?.engineVersion,
      AutoMinorVersionUpgrade: true,
      LicenseModel: 'general-public-license',
      PubliclyAccessible: false,
      StorageType: 'aurora',
      DbInstancePort: 0,
      DBClusterIdentifier: cluster?.identifier,
      StorageEncrypted: true,
      DbiResourceId: instance.resourceId,
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
      CopyTagsToSnapshot: false,
      MonitoringInterval: 0,
      PromotionTier: instance.promotionTier,
      DBInstanceArn: arn(state, 'db', instance.identifier),
      IAMDatabaseAuthenticationEnabled: false,
      PerformanceInsightsEnabled: false,
      DeletionProtection: false,
    }),
    tagListXml(instance.tags),
    leaves({ NetworkType: 'IPV4' }),
  ].join('');
}

export function instanceResultXml(state: SimState, instance: SimInstance): string {
  return `<DBInstance>${instanceXml(state, instance)}</DBInstance>`;
}
