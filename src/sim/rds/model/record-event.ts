import { EVENTS, type EventName } from './event-catalog.js';
import type { SimState } from './sim-state.js';

/** Events older than this are dropped, as RDS keeps 14 days. */
const RETENTION_MS = 14 * 24 * 3_600_000;

export interface EventSource {
  sourceType:
    | 'db-instance'
    | 'db-cluster'
    | 'db-parameter-group'
    | 'blue-green-deployment'
    | 'db-cluster-snapshot';
  sourceIdentifier: string;
  sourceArn: string;
}

/** Appends an event dated `now`. */
export function recordEvent(
  state: SimState,
  now: Date,
  name: EventName,
  source: EventSource,
  message: string,
): void {
  const template = EVENTS[name];
  const cutoff = now.getTime() - RETENTION_MS;
  while (state.events.length > 0 && Date.parse(state.events[0]?.date ?? '') < cutoff) {
    state.events.shift();
  }
  state.events.push({
    eventId: template.id,
    date: now.toISOString(),
    ...source,
    message,
    categories: [...template.categories],
  });
}
