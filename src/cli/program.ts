/**
 * The `aurora-bot` command line. Each command lives in `src/cli/<name>.ts` and registers
 * itself here; errors of the project's vocabulary become one clear message and an exit status.
 * Heavy modules (Bolt, BullMQ, the AWS SDK, the simulators) are imported inside the actions that
 * use them, so `--help`, `config check` and the other quick commands start in about half the time.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, describeError, UserError } from '../errors.js';
import { packageVersion } from '../version.js';
import { registerAuditExport } from './audit-export.js';
import { registerConfigCheck } from './config-check.js';
import { registerDemo } from './demo.js';
import { EXIT } from './exit.js';
import { registerProbe } from './probe.js';
import { registerAuditVerify, registerRuns } from './runs.js';
import { registerScaleup } from './scaleup.js';
import { registerSimRds } from './sim-rds.js';
import { registerSimSlack } from './sim-slack.js';
import { registerStart, registerWorker } from './start.js';

export function buildProgram(): Command {
  const program = new Command('aurora-bot')
    .description(
      'Scale Amazon Aurora MySQL clusters from Slack, with approvals and measured downtime.',
    )
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  registerConfigCheck(program);
  registerProbe(program);
  registerScaleup(program);
  registerRuns(program);
  const audit = program.command('audit').description("verify or export a run's audit log");
  registerAuditVerify(audit);
  registerAuditExport(audit);
  registerStart(program);
  registerWorker(program);
  registerDemo(program);
  const sim = program
    .command('sim')
    .description('run a local simulator: the RDS API emulator or the Slack stand-in');
  registerSimRds(sim);
  registerSimSlack(sim);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    // why: long-running commands set their own status (e.g. scaleup exits 1 when the run failed).
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`${describeError(error)}\n`);
    return error instanceof ConfigError || error instanceof UserError ? EXIT.usage : EXIT.failed;
  }
}
