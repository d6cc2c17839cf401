import type { Logger } from '../../../logger.js';
import type { SimState } from '../model/sim-state.js';
import type { ResolvedWorld } from '../world/world-schema.js';
import type { DataPlane } from './data-plane.js';
import type { FaultState } from './fault-state.js';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';

/** Everything an action handler or timed flow works with; rebuilt on reset. */
export interface SimContext {
  readonly state: SimState;
  readonly world: ResolvedWorld;
  readonly scheduler: Scheduler;
  readonly dataPlane: DataPlane;
  readonly random: Random;
  readonly faults: FaultState;
  readonly logger: Logger;
  /** Multiplies outage lengths (independent of speed). */
  readonly outageScale: number;
  now(): Date;
}
