/** The RDS emulator's public API (see start-rds-emulator.ts). */
export { MUTATING_ACTIONS } from './actions/action-registry.js';
export { fetchSimCalls, fetchSimState, postSimFaults, postSimReset } from './control-client.js';
export type { CallLogEntry } from './runtime/call-log.js';
export {
  type RdsEmulator,
  type RdsEmulatorOptions,
  startRdsEmulator,
} from './start-rds-emulator.js';
export type { FaultSpec } from './world/fault-schema.js';
export { defaultWorldPath, loadWorld, parseWorldText } from './world/load-world.js';
export type { OutageOperation, ResolvedWorld, World } from './world/world-schema.js';
