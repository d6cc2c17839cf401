import type { EngineEvent } from '../../workflow/types.js';

/** The engine event of one `type`. */
export type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;
