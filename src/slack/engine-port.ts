/**
 * The part of the workflow engine the Slack front uses, as an interface so the front depends on
 * a contract rather than on the engine's construction (the real engine satisfies it).
 */
import type { Engine } from '../workflow/engine.js';

export type { CreateRunRequest as CreateRunInput, DecideResult } from '../workflow/engine.js';

/** What the Slack front calls on the engine; the real engine satisfies it structurally. */
export type EnginePort = Pick<
  Engine,
  | 'createRun'
  | 'getRun'
  | 'listRuns'
  | 'liveRunForCluster'
  | 'decide'
  | 'cancel'
  | 'audit'
  | 'verifyAudit'
  | 'recordEvent'
>;
