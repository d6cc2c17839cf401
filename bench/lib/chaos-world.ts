/**
 * The chaos suite's emulator settings: control-plane steps long enough for a kill or a Redis
 * restart to land inside them, outages short enough for a quick run.
 */
import type { World } from '../../src/sim/rds/index.js';

/** Emulator speed for the chaos suite: green creation (50 min at speed 1) takes 3 s. */
export const CHAOS_SPEED = 1000;
/** Outage multiplier: switchover 1–1.5 s, failover 0.5–0.75 s, in-place modify 3–4.5 s. */
export const CHAOS_OUTAGE_SCALE = 0.05;

export function chaosWorld(world: World): World {
  return {
    ...world,
    outages: {
      reboot: { mode: 'refuse', min: '3s', max: '6s' },
      failover: { mode: 'refuse', min: '10s', max: '15s' },
      modify: { mode: 'refuse', min: '60s', max: '90s' },
      switchover: { mode: 'refuse', min: '20s', max: '30s' },
    },
  };
}

/** Engine timings of the chaos workers (ms): quick polls, short probe settle. */
export const CHAOS_TIMING = {
  pollMs: 100,
  baselineTimeoutMs: 3000,
  settleMs: 300,
  settleTimeoutMs: 20_000,
  approvalSliceMs: 300,
};

/** BullMQ settings of the chaos workers: a killed worker's job is picked up within ~4 s. */
export const CHAOS_WORKER = { concurrency: 20, lockDurationMs: 3000, stalledIntervalMs: 1000 };

export const CHAOS_CONFIG = {
  rdsRequestsPerSecond: 100,
  probe: { settleMs: 300 },
  pollInterval: '100ms',
  greenPollInterval: '100ms',
};
