/** The source fields of an event, from the resource's current name. */
import { arn } from './arn.js';
import type { EventSource } from './record-event.js';
import type { SimCluster, SimDeployment, SimInstance, SimState } from './sim-state.js';

export const clusterSource = (state: SimState, c: SimCluster): EventSource => ({
  sourceType: 'db-cluster',
  sourceIdentifier: c.identifier,
  sourceArn: arn(state, 'cluster', c.identifier),
});

export const instanceSource = (state: SimState, i: SimInstance): EventSource => ({
  sourceType: 'db-instance',
  sourceIdentifier: i.identifier,
  sourceArn: arn(state, 'db', i.identifier),
});

export const deploymentSource = (state: SimState, d: SimDeployment): EventSource => ({
  sourceType: 'blue-green-deployment',
  sourceIdentifier: d.identifier,
  sourceArn: arn(state, 'deployment', d.identifier),
});
