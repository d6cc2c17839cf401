/**
 * `aurora-bot sim rds`: runs the RDS emulator until SIGINT/SIGTERM. Prints exactly one line
 * on stdout once it accepts requests; logs go to stderr.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { loadEnv } from '../config.js';
import { createLogger } from '../logger.js';
import { EXIT } from './exit.js';
import { untilSignal } from './until-signal.js';

function parseNumber(rule: string, ok: (n: number) => boolean) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || !ok(n)) {
      throw new InvalidArgumentError(`must be ${rule}.`);
    }
    return n;
  };
}

const port = parseNumber(
  'an integer from 0 to 65535',
  (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
);
const positive = parseNumber('a number above 0', (n) => n > 0);
const nonNegative = parseNumber('a number of at least 0', (n) => n >= 0);
const integer = parseNumber('an integer', Number.isInteger);

interface SimRdsOptions {
  port: number;
  speed: number;
  outageScale: number;
  world?: string;
  mysql: string;
  dataPort?: number;
  seed?: number;
}

export function registerSimRds(sim: Command): void {
  sim
    .command('rds')
    .description('run the RDS API emulator with live MySQL endpoints (see src/sim/rds)')
    .option('--port <n>', 'API port (0 picks a free one)', port, 4599)
    .option('--speed <n>', 'divide control-plane durations by N', positive, 1)
    .option('--outage-scale <n>', 'multiply data-plane outage lengths by N', nonNegative, 1)
    .option('--world <file>', 'world YAML (default: the shipped default world)')
    .option('--mysql <url>', 'backing MySQL/MariaDB server', 'mysql://root@127.0.0.1:3306')
    .option('--data-port <n>', 'port shared by all database endpoints (default: a free one)', port)
    .option('--seed <n>', 'seed for reproducible names and outage lengths', integer)
    .action(async (options: SimRdsOptions) => {
      const env = loadEnv();
      const logger = createLogger({
        level: env.LOG_LEVEL,
        pretty: process.stderr.isTTY === true,
        name: 'sim-rds',
      });
      const { startRdsEmulator } = await import('../sim/rds/index.js');
      const emulator = await startRdsEmulator({
        port: options.port,
        speed: options.speed,
        outageScale: options.outageScale,
        mysql: options.mysql,
        logger,
        ...(options.world === undefined ? {} : { world: options.world }),
        ...(options.dataPort === undefined ? {} : { dataPort: options.dataPort }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
      process.stdout.write(`RDS emulator listening on ${emulator.url}\n`);
      const signal = await untilSignal();
      logger.info({ signal }, 'shutting down');
      await emulator.close();
      // why: a proxied socket that was half-closed and then reset (resetAndDestroy after end)
      // leaves a libuv handle that makes Node spin forever in its exit cleanup; everything is
      // closed at this point, so end the process explicitly.
      process.exit(EXIT.ok);
    });
}
