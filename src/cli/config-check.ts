import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';

/** A short, human summary of a valid configuration. */
export function summarizeConfig(config: Config): string {
  const lines = [`Configuration OK: ${config.configPath}`];
  const clusters = Object.values(config.clusters);
  lines.push(
    `Defaults: strategy ${config.defaults.strategy}, binlog_format ${config.defaults.binlogFormat}.`,
  );
  lines.push(`${clusters.length} cluster(s):`);
  for (const c of clusters) {
    const approvers = c.approvers.length > 0 ? c.approvers.join(', ') : '(nobody)';
    const requesters = c.requesters.length > 0 ? c.requesters.join(', ') : '(anyone)';
    lines.push(
      `  ${c.alias} → ${c.clusterIdentifier} (${c.region}, ${c.environment})`,
      `    requesters: ${requesters}; approvers: ${approvers}; two-person rule: ${c.twoPersonRule ? 'on' : 'off'}`,
    );
    if (c.probe === undefined) {
      lines.push('    probe: not configured (outages will not be measured)');
    } else if (c.probe.passwordEnv && c.probePassword === undefined) {
      lines.push(`    warning: ${c.probe.passwordEnv} is not set; the probe cannot log in`);
    }
  }
  return lines.join('\n');
}

export function registerConfigCheck(program: Command): void {
  program
    .command('config')
    .description('work with the configuration file')
    .command('check')
    .description('validate the environment and the configuration file, then summarise it')
    .option(
      '-c, --config <file>',
      'configuration file (default: $AURORA_BOT_CONFIG or ./aurora-bot.yaml)',
    )
    .action((options: { config?: string }) => {
      const config = loadConfig(options.config === undefined ? {} : { configPath: options.config });
      process.stdout.write(`${summarizeConfig(config)}\n`);
    });
}
