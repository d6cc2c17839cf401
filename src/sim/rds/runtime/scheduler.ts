/**
 * Every wait of the emulator goes through here, so that time compression is applied in one
 * place and `close()` really stops everything: control-plane waits are divided by `speed`,
 * wall-clock waits (outage lengths) are not.
 */
import type { Logger } from '../../../logger.js';

/** Thrown into pending waits when the scheduler closes; flows end quietly on it. */
export class SchedulerClosedError extends Error {
  constructor() {
    super('scheduler closed');
    this.name = 'SchedulerClosedError';
  }
}

export interface Scheduler {
  /** Waits `ms` of simulated control-plane time, i.e. `ms / speed` real milliseconds. */
  control(ms: number): Promise<void>;
  /** Waits `ms` real milliseconds (outage lengths are not compressed). */
  wall(ms: number): Promise<void>;
  /** Runs a timed flow in the background; errors are logged, closing ends it quietly. */
  spawn(name: string, flow: () => Promise<void>): void;
  /** Cancels every pending wait and waits for the running flows to settle. */
  close(): Promise<void>;
  readonly closed: boolean;
}

export function createScheduler(options: { speed: number; logger: Logger }): Scheduler {
  const pending = new Map<NodeJS.Timeout, () => void>();
  const flows = new Set<Promise<void>>();
  let closed = false;

  const wall = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (closed) return reject(new SchedulerClosedError());
      const timer = setTimeout(
        () => {
          pending.delete(timer);
          resolve();
        },
        Math.max(0, ms),
      );
      pending.set(timer, () => reject(new SchedulerClosedError()));
    });

  return {
    control: (ms) => wall(ms / options.speed),
    wall,
    spawn(name, flow) {
      const running = flow()
        .catch((error: unknown) => {
          if (error instanceof SchedulerClosedError) return;
          options.logger.error({ err: error, flow: name }, 'emulator flow failed');
        })
        .finally(() => flows.delete(running));
      flows.add(running);
    },
    async close() {
      closed = true;
      for (const [timer, cancel] of pending) {
        clearTimeout(timer);
        cancel();
      }
      pending.clear();
      await Promise.allSettled([...flows]);
    },
    get closed() {
      return closed;
    },
  };
}
