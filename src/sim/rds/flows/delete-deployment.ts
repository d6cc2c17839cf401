/** DELETING → gone, optionally deleting the green resources (DeleteTarget). */
import { deploymentSource } from '../model/event-sources.js';
import { recordEvent } from '../model/record-event.js';
import type { SimDeployment } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';
import { startClusterDelete } from './cluster-flows.js';
import { startDelete } from './instance-flows.js';
import { switchoverPairs } from './switchover-pairs.js';

export function startDeploymentDelete(ctx: SimContext, d: SimDeployment, deleteTarget: boolean) {
  d.status = 'DELETING';
  d.deleteTime = ctx.now().toISOString();
  if (deleteTarget) {
    const pairs = switchoverPairs(ctx.state, d);
    // Readers first, so the writer is never promoted away from a reader being deleted.
    const greens = pairs.flatMap((p) => (p.kind === 'instance' ? [p.green] : []));
    for (const i of greens.sort((a, b) => Number(a.isWriter) - Number(b.isWriter))) {
      if (i.status !== 'deleting') startDelete(ctx, i);
    }
    for (const p of pairs) if (p.kind === 'cluster') startClusterDelete(ctx, p.green);
  } else {
    // why: kept green resources stand alone now; any still being created come up as they are.
    for (const p of switchoverPairs(ctx.state, d)) {
      if (p.green.status === 'creating') p.green.status = 'available';
    }
  }
  ctx.scheduler.spawn(`delete ${d.identifier}`, async () => {
    await ctx.scheduler.control(ctx.world.durations.deleteBlueGreen);
    const index = ctx.state.deployments.indexOf(d);
    if (index < 0) return;
    ctx.state.deployments.splice(index, 1);
    recordEvent(
      ctx.state,
      ctx.now(),
      'blueGreenDeleted',
      deploymentSource(ctx.state, d),
      'Blue/green deployment deleted.',
    );
  });
}
