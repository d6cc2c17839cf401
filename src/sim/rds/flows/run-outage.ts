import { performance } from 'node:perf_hooks';
import type { SimContext } from '../runtime/sim-context.js';
import type { OutageOperation } from '../world/world-schema.js';

/**
 * Takes `addresses` down for a length drawn from the operation's outage profile times
 * `outageScale` (wall-clock time, not divided by speed), then brings them back.
 * Resolves when the endpoints accept connections again.
 */
export async function runOutage(
  ctx: SimContext,
  operation: OutageOperation,
  addresses: readonly string[],
): Promise<void> {
  const profile = ctx.world.outages[operation];
  const ms = ctx.random.between(profile.min, profile.max) * ctx.outageScale;
  ctx.logger.info(
    { operation, addresses, mode: profile.mode, ms: Math.round(ms) },
    'outage starts',
  );
  // why: counted from the moment the endpoints go down, so closing them does not lengthen it.
  const until = performance.now() + ms;
  await ctx.dataPlane.disrupt(addresses, profile.mode);
  try {
    await ctx.scheduler.wall(until - performance.now());
  } finally {
    await ctx.dataPlane.restore(addresses);
    ctx.logger.info({ operation, addresses }, 'outage ends');
  }
}
