/** The fleet benchmark's result shape and its Markdown section. */

import type { ErrorInfo } from '../../src/workflow/types.js';
import type { CallRate } from '../lib/call-rate.js';
import { type Machine, machineLine } from '../lib/machine.js';
import { table, targetLines } from '../lib/markdown.js';
import type { KeyUsage } from '../lib/redis-memory.js';
import type { Target } from '../lib/scenario.js';

export interface FleetData {
  command: string;
  machine: Machine;
  params: { runs: number; budget: number; speed: number; outageScale: number; timeoutMs: number };
  probes: string;
  runs: {
    created: number;
    succeeded: number;
    failed: { id: string; error: ErrorInfo | undefined }[];
    wallS: number;
    durationS: { p50: number; max: number };
  };
  rds: CallRate & { callsPerRun: number; budget: number };
  worker: {
    rssPeakMiB: number;
    rssMeanMiB: number;
    rssAtStartMiB: number;
    vmHwmMiB: number;
    samples: number;
  };
  redis: {
    usedMemoryBefore: number;
    usedMemoryAfter: number;
    usedMemoryDeltaPerRunKiB: number;
    keyBytesPerRunKiB: number;
    keys: KeyUsage;
  };
}

export function fleetSection(d: FleetData, targets: readonly Target[]): string {
  const families = Object.entries(d.redis.keys.byFamily)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([family, u]) => [
      `\`${family}\``,
      u.keys,
      (u.bytes / 1024).toFixed(1),
      (u.bytes / 1024 / d.runs.created).toFixed(2),
    ]);
  const actions = Object.entries(d.rds.byAction)
    .sort((a, b) => b[1] - a[1])
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');
  return [
    `Reproduce with \`${d.command}\` (needs \`redis-server\` on the PATH and MariaDB on 127.0.0.1:3306 for the emulator; the scenario starts its own Redis on a free port). Raw results: \`bench/results/fleet.json\`.`,
    machineLine(d.machine),
    '',
    `${d.params.runs} blue/green runs (\`r6g.large\` → \`r6g.2xlarge\`, every gate pre-approved with \`preApproved: true\`) on ${d.params.runs} emulated clusters shaped like prod-db (writer + reader \`db.r6g.large\`, default parameter group, so each run also creates a binlog parameter group and reboots its writer). The emulator runs at speed ${d.params.speed} (outages × ${d.params.outageScale}); ONE worker process (BullMQ concurrency ${d.params.runs}) drives all runs with \`rdsRequestsPerSecond: ${d.params.budget}\`. Probes: ${d.probes} (the probe's own cost is in the probe section). The request rate is counted at the emulator, per wall-clock second, which is the window the bot's Redis budget counts in.`,
    '',
    '### Targets',
    '',
    ...targetLines(targets),
    '',
    '### Figures',
    '',
    ...table(
      ['figure', 'value'],
      [
        ['runs succeeded', `${d.runs.succeeded} / ${d.runs.created}`],
        ['wall time, all runs', `${d.runs.wallS} s`],
        ['run duration p50 / max', `${d.runs.durationS.p50} s / ${d.runs.durationS.max} s`],
        ['RDS requests (total, per run)', `${d.rds.total}, ${d.rds.callsPerRun}`],
        ['RDS rate: peak per wall-clock second', `${d.rds.peak}/s (budget ${d.rds.budget}/s)`],
        ['RDS rate: mean over the run', `${d.rds.mean}/s over ${d.rds.spanS} s`],
        ['RDS rate: peak in any 1000 ms (unaligned)', `${d.rds.slidingPeak}`],
        [
          'RDS answers',
          Object.entries(d.rds.byOutcome)
            .map(([k, n]) => `${k} ${n}`)
            .join(', '),
        ],
        [
          'worker RSS: peak (200 ms samples) / kernel high-water mark',
          `${d.worker.rssPeakMiB} MiB / ${d.worker.vmHwmMiB} MiB`,
        ],
        [
          'worker RSS: mean / idle before the runs',
          `${d.worker.rssMeanMiB} MiB / ${d.worker.rssAtStartMiB} MiB`,
        ],
        [
          'Redis memory per finished run: `used_memory` delta / runs',
          `${d.redis.usedMemoryDeltaPerRunKiB} KiB`,
        ],
        [
          'Redis memory per finished run: `MEMORY USAGE` of the run keys / runs',
          `${d.redis.keyBytesPerRunKiB} KiB`,
        ],
      ],
    ),
    '',
    `Requests by action: ${actions}. Answers other than \`ok\` are the engine looking before it acts (is the run's binlog parameter group there yet, is the old cluster gone), not errors.`,
    '',
    `The budget, not the worker, sets the pace: the mean rate equals the budget, and since every run needs about ${Math.round(d.rds.callsPerRun)} requests and ${d.params.runs} runs share ${d.params.budget} requests/s, each run advances by about one request every ${Math.round(d.params.runs / d.params.budget)} s and all of them finish together (≈ ${Math.round((d.rds.callsPerRun * d.params.runs) / d.params.budget)} s). At AWS speed (green creation alone takes about 50 minutes) the same budget spreads over hours. The fixed one-second windows of the budget allow up to twice the budget within an unaligned 1000 ms span (the burst at the end of one window and the start of the next), which the row *peak in any 1000 ms* shows.`,
    '',
    '### Redis keys after the runs (BullMQ keeps completed jobs for 7 days)',
    '',
    ...table(['key family', 'keys', 'KiB', 'KiB per run'], families),
    '',
    "The worker is started with `node --import tsx` (TypeScript compiled on the fly), as in development; RSS is read from `/proc/<pid>/status` (`VmRSS` every 200 ms and the kernel's `VmHWM`).",
  ].join('\n');
}
