/** Every RDS action the emulator answers, and which of them change state. */
import type { ActionHandler } from './action-handler.js';
import {
  createBlueGreenDeployment,
  deleteBlueGreenDeployment,
  describeBlueGreenDeployments,
  switchoverBlueGreenDeployment,
} from './blue-green-actions.js';
import {
  deleteDBCluster,
  describeDBClusters,
  failoverDBCluster,
  modifyDBCluster,
} from './cluster-actions.js';
import { describeEvents } from './event-actions.js';
import {
  createDBInstance,
  deleteDBInstance,
  describeDBInstances,
  modifyDBInstance,
  rebootDBInstance,
} from './instance-actions.js';
import { describePendingMaintenanceActions } from './maintenance-actions.js';
import { describeOrderableDBInstanceOptions } from './orderable-actions.js';
import {
  createDBClusterParameterGroup,
  deleteDBClusterParameterGroup,
  describeDBClusterParameterGroups,
  describeDBClusterParameters,
  modifyDBClusterParameterGroup,
} from './parameter-group-actions.js';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './tag-actions.js';

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  AddTagsToResource: addTagsToResource,
  CreateBlueGreenDeployment: createBlueGreenDeployment,
  CreateDBClusterParameterGroup: createDBClusterParameterGroup,
  CreateDBInstance: createDBInstance,
  DeleteBlueGreenDeployment: deleteBlueGreenDeployment,
  DeleteDBCluster: deleteDBCluster,
  DeleteDBClusterParameterGroup: deleteDBClusterParameterGroup,
  DeleteDBInstance: deleteDBInstance,
  DescribeBlueGreenDeployments: describeBlueGreenDeployments,
  DescribeDBClusterParameterGroups: describeDBClusterParameterGroups,
  DescribeDBClusterParameters: describeDBClusterParameters,
  DescribeDBClusters: describeDBClusters,
  DescribeDBInstances: describeDBInstances,
  DescribeEvents: describeEvents,
  DescribeOrderableDBInstanceOptions: describeOrderableDBInstanceOptions,
  DescribePendingMaintenanceActions: describePendingMaintenanceActions,
  FailoverDBCluster: failoverDBCluster,
  ListTagsForResource: listTagsForResource,
  ModifyDBCluster: modifyDBCluster,
  ModifyDBClusterParameterGroup: modifyDBClusterParameterGroup,
  ModifyDBInstance: modifyDBInstance,
  RebootDBInstance: rebootDBInstance,
  RemoveTagsFromResource: removeTagsFromResource,
  SwitchoverBlueGreenDeployment: switchoverBlueGreenDeployment,
};

/** Actions that change state, for "this happened exactly once" assertions on the call log. */
export const MUTATING_ACTIONS: readonly string[] = [
  'AddTagsToResource',
  'CreateBlueGreenDeployment',
  'CreateDBClusterParameterGroup',
  'CreateDBInstance',
  'DeleteBlueGreenDeployment',
  'DeleteDBCluster',
  'DeleteDBClusterParameterGroup',
  'DeleteDBInstance',
  'FailoverDBCluster',
  'ModifyDBCluster',
  'ModifyDBClusterParameterGroup',
  'ModifyDBInstance',
  'RebootDBInstance',
  'RemoveTagsFromResource',
  'SwitchoverBlueGreenDeployment',
];
