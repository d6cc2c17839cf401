/** Finding resources, and the not-found faults RDS answers when they are missing. */
import { clusterNotFound, instanceNotFound, RdsFault } from '../rds-fault.js';
import { identifierFrom } from './arn.js';
import type {
  SimCluster,
  SimDeployment,
  SimInstance,
  SimParameterGroup,
  SimState,
} from './sim-state.js';

export function findCluster(state: SimState, idOrArn: string): SimCluster | undefined {
  const id = identifierFrom(idOrArn, 'cluster');
  return state.clusters.find((c) => c.identifier === id);
}

export function requireCluster(state: SimState, idOrArn: string): SimCluster {
  const cluster = findCluster(state, idOrArn);
  if (cluster === undefined) throw clusterNotFound(idOrArn);
  return cluster;
}

export function findInstance(state: SimState, idOrArn: string): SimInstance | undefined {
  const id = identifierFrom(idOrArn, 'db');
  return state.instances.find((i) => i.identifier === id);
}

export function requireInstance(state: SimState, idOrArn: string): SimInstance {
  const instance = findInstance(state, idOrArn);
  if (instance === undefined) throw instanceNotFound(idOrArn);
  return instance;
}

export function clusterById(state: SimState, resourceId: string): SimCluster | undefined {
  return state.clusters.find((c) => c.resourceId === resourceId);
}

export function instanceById(state: SimState, resourceId: string): SimInstance | undefined {
  return state.instances.find((i) => i.resourceId === resourceId);
}

/** The cluster an instance belongs to (always present while the instance exists). */
export function clusterOf(state: SimState, instance: SimInstance): SimCluster {
  const cluster = clusterById(state, instance.clusterResourceId);
  if (cluster === undefined) throw new Error(`instance ${instance.identifier} has no cluster`);
  return cluster;
}

export function membersOf(state: SimState, cluster: SimCluster): SimInstance[] {
  return state.instances.filter((i) => i.clusterResourceId === cluster.resourceId);
}

export function writerOf(state: SimState, cluster: SimCluster): SimInstance | undefined {
  return membersOf(state, cluster).find((i) => i.isWriter);
}

export function findParameterGroup(state: SimState, name: string): SimParameterGroup | undefined {
  const id = identifierFrom(name, 'cluster-pg');
  return state.parameterGroups.find((g) => g.name.toLowerCase() === id);
}

export function findDeployment(state: SimState, idOrArn: string): SimDeployment | undefined {
  const id = identifierFrom(idOrArn, 'deployment');
  return state.deployments.find((d) => d.identifier === id);
}

export function requireDeployment(state: SimState, idOrArn: string): SimDeployment {
  const deployment = findDeployment(state, idOrArn);
  if (deployment === undefined) {
    throw new RdsFault(
      'BlueGreenDeploymentNotFoundFault',
      `BlueGreenDeploymentIdentifier ${idOrArn} doesn't refer to an existing blue/green deployment.`,
    );
  }
  return deployment;
}

/** The deployment (not yet deleted) a cluster takes part in, as blue or green. */
export function deploymentOfCluster(
  state: SimState,
  cluster: SimCluster,
): SimDeployment | undefined {
  return state.deployments.find((d) =>
    d.members.some(
      (m) =>
        m.kind === 'cluster' &&
        (m.sourceId === cluster.resourceId || m.targetId === cluster.resourceId),
    ),
  );
}

/** Whether the cluster is the green side of a deployment that has not switched over. */
export function isGreenCluster(state: SimState, cluster: SimCluster): boolean {
  return state.deployments.some(
    (d) =>
      d.status !== 'SWITCHOVER_COMPLETED' &&
      d.members.some((m) => m.kind === 'cluster' && m.targetId === cluster.resourceId),
  );
}
