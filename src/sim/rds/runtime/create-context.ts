/** Builds a fresh emulator runtime from a world: data plane, state, timers, faults. */
import type { Logger } from '../../../logger.js';
import type { ProxyTarget } from '../../../net/fault-proxy.js';
import type { ResolvedWorld } from '../world/world-schema.js';
import { emptyState, populateState } from './build-state.js';
import { startDataPlane } from './data-plane.js';
import { createFaultState } from './fault-state.js';
import { createRandom } from './random.js';
import { createScheduler } from './scheduler.js';
import type { SimContext } from './sim-context.js';

export interface ContextOptions {
  world: ResolvedWorld;
  speed: number;
  outageScale: number;
  seed: number | undefined;
  target: ProxyTarget;
  dataPort: number | undefined;
  logger: Logger;
}

export async function createContext(options: ContextOptions): Promise<SimContext> {
  const dataPlane = await startDataPlane({
    target: options.target,
    port: options.dataPort,
    logger: options.logger,
  });
  const ctx: SimContext = {
    state: emptyState(options.world, options.dataPort ?? 0),
    world: options.world,
    scheduler: createScheduler({ speed: options.speed, logger: options.logger }),
    dataPlane,
    random: createRandom(options.seed),
    faults: createFaultState(options.world.faults),
    logger: options.logger,
    outageScale: options.outageScale,
    now: () => new Date(),
  };
  try {
    await populateState(ctx);
  } catch (error) {
    await dataPlane.close();
    throw error;
  }
  return ctx;
}

/** Stops every timer first (flows end and restore their endpoints), then the proxies. */
export async function closeContext(ctx: SimContext): Promise<void> {
  await ctx.scheduler.close();
  await ctx.dataPlane.close();
}
