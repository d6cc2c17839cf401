/** Preconditions shared by several actions, failing with the codes RDS uses. */
import { isOrderable } from '../model/orderable-classes.js';
import type { SimCluster, SimInstance } from '../model/sim-state.js';
import {
  invalidClusterState,
  invalidInstanceState,
  invalidParameterCombination,
  RdsFault,
} from '../rds-fault.js';
import type { SimContext } from '../runtime/sim-context.js';

/** Statuses in which a cluster accepts instance-level changes. */
const OPERABLE = ['available', 'modifying', 'backing-up'];

export function assertClusterOperable(cluster: SimCluster): void {
  if (!OPERABLE.includes(cluster.status)) {
    throw invalidClusterState(
      `DB cluster ${cluster.identifier} is in ${cluster.status} state and cannot be modified now.`,
    );
  }
}

export function assertClusterAvailable(cluster: SimCluster): void {
  if (cluster.status !== 'available') {
    throw invalidClusterState(`DB cluster ${cluster.identifier} is not in available state.`);
  }
}

export function assertInstanceAvailable(instance: SimInstance): void {
  if (instance.status !== 'available') {
    throw invalidInstanceState(`DB instance ${instance.identifier} is not in available state.`);
  }
}

/** The class must be orderable for aurora-mysql at this version, and have capacity. */
export function assertClassUsable(ctx: SimContext, instanceClass: string, engineVersion: string) {
  if (!isOrderable(instanceClass)) {
    throw invalidParameterCombination(
      `RDS does not support creating a DB instance with the following combination: DBInstanceClass=${instanceClass}, Engine=aurora-mysql, EngineVersion=${engineVersion}, LicenseModel=general-public-license. For supported combinations of instance class and database engine version, see the documentation.`,
    );
  }
  if (ctx.faults.lacksCapacity(instanceClass)) {
    throw new RdsFault(
      'InsufficientDBInstanceCapacity',
      `Cannot create a database instance because there is currently insufficient capacity for ${instanceClass} in the requested availability zone. (emulator fault)`,
    );
  }
}
