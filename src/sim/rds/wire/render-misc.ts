/** Events and orderable instance options. */
import type { SimEvent } from '../model/sim-state.js';
import { leaf, leaves, list, textList } from './xml.js';

export function eventXml(e: SimEvent): string {
  return [
    leaves({ SourceIdentifier: e.sourceIdentifier, SourceType: e.sourceType, Message: e.message }),
    textList('EventCategories', 'EventCategory', e.categories),
    leaves({ Date: e.date, SourceArn: e.sourceArn }),
  ].join('');
}

export interface OrderableOption {
  engineVersion: string;
  instanceClass: string;
  availabilityZones: readonly string[];
}

export function orderableXml(o: OrderableOption): string {
  return [
    leaves({
      Engine: 'aurora-mysql',
      EngineVersion: o.engineVersion,
      DBInstanceClass: o.instanceClass,
      LicenseModel: 'general-public-license',
    }),
    list('AvailabilityZones', 'AvailabilityZone', o.availabilityZones, (z) => leaf('Name', z)),
    leaves({
      MultiAZCapable: false,
      ReadReplicaCapable: false,
      Vpc: true,
      SupportsStorageEncryption: true,
      StorageType: 'aurora',
      SupportsIops: false,
      SupportsEnhancedMonitoring: true,
      SupportsIAMDatabaseAuthentication: true,
      SupportsPerformanceInsights: true,
    }),
    textList('SupportedEngineModes', 'member', ['provisioned']),
    leaves({ SupportsGlobalDatabases: true, SupportsClusters: true }),
  ].join('');
}
