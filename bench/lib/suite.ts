/**
 * The tiny runner behind `npm run bench` and `npm run chaos`: runs the suite's scenarios one
 * after another, writes each one's JSON to bench/results/, and (full runs only) its section of
 * the suite's document; exits 1 when any target is missed or a scenario throws.
 *
 *   --quick         the CI variant of every scenario (JSON to <name>-quick.json, docs untouched)
 *   --only a,b      run only these scenarios
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeMarkedSection } from './doc-section.js';
import type { Scenario, Target } from './scenario.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface Suite {
  /** `bench` or `chaos`: the npm script, for messages. */
  name: string;
  /** Document the sections go to, relative to the repository root. */
  doc: string;
  /** Written when the document does not exist yet. */
  header: string;
  scenarios: readonly Scenario[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function runSuite(suite: Suite, argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const quick = values.quick === true;
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !suite.scenarios.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) {
    log(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${suite.scenarios.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const chosen = suite.scenarios.filter((s) => !only || only.includes(s.name));
  const summary: { scenario: string; seconds: number; targets: Target[]; error?: string }[] = [];
  const started = Date.now();
  for (const scenario of chosen) {
    const t0 = Date.now();
    log(`\n== ${suite.name}: ${scenario.name}${quick ? ' (quick)' : ''}`);
    try {
      const outcome = await scenario.run({ quick, log: (line) => log(`  ${line}`) });
      if (outcome.data !== undefined) {
        mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
        const file = join(ROOT, 'bench/results', `${scenario.name}${quick ? '-quick' : ''}.json`);
        const json = { ...outcome.data, targets: outcome.targets };
        writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
      }
      if (!quick && outcome.section !== undefined) {
        writeMarkedSection(
          join(ROOT, suite.doc),
          suite.header,
          scenario.name,
          scenario.title,
          outcome.section,
        );
      }
      summary.push({
        scenario: scenario.name,
        seconds: (Date.now() - t0) / 1000,
        targets: outcome.targets,
      });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`  scenario failed: ${message}`);
      summary.push({
        scenario: scenario.name,
        seconds: (Date.now() - t0) / 1000,
        targets: [],
        error: message,
      });
    }
  }
  log(`\n== ${suite.name} summary (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  let ok = true;
  for (const s of summary) {
    log(`${s.scenario} (${s.seconds.toFixed(1)} s)${s.error ? ': ERROR' : ''}`);
    if (s.error) ok = false;
    for (const t of s.targets) {
      log(`  ${t.ok ? 'met   ' : 'MISSED'} ${t.name}: ${t.detail}`);
      if (!t.ok) ok = false;
    }
  }
  return ok ? 0 : 1;
}
