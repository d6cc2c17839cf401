/**
 * The simulated Aurora: an RDS Query API that the unmodified @aws-sdk/client-rds talks to
 * (via AWS_ENDPOINT_URL_RDS), with timed state machines and live MySQL endpoints whose
 * outages are real.
 */
import type { Server } from 'node:http';
import { ConfigError, UnavailableError, UserError } from '../../errors.js';
import { createLogger, type Logger } from '../../logger.js';
import { assertReachable, DEFAULT_MYSQL_URL, parseMysqlUrl } from './backing-mysql.js';
import { handleQuery } from './handle-query.js';
import { createEmulatorServer } from './http-server.js';
import type { CallLogEntry } from './runtime/call-log.js';
import { closeContext, createContext } from './runtime/create-context.js';
import type { SimContext } from './runtime/sim-context.js';
import { stateJson } from './state-json.js';
import { type FaultSpec, faultSpecSchema } from './world/fault-schema.js';
import { formatProblems } from './world/format-problems.js';
import { loadWorld } from './world/load-world.js';
import type { World } from './world/world-schema.js';

export interface RdsEmulatorOptions {
  /** API listen host, default 127.0.0.1. */
  host?: string;
  /** API port; 0 picks a free one (the CLI defaults to 4599). */
  port?: number;
  /** Divides every control-plane duration (default 1). */
  speed?: number;
  /** Multiplies outage lengths, independently of speed (default 1). */
  outageScale?: number;
  /** A World object or a path to a world YAML; the default world when absent. */
  world?: World | string;
  /** Backing server URL, default mysql://root@127.0.0.1:3306. */
  mysql?: string;
  /** Port shared by all data-plane endpoints; 0/undefined picks a free one. */
  dataPort?: number;
  /** Makes random suffixes, ids and outage lengths reproducible. */
  seed?: number;
  logger?: Logger;
}

export interface RdsEmulator {
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL_RDS should be set to. */
  url: string;
  close(): Promise<void>;
  /** Same JSON as GET /_sim/state. */
  state(): unknown;
  /** Same as GET /_sim/calls. */
  calls(): CallLogEntry[];
  /** Same as POST /_sim/faults: replaces every fault (`{}` clears them). */
  setFaults(faults: FaultSpec): void;
  /** Same as POST /_sim/reset: back to the world file, call log cleared. */
  reset(): Promise<void>;
}

function checkNumber(
  name: string,
  value: number | undefined,
  ok: (n: number) => boolean,
  rule: string,
) {
  if (value !== undefined && !(Number.isFinite(value) && ok(value))) {
    throw new UserError('sim_rds_bad_option', `Invalid ${name}: ${value} (${rule}).`);
  }
}

const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Starts the emulator: loads the world, checks the backing MySQL is reachable, starts one
 * data-plane proxy per endpoint and the HTTP API. Resolves once requests are accepted.
 * Throws UserError (bad options), ConfigError (bad world) or UnavailableError (MySQL down,
 * port taken).
 */
export async function startRdsEmulator(options: RdsEmulatorOptions = {}): Promise<RdsEmulator> {
  checkNumber('speed', options.speed, (n) => n > 0, 'a number above 0');
  checkNumber('outage scale', options.outageScale, (n) => n >= 0, 'a number of at least 0');
  checkNumber('port', options.port, isPort, 'an integer from 0 to 65535');
  checkNumber('data port', options.dataPort, isPort, 'an integer from 0 to 65535');
  const speed = options.speed ?? 1;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const world = loadWorld(options.world);
  const target = parseMysqlUrl(options.mysql ?? DEFAULT_MYSQL_URL);
  await assertReachable(target);

  const build = (dataPort: number | undefined) =>
    createContext({
      world,
      speed,
      outageScale: options.outageScale ?? 1,
      seed: options.seed,
      target,
      dataPort,
      logger,
    });
  let ctx: SimContext = await build(options.dataPort || undefined);
  // why: requests that arrive during a reset wait for the new world instead of seeing half of one.
  let ready: Promise<SimContext> = Promise.resolve(ctx);
  let calls: CallLogEntry[] = [];

  const reset = async () => {
    // why: chained, so overlapping resets never build two worlds or leak the older one's proxies.
    const next = ready.then(async (old) => {
      await closeContext(old);
      ctx = await build(old.dataPlane.port || options.dataPort || undefined);
      calls = [];
      return ctx;
    });
    ready = next;
    await next;
  };
  const setFaults = (faults: FaultSpec) => {
    const parsed = faultSpecSchema.safeParse(faults);
    if (!parsed.success) {
      throw new ConfigError('Invalid faults:', formatProblems(parsed.error.issues));
    }
    ctx.faults.set(parsed.data);
  };

  const server = createEmulatorServer(
    {
      async query(request) {
        const current = await ready;
        const time = current.now().toISOString();
        const answer = await handleQuery(current, request);
        calls.push({
          time,
          action: answer.action,
          params: answer.params,
          outcome: answer.outcome,
          requestId: request.requestId,
        });
        logger.debug(
          { action: answer.action, outcome: answer.outcome, requestId: request.requestId },
          'rds call',
        );
        return answer;
      },
      state: async () => stateJson(await ready, { speed }),
      calls: () => structuredClone(calls),
      setFaults: async (faults) => {
        await ready;
        setFaults(faults);
      },
      reset,
    },
    logger,
  );
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, host, options.port ?? 0);
  } catch (error) {
    await closeContext(ctx);
    throw new UnavailableError(
      'sim_rds_port_taken',
      `Cannot listen on ${host}:${options.port ?? 0}.`,
      {
        hint: 'Another process uses that port; pass another --port (0 picks a free one).',
        cause: error,
      },
    );
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info(
    { url, dataPort: ctx.dataPlane.port, speed, outageScale: ctx.outageScale },
    'RDS emulator started',
  );

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await closeContext(await ready);
      })();
      return closing;
    },
    state: () => stateJson(ctx, { speed }),
    calls: () => structuredClone(calls),
    setFaults,
    reset,
  };
}
