/** Which machine a figure was measured on, and how busy it was. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  redis: string;
  /** 1-minute load average when the scenario started (other work shares the machine). */
  loadAtStart: number;
  date: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    // why: not Linux; fall back to what Node reports.
  }
  return cpus()[0]?.model.trim() ?? 'unknown';
}

function redisVersion(): string {
  try {
    return /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machine(): Machine {
  return {
    nproc: Number(execFileSync('nproc').toString().trim()),
    cpu: cpuModel(),
    node: process.version,
    redis: redisVersion(),
    loadAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString().slice(0, 10),
  };
}

export function machineLine(m: Machine): string {
  return `Machine: ${m.nproc} CPU cores (\`nproc\`), ${m.cpu}, Node ${m.node}, Redis ${m.redis}; run ${m.date}, 1-min load average ${m.loadAtStart} at the start (the machine was shared with other work).`;
}
