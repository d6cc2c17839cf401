/**
 * `npm run chaos [-- --quick] [-- --only worker-kill]`: the chaos suite. Each scenario is one
 * file; add it to the list below. Results go to bench/results/ and docs/reliability.md.
 */
import { runSuite } from '../lib/suite.js';
import { forgedRequests } from './forged-requests.js';
import { fuzz } from './fuzz.js';
import { rdsThrottle } from './rds-throttle.js';
import { redisRestart } from './redis-restart.js';
import { slackStorm } from './slack-storm.js';
import { workerKill } from './worker-kill.js';

const HEADER = `# Reliability

What happens to runs under faults, measured by \`npm run chaos\` (\`bench/chaos/\`): each scenario starts its own Redis, RDS emulator and worker processes, injects one kind of fault, and counts from two independent records, the emulator's call log (what RDS received) and each run's audit log (what the bot says it did). Each section names the command that reproduces it and the machine it ran on. \`npm run chaos -- --quick\` runs a smaller variant of every scenario, with the same targets, in CI.
`;

process.exitCode = await runSuite({
  name: 'chaos',
  doc: 'docs/reliability.md',
  header: HEADER,
  scenarios: [workerKill, redisRestart, rdsThrottle, slackStorm, forgedRequests, fuzz],
});
