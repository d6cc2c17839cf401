import type { SlackSimFaults } from './types.js';

export type InjectedFault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error' };

/** Counts Web API calls and says which one to fail, per {@link SlackSimFaults}. */
export class FaultPlan {
  #faults: SlackSimFaults = {};
  #count = 0;

  set(faults: SlackSimFaults): void {
    this.#faults = { ...faults };
    this.#count = 0;
  }

  /** Registers one call; returns the fault to inject into it, if any (429 wins over 500). */
  next(): InjectedFault | undefined {
    this.#count += 1;
    const { rateLimitEvery, serverErrorEvery, retryAfterSeconds } = this.#faults;
    if (rateLimitEvery && rateLimitEvery > 0 && this.#count % rateLimitEvery === 0) {
      return { kind: 'rate_limited', retryAfterSeconds: retryAfterSeconds ?? 1 };
    }
    if (serverErrorEvery && serverErrorEvery > 0 && this.#count % serverErrorEvery === 0) {
      return { kind: 'server_error' };
    }
    return undefined;
  }
}
