/**
 * The emulator's mutable world. Resources reference each other by resource id
 * (`cluster-…`, `db-…`), which never changes, so renames touch one field.
 * Endpoint fields hold the loopback address of a live data-plane proxy.
 */
export interface SimTag {
  Key: string;
  Value: string;
}

export type ParameterGroupStatus = 'in-sync' | 'applying' | 'pending-reboot';

export interface SimCluster {
  resourceId: string;
  identifier: string;
  status: string;
  engineVersion: string;
  parameterGroup: string;
  /** Writer (cluster) endpoint address. */
  endpoint: string;
  readerEndpoint: string;
  deletionProtection: boolean;
  backupRetentionPeriod: number;
  availabilityZones: string[];
  createTime: string;
  tags: SimTag[];
}

export interface SimInstance {
  resourceId: string;
  identifier: string;
  clusterResourceId: string;
  instanceClass: string;
  status: string;
  isWriter: boolean;
  promotionTier: number;
  availabilityZone: string;
  address: string;
  createTime: string;
  /** This member's DBClusterParameterGroupStatus. */
  parameterGroupStatus: ParameterGroupStatus;
  /** DBInstanceClass waiting for a maintenance window (ApplyImmediately=false). */
  pendingClass: string | undefined;
  dbParameterGroup: string;
  tags: SimTag[];
}

export interface SimParameterGroup {
  name: string;
  family: string;
  description: string;
  isDefault: boolean;
  /** Values set by the user, with the apply method they were set with. */
  parameters: Record<string, { value: string; applyMethod: string }>;
  tags: SimTag[];
}

export type DeploymentStatus =
  | 'PROVISIONING'
  | 'AVAILABLE'
  | 'SWITCHOVER_IN_PROGRESS'
  | 'SWITCHOVER_COMPLETED'
  | 'INVALID_CONFIGURATION'
  | 'SWITCHOVER_FAILED'
  | 'DELETING';

export interface SimSwitchoverMember {
  kind: 'cluster' | 'instance';
  sourceId: string;
  targetId: string | undefined;
  /** Kept as strings so a deleted resource still shows its last ARN. */
  sourceArn: string;
  targetArn: string | undefined;
  status: string;
}

export interface SimDeployment {
  identifier: string;
  name: string;
  members: SimSwitchoverMember[];
  tasks: { name: string; status: string }[];
  status: DeploymentStatus;
  statusDetails: string | undefined;
  createTime: string;
  deleteTime: string | undefined;
  tags: SimTag[];
  /** Target cluster parameter group and engine version chosen at creation. */
  targetParameterGroup: string;
  targetEngineVersion: string;
  /** Set while the stale-AVAILABLE fault waits for this deployment's first switchover. */
  staleAvailableArmed: boolean;
  /** The invalid-configuration fault was consumed by this deployment. */
  failCreation: boolean;
}

export interface SimEvent {
  /** RDS-EVENT-nnnn where AWS documents one. */
  eventId: string | undefined;
  date: string;
  sourceType: string;
  sourceIdentifier: string;
  sourceArn: string;
  message: string;
  categories: string[];
}

export interface SimSnapshot {
  identifier: string;
  clusterIdentifier: string;
  engineVersion: string;
  createTime: string;
  status: string;
}

export interface SimState {
  account: string;
  region: string;
  /** The port every data-plane endpoint shares. */
  port: number;
  clusters: SimCluster[];
  instances: SimInstance[];
  parameterGroups: SimParameterGroup[];
  deployments: SimDeployment[];
  events: SimEvent[];
  snapshots: SimSnapshot[];
}
