/**
 * `npm run bench [-- --quick] [-- --only fleet]`: the benchmark suite. Each scenario is one file;
 * add it to the list below. Results go to bench/results/ and docs/benchmarks.md.
 */
import { runSuite } from './lib/suite.js';
import { clickToAction } from './scenarios/click-to-action.js';
import { fleet } from './scenarios/fleet.js';
import { probe } from './scenarios/probe.js';
import { slackAck } from './scenarios/slack-ack.js';

const HEADER =
  '# Benchmarks\n\nEach section is written by its own benchmark suite; other sections are added by other suites.\n';

process.exitCode = await runSuite({
  name: 'bench',
  doc: 'docs/benchmarks.md',
  header: HEADER,
  scenarios: [probe, fleet, slackAck, clickToAction],
});
