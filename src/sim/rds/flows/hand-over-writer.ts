import { clusterSource } from '../model/event-sources.js';
import { recordEvent } from '../model/record-event.js';
import type { SimCluster, SimInstance } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';

/**
 * The end of every failover, asked for or forced by the writer's deletion: `to` becomes the
 * writer (unless it was deleted meanwhile) and the cluster's event says so in AWS's words.
 */
export function handOverWriter(
  ctx: SimContext,
  cluster: SimCluster,
  from: SimInstance,
  to: SimInstance,
): void {
  if (ctx.state.instances.includes(to)) {
    from.isWriter = false;
    to.isWriter = true;
  }
  recordEvent(
    ctx.state,
    ctx.now(),
    'failoverCompleted',
    clusterSource(ctx.state, cluster),
    `Completed failover to DB instance: ${to.identifier}`,
  );
}
