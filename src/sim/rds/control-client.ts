/**
 * Typed helpers for the emulator's control API over HTTP, for tests and the demo running in
 * another process than the emulator.
 */
import { UnavailableError } from '../../errors.js';
import type { CallLogEntry } from './runtime/call-log.js';
import type { FaultSpec } from './world/fault-schema.js';

async function call(url: string, path: string, init?: RequestInit): Promise<unknown> {
  const target = new URL(path, url).href;
  let response: Response;
  try {
    response = await fetch(target, init);
  } catch (cause) {
    throw new UnavailableError('sim_rds_unreachable', `Cannot reach the RDS emulator at ${url}.`, {
      hint: 'Start it with `npx aurora-bot sim rds` (or check the URL).',
      cause,
    });
  }
  const body: unknown = await response.json();
  if (!response.ok) {
    throw new UnavailableError(
      'sim_rds_control_failed',
      `${init?.method ?? 'GET'} ${path} answered ${response.status}: ${JSON.stringify(body)}`,
    );
  }
  return body;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** GET /_sim/state: the full emulator state. */
export function fetchSimState(url: string): Promise<unknown> {
  return call(url, '/_sim/state');
}

/** GET /_sim/calls: every API request so far, oldest first. */
export async function fetchSimCalls(url: string): Promise<CallLogEntry[]> {
  return (await call(url, '/_sim/calls')) as CallLogEntry[];
}

/** POST /_sim/faults: replaces every fault; `{}` clears them. */
export async function postSimFaults(url: string, faults: FaultSpec): Promise<void> {
  await call(url, '/_sim/faults', post(faults));
}

/** POST /_sim/reset: back to the world file, call log cleared. */
export async function postSimReset(url: string): Promise<void> {
  await call(url, '/_sim/reset', post({}));
}
