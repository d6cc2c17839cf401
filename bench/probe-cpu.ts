/**
 * CPU used by the probe at its defaults, in a process of its own so nothing else is counted.
 * Probes the local MariaDB for a warm-up, then measures process CPU time over `seconds`.
 * Prints one JSON line: {"seconds", "cpuPercent", "ops", "withReader"}.
 *
 * Usage: tsx bench/probe-cpu.ts SECONDS DATABASE [reader]
 */
import { startProbe } from '../src/probe/index.js';

const seconds = Number(process.argv[2] ?? 20);
const database = process.argv[3] ?? 'aurora_probe_bench';
const withReader = process.argv[4] === 'reader';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const local = { host: '127.0.0.1', port: 3306 };

const probe = startProbe({
  writer: local,
  ...(withReader ? { reader: local } : {}),
  user: 'root',
  database,
});
if (!(await probe.waitForBaseline(10_000))) throw new Error('no baseline against local MariaDB');
await sleep(2000);
const opsBefore = probe.snapshot().writer.ops;
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
await sleep(seconds * 1000);
const cpu = process.cpuUsage(cpuBefore);
const wallMs = performance.now() - wallBefore;
const ops = probe.snapshot().writer.ops - opsBefore;
await probe.stop();
const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
process.stdout.write(
  `${JSON.stringify({ seconds, cpuPercent: Math.round(cpuPercent * 100) / 100, ops, withReader })}\n`,
);
