/** `aurora-bot runs list|show|cancel|resume` and `audit verify`: inspect and steer runs. */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { runSummary } from '../workflow/run-summary.js';
import type { Actor } from '../workflow/types.js';
import { formatEventLine } from './event-line.js';
import { EXIT } from './exit.js';
import { openServices, type Services } from './services.js';

const cliActor = (): Actor => ({
  id: `cli:${userInfo().username}`,
  name: userInfo().username,
  via: 'cli',
});

async function withServices<T>(
  configPath: string | undefined,
  fn: (s: Services) => Promise<T>,
): Promise<T> {
  const services = await openServices(configPath ? { configPath } : {});
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

async function requireRun(s: Services, id: string) {
  const run = await s.engine.getRun(id);
  if (!run)
    throw new UserError(
      'unknown_run',
      `There is no run ${id}. List runs with \`npx aurora-bot runs list\`.`,
    );
  return run;
}

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('list, show, cancel or resume runs');
  runs
    .command('list')
    .description('recent runs, newest first')
    .option('--live', 'only runs that are not finished')
    .option('-c, --config <file>', 'configuration file')
    .action(async (options: { live?: boolean; config?: string }) =>
      withServices(options.config, async (s) => {
        const list = await s.engine.listRuns(options.live ? { live: true } : {});
        if (list.length === 0) process.stdout.write('No runs.\n');
        for (const r of list) {
          const step = r.steps[r.cursor]?.title ?? '';
          process.stdout.write(
            `${r.id}  ${r.status.padEnd(17)} ${r.cluster.alias} → ${r.targetClass} (${r.strategy})  ${step}\n`,
          );
        }
      }),
    );
  runs
    .command('show')
    .description("a run's summary as JSON, and its events with --events")
    .argument('<id>')
    .option('--events', 'also print the audit log as lines')
    .option('-c, --config <file>', 'configuration file')
    .action(async (id: string, options: { events?: boolean; config?: string }) =>
      withServices(options.config, async (s) => {
        const run = await requireRun(s, id);
        if (options.events)
          for (const entry of await s.engine.audit(id))
            process.stdout.write(`${formatEventLine(entry)}\n`);
        process.stdout.write(`${JSON.stringify(runSummary(run), null, 2)}\n`);
      }),
    );
  for (const verb of ['cancel', 'resume'] as const) {
    runs
      .command(verb)
      .description(
        verb === 'cancel'
          ? 'cancel a run before its irreversible step'
          : 'resume a run whose approval expired',
      )
      .argument('<id>')
      .option('-c, --config <file>', 'configuration file')
      .action(async (id: string, options: { config?: string }) =>
        withServices(options.config, async (s) => {
          await requireRun(s, id);
          const result =
            verb === 'cancel'
              ? await s.engine.cancel(id, cliActor())
              : await s.engine.resume(id, cliActor());
          if (!result.ok) throw new UserError(result.code, result.reason);
          process.stdout.write(`${result.message}\n`);
        }),
      );
  }
}

export function registerAuditVerify(audit: Command): void {
  audit
    .command('verify')
    .description("recompute a run's audit hash chain and report the first broken link")
    .argument('<id>')
    .option('-c, --config <file>', 'configuration file')
    .action(async (id: string, options: { config?: string }) =>
      withServices(options.config, async (s) => {
        await requireRun(s, id);
        const verdict = await s.engine.verifyAudit(id);
        if (verdict.ok) {
          process.stdout.write(
            `Audit log of ${id} verified: ${verdict.entries} entries, chain intact.\n`,
          );
        } else {
          process.stdout.write(
            `Audit log of ${id} is BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}.\n`,
          );
          process.exitCode = EXIT.failed;
        }
      }),
    );
}
