/**
 * `aurora-bot probe`: measures the outage a real MySQL client sees through the writer (and
 * optionally reader) endpoint until --duration elapses or SIGINT/SIGTERM, then prints a summary
 * or the JSON report. Exit 0 when measured, 1 when no baseline was ever established, 2 on bad
 * input or credentials.
 */
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { readSecretEnv } from '../config.js';
import { parseDuration } from '../duration.js';
import { AppError, UserError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import {
  type Endpoint,
  formatProbeSummary,
  type Probe,
  type ProbeReport,
  parseEndpoint,
  startProbe,
} from '../probe/index.js';
import { writeReportFile } from '../probe/report-file.js';

/** How often --report FILE is rewritten while probing (ms): a crash loses at most this much. */
const REPORT_EVERY_MS = 2000;

interface ProbeCommandOptions {
  writer: Endpoint;
  reader?: Endpoint;
  user: string;
  passwordEnv?: string;
  passwordFile?: string;
  password?: string;
  database: string;
  intervalMs: number;
  timeoutMs: number;
  duration?: number;
  readOnly?: boolean;
  json?: boolean;
  report?: string;
}

const endpointArg = (value: string): Endpoint => {
  const endpoint = parseEndpoint(value);
  if (!endpoint) throw new InvalidArgumentError('expected HOST:PORT, e.g. db.example.com:3306');
  return endpoint;
};
const msArg = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`expected whole milliseconds from ${min} to ${max}`);
  return n;
};
const durationArg = (value: string) => {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0)
    throw new InvalidArgumentError('expected a duration such as 30s, 5m or 1h30m');
  return ms;
};

function resolvePassword(options: ProbeCommandOptions): string | undefined {
  const given = [options.passwordEnv, options.passwordFile, options.password].filter(
    (v) => v !== undefined,
  );
  if (given.length > 1)
    throw new UserError(
      'probe_usage',
      'Give the password one way only: --password-env, --password-file or --password.',
    );
  if (options.passwordEnv !== undefined) {
    const value = readSecretEnv(options.passwordEnv);
    if (value === undefined)
      throw new UserError('probe_usage', `${options.passwordEnv} is not set or empty.`, {
        hint: `Export it first (export ${options.passwordEnv}=…), or use --password-file FILE.`,
      });
    return value;
  }
  if (options.passwordFile !== undefined) {
    try {
      return readFileSync(options.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new UserError('probe_usage', `Cannot read ${options.passwordFile}.`, {
        cause: error,
      });
    }
  }
  return options.password;
}

/** Resolves when --duration elapses or a signal arrives ('done'), or with the probe's fatal error. */
function waitForEnd(probe: Probe, durationMs: number | undefined): Promise<'done' | UserError> {
  return new Promise((resolve) => {
    const finish = (outcome: 'done' | UserError) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(outcome);
    };
    const onSignal = () => finish('done');
    const timer = durationMs === undefined ? undefined : setTimeout(onSignal, durationMs);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    probe.fatal.catch((error: UserError) => finish(error));
  });
}

function warnWithoutBaseline(probe: Probe, logger: Logger, afterMs: number): void {
  void probe.waitForBaseline(afterMs).then((ok) => {
    const report = probe.snapshot();
    if (ok || Date.parse(report.endedAt) - Date.parse(report.startedAt) < afterMs) return;
    for (const e of [report.writer, report.reader]) {
      if (e && !e.baselineEstablished)
        logger.warn(
          { error: e.outages[0]?.firstError },
          `no successful operation on ${e.endpoint} yet; still probing`,
        );
    }
  });
}

async function runProbe(options: ProbeCommandOptions): Promise<void> {
  const password = resolvePassword(options);
  const logger = createLogger({ name: 'probe', pretty: process.stderr.isTTY === true });
  const probe = startProbe({
    writer: options.writer,
    ...(options.reader ? { reader: options.reader } : {}),
    user: options.user,
    ...(password === undefined ? {} : { password }),
    database: options.database,
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    readOnly: options.readOnly === true,
    logger,
  });
  const save = (report: ProbeReport) => {
    if (options.report) writeReportFile(options.report, report);
  };
  const saver = setInterval(() => save(probe.snapshot()), REPORT_EVERY_MS);
  warnWithoutBaseline(probe, logger, Math.min(5000, options.duration ?? 5000));
  const outcome = await waitForEnd(probe, options.duration);
  clearInterval(saver);
  const report = await probe.stop();
  save(report);
  if (outcome !== 'done') throw outcome;
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatProbeSummary(report)}\n`,
  );
  if (!report.baselineEstablished)
    throw new AppError('probe_no_baseline', 'No baseline: an endpoint never answered the probe.', {
      hint: 'Check the endpoint, network path and security groups; the report lists the errors seen.',
    });
}

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description(
      'measure the outage a MySQL client sees through the writer (and reader) endpoint, with bounds, and check for lost writes',
    )
    .requiredOption('--writer <host:port>', 'writer (cluster) endpoint', endpointArg)
    .option(
      '--reader <host:port>',
      'reader endpoint: read availability and replica lag',
      endpointArg,
    )
    .requiredOption('--user <user>', 'MySQL user')
    .option('--password-env <VAR>', 'environment variable holding the password')
    .option('--password-file <file>', 'file holding the password')
    .addOption(new Option('--password <password>', 'password (local use only)').hideHelp())
    .option('--database <name>', 'schema of the probe table, created if missing', 'aurora_probe')
    .option('--interval-ms <ms>', 'time between operations', msArg(10, 60_000), 100)
    .option(
      '--timeout-ms <ms>',
      'deadline of one operation, connect included',
      msArg(10, 600_000),
      1000,
    )
    .option(
      '--duration <duration>',
      'stop after this long (e.g. 60s, 5m); default: until Ctrl-C',
      durationArg,
    )
    .option('--read-only', 'probe with SELECT 1: no table, no write verification')
    .option('--json', 'print the JSON report instead of the summary')
    .option(
      '--report <file>',
      `keep the JSON report in FILE, rewritten every ${REPORT_EVERY_MS / 1000} s`,
    )
    .action((options: ProbeCommandOptions) => runProbe(options));
}
