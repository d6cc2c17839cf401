/** Which data-plane endpoints an operation takes down (pure). */
import { clusterOf, membersOf } from '../model/lookups.js';
import type { SimCluster, SimInstance, SimState } from '../model/sim-state.js';

/**
 * A reboot or in-place change of one instance: its own endpoint, plus the cluster endpoint
 * for a writer, plus the reader endpoint when no reader is up to serve it (Aurora's reader
 * endpoint then points at the writer).
 */
export function instanceEndpoints(state: SimState, instance: SimInstance): string[] {
  if (!instance.isWriter) return [instance.address];
  const cluster = clusterOf(state, instance);
  const readersUp = membersOf(state, cluster).some((i) => !i.isWriter && i.status === 'available');
  return readersUp
    ? [instance.address, cluster.endpoint]
    : [instance.address, cluster.endpoint, cluster.readerEndpoint];
}

/** A failover: both cluster endpoints and the two instances that swap roles. */
export function failoverEndpoints(
  cluster: SimCluster,
  from: SimInstance,
  to: SimInstance,
): string[] {
  return [cluster.endpoint, cluster.readerEndpoint, from.address, to.address];
}

/** Every endpoint of a cluster and its instances (a switchover takes both sides down). */
export function clusterEndpoints(state: SimState, cluster: SimCluster): string[] {
  return [
    cluster.endpoint,
    cluster.readerEndpoint,
    ...membersOf(state, cluster).map((i) => i.address),
  ];
}
