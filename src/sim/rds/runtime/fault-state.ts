/** The faults in force, with one-shot faults consumed as they fire. */
import type { ResolvedFaults } from '../world/fault-schema.js';

export interface InjectedFailure {
  code: string;
  message: string;
  status: number | undefined;
}

export interface FaultState {
  /** The faults still in force (counts already decremented). */
  current(): ResolvedFaults;
  /** Replaces every fault. */
  set(faults: ResolvedFaults): void;
  /** Spends a throttle token; true when the request must be answered `Throttling`. */
  throttled(nowMs: number): boolean;
  /** The injected failure for this call of `action`, if one is due. */
  takeFailure(action: string): InjectedFailure | undefined;
  lacksCapacity(instanceClass: string): boolean;
  takeBlueGreenCreate(): ResolvedFaults['blueGreenCreate'];
  takeSwitchover(): ResolvedFaults['switchover'];
}

export function createFaultState(initial: ResolvedFaults): FaultState {
  let faults = structuredClone(initial);
  let tokens = 0;
  let refilledAt = 0;

  const set = (next: ResolvedFaults) => {
    faults = structuredClone(next);
    tokens = faults.throttle?.burst ?? faults.throttle?.requestsPerSecond ?? 0;
    refilledAt = 0;
  };
  set(initial);

  return {
    current: () => structuredClone(faults),
    set,
    throttled(nowMs) {
      const throttle = faults.throttle;
      if (throttle === undefined) return false;
      const burst = throttle.burst ?? Math.max(1, Math.floor(throttle.requestsPerSecond));
      if (refilledAt > 0) {
        tokens = Math.min(
          burst,
          tokens + ((nowMs - refilledAt) / 1000) * throttle.requestsPerSecond,
        );
      }
      refilledAt = nowMs;
      if (tokens >= 1) {
        tokens -= 1;
        return false;
      }
      return true;
    },
    takeFailure(action) {
      const index = faults.failNext.findIndex((f) => f.action === action);
      const failure = faults.failNext[index];
      if (failure === undefined) return undefined;
      failure.count -= 1;
      if (failure.count <= 0) faults.failNext.splice(index, 1);
      return {
        code: failure.code,
        message: failure.message ?? `Injected failure of ${action} (emulator fault).`,
        status: failure.status,
      };
    },
    lacksCapacity: (instanceClass) => faults.insufficientCapacity.includes(instanceClass),
    takeBlueGreenCreate() {
      const value = faults.blueGreenCreate;
      delete faults.blueGreenCreate;
      return value;
    },
    takeSwitchover() {
      const value = faults.switchover;
      delete faults.switchover;
      return value;
    },
  };
}
