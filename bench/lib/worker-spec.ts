import type { WorkerOptions } from '../../src/workflow/engine.js';
import type { EngineTiming } from '../../src/workflow/engine-env.js';

/** What bench/lib/worker-main.ts is started with (as one JSON argument). */
export interface WorkerSpec {
  redisUrl: string;
  prefix: string;
  /** Path of the aurora-bot YAML configuration. */
  configFile: string;
  timing?: Partial<EngineTiming>;
  worker?: WorkerOptions;
  logLevel?: string;
}
