/**
 * The outage probe benchmark (bench/probe.ts, its own script and document section) as a
 * scenario of `npm run bench`: spawned as is, its exit status and JSON targets taken over. It
 * writes its own results file (bench/results/probe[-quick].json) and document section.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from '../lib/scenario.js';
import { type Scenario, target } from '../lib/scenario.js';
import { ROOT } from '../lib/suite.js';

export const probe: Scenario = {
  name: 'probe',
  title: 'Outage probe accuracy',
  async run({ quick, log }) {
    const started = Date.now();
    const args = ['--import', 'tsx', 'bench/probe.ts', ...(quick ? ['--quick'] : [])];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'pipe'],
      });
      child.stderr.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line) log(line);
      });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    const file = join(ROOT, 'bench/results', quick ? 'probe-quick.json' : 'probe.json');
    let targets: Target[] = [];
    try {
      // why: a results file older than this run is a previous run's, not this one's.
      if (statSync(file).mtimeMs < started) throw new Error('stale results');
      targets = (JSON.parse(readFileSync(file, 'utf8')) as { targets: Target[] }).targets;
    } catch {
      // why: the probe benchmark crashed before writing results; the exit status says so.
    }
    return {
      targets: [...targets, target('bench/probe.ts exits 0', code === 0, `exit ${code}`)],
    };
  },
};
