/**
 * `aurora-bot audit export <run-id> --format json|md [--output FILE]`: the run's audit log,
 * verified against its hash chain, as JSON (every field, recomputable) or Markdown. Exits 1 when
 * the chain is broken, after writing the export.
 */
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { UserError } from '../errors.js';
import {
  type AuditFormat,
  renderAuditJson,
  renderAuditMarkdown,
} from '../slack/audit/render-export.js';
import { EXIT } from './exit.js';
import { openServices } from './services.js';

export function registerAuditExport(audit: Command): void {
  audit
    .command('export')
    .description("export a run's verified audit log as JSON or Markdown")
    .argument('<id>', 'run id')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['json', 'md']).default('json'),
    )
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('-c, --config <file>', 'configuration file')
    .action(
      async (id: string, options: { format: AuditFormat; output?: string; config?: string }) => {
        const services = await openServices(options.config ? { configPath: options.config } : {});
        try {
          const [run, entries, verification] = await Promise.all([
            services.engine.getRun(id),
            services.engine.audit(id),
            services.engine.verifyAudit(id),
          ]);
          if (!run && entries.length === 0) {
            throw new UserError('unknown_run', `There is no run ${id}.`, {
              hint: 'List runs with `npx aurora-bot runs list`.',
            });
          }
          const render = options.format === 'md' ? renderAuditMarkdown : renderAuditJson;
          const text = render(id, run, entries, verification);
          if (options.output) writeFileSync(options.output, text);
          else process.stdout.write(text);
          if (!verification.ok) {
            process.stderr.write(
              `Audit log of ${id} is BROKEN at entry ${verification.brokenAt}: ${verification.reason}\n`,
            );
            process.exitCode = EXIT.failed;
          }
        } finally {
          await services.close();
        }
      },
    );
}
