/** Timed instance transitions: create, reboot, class change, delete. */
import { instanceSource } from '../model/event-sources.js';
import { clusterOf, isGreenCluster, membersOf } from '../model/lookups.js';
import { recordEvent } from '../model/record-event.js';
import type { SimInstance } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';
import { handOverWriter } from './hand-over-writer.js';
import { instanceEndpoints } from './outage-targets.js';
import { runOutage } from './run-outage.js';

const alive = (ctx: SimContext, instance: SimInstance) => ctx.state.instances.includes(instance);

export function startCreate(ctx: SimContext, instance: SimInstance): void {
  ctx.scheduler.spawn(`create ${instance.identifier}`, async () => {
    await ctx.scheduler.control(ctx.world.durations.createInstance);
    if (!alive(ctx, instance) || instance.status !== 'creating') return;
    instance.status = 'available';
    recordEvent(
      ctx.state,
      ctx.now(),
      'instanceCreated',
      instanceSource(ctx.state, instance),
      'DB instance created',
    );
  });
}

/** A reboot drops connections and takes the endpoints down; it applies a pending parameter group. */
export function startReboot(ctx: SimContext, instance: SimInstance): void {
  instance.status = 'rebooting';
  const targets = instanceEndpoints(ctx.state, instance);
  ctx.scheduler.spawn(`reboot ${instance.identifier}`, async () => {
    await Promise.all([
      ctx.scheduler.control(ctx.world.durations.rebootInstance),
      runOutage(ctx, 'reboot', targets),
    ]);
    if (!alive(ctx, instance)) return;
    instance.status = 'available';
    instance.parameterGroupStatus = 'in-sync';
    recordEvent(
      ctx.state,
      ctx.now(),
      'instanceRestarted',
      instanceSource(ctx.state, instance),
      'DB instance restarted',
    );
  });
}

/**
 * An in-place class change. Only a writer outside a green environment has an outage: green
 * serves no clients yet, and readers are left up to keep the model small.
 */
export function startClassChange(ctx: SimContext, instance: SimInstance, newClass: string): void {
  instance.status = 'modifying';
  instance.pendingClass = newClass;
  const cluster = clusterOf(ctx.state, instance);
  const disruptive = instance.isWriter && !isGreenCluster(ctx.state, cluster);
  const targets = instanceEndpoints(ctx.state, instance);
  recordEvent(
    ctx.state,
    ctx.now(),
    'classChangeStarted',
    instanceSource(ctx.state, instance),
    'Applying modification to database instance class',
  );
  ctx.scheduler.spawn(`modify ${instance.identifier}`, async () => {
    await Promise.all([
      ctx.scheduler.control(ctx.world.durations.modifyInstance),
      disruptive ? runOutage(ctx, 'modify', targets) : undefined,
    ]);
    if (!alive(ctx, instance)) return;
    instance.instanceClass = newClass;
    instance.pendingClass = undefined;
    instance.status = 'available';
    recordEvent(
      ctx.state,
      ctx.now(),
      'classChangeFinished',
      instanceSource(ctx.state, instance),
      'Finished applying modification to DB instance class',
    );
  });
}

/** When the writer goes, the reader with the best promotion tier takes over at once. */
function promoteSuccessor(ctx: SimContext, leaving: SimInstance): void {
  const cluster = clusterOf(ctx.state, leaving);
  const successor = membersOf(ctx.state, cluster)
    .filter((i) => i !== leaving && i.status !== 'deleting')
    .sort((a, b) => a.promotionTier - b.promotionTier)[0];
  if (successor === undefined) return;
  handOverWriter(ctx, cluster, leaving, successor);
}

export function startDelete(ctx: SimContext, instance: SimInstance): void {
  instance.status = 'deleting';
  if (instance.isWriter) promoteSuccessor(ctx, instance);
  ctx.scheduler.spawn(`delete ${instance.identifier}`, async () => {
    await ctx.scheduler.control(ctx.world.durations.deleteInstance);
    if (!alive(ctx, instance)) return;
    const source = instanceSource(ctx.state, instance);
    ctx.state.instances.splice(ctx.state.instances.indexOf(instance), 1);
    await ctx.dataPlane.release(instance.address);
    recordEvent(ctx.state, ctx.now(), 'instanceDeleted', source, 'DB instance deleted');
  });
}
