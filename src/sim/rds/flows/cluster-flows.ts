/** Timed cluster transitions: parameter-group association, failover, deletion. */
import { clusterSource, instanceSource } from '../model/event-sources.js';
import { membersOf } from '../model/lookups.js';
import { recordEvent } from '../model/record-event.js';
import type { SimCluster, SimInstance } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';
import { handOverWriter } from './hand-over-writer.js';
import { failoverEndpoints } from './outage-targets.js';
import { runOutage } from './run-outage.js';

const alive = (ctx: SimContext, cluster: SimCluster) => ctx.state.clusters.includes(cluster);

/**
 * A new cluster parameter group is associated at once; members show `applying`, then
 * `pending-reboot` until each is rebooted (static parameters such as binlog_format).
 */
export function startParameterGroupChange(ctx: SimContext, cluster: SimCluster): void {
  const members = membersOf(ctx.state, cluster);
  for (const m of members) m.parameterGroupStatus = 'applying';
  ctx.scheduler.spawn(`apply parameter group ${cluster.identifier}`, async () => {
    await ctx.scheduler.control(ctx.world.durations.modifyCluster);
    for (const m of members) {
      if (m.parameterGroupStatus === 'applying') m.parameterGroupStatus = 'pending-reboot';
    }
  });
}

export function startFailover(
  ctx: SimContext,
  cluster: SimCluster,
  from: SimInstance,
  to: SimInstance,
): void {
  cluster.status = 'failing-over';
  const sameAz = from.availabilityZone === to.availabilityZone;
  recordEvent(
    ctx.state,
    ctx.now(),
    sameAz ? 'failoverSameAz' : 'failoverCrossAz',
    clusterSource(ctx.state, cluster),
    `Started ${sameAz ? 'same' : 'cross'} AZ failover to DB instance: ${to.identifier}`,
  );
  const targets = failoverEndpoints(cluster, from, to);
  ctx.scheduler.spawn(`failover ${cluster.identifier}`, async () => {
    await Promise.all([
      ctx.scheduler.control(ctx.world.durations.failover),
      runOutage(ctx, 'failover', targets),
    ]);
    if (!alive(ctx, cluster)) return;
    cluster.status = 'available';
    handOverWriter(ctx, cluster, from, to);
  });
}

export function startClusterDelete(ctx: SimContext, cluster: SimCluster): void {
  cluster.status = 'deleting';
  ctx.scheduler.spawn(`delete ${cluster.identifier}`, async () => {
    await ctx.scheduler.control(ctx.world.durations.deleteCluster);
    if (!alive(ctx, cluster)) return;
    const source = clusterSource(ctx.state, cluster);
    // why: members still shutting down go with their cluster, so no instance is left orphaned.
    const leftovers = membersOf(ctx.state, cluster);
    for (const i of leftovers) {
      ctx.state.instances.splice(ctx.state.instances.indexOf(i), 1);
      recordEvent(
        ctx.state,
        ctx.now(),
        'instanceDeleted',
        instanceSource(ctx.state, i),
        'DB instance deleted',
      );
    }
    ctx.state.clusters.splice(ctx.state.clusters.indexOf(cluster), 1);
    await Promise.all(
      [cluster.endpoint, cluster.readerEndpoint, ...leftovers.map((i) => i.address)].map((a) =>
        ctx.dataPlane.release(a),
      ),
    );
    recordEvent(ctx.state, ctx.now(), 'clusterDeleted', source, 'DB cluster deleted');
  });
}
