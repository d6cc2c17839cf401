import {
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  loadWorld,
  type RdsEmulator,
  type RdsEmulatorOptions,
  type ResolvedWorld,
  startRdsEmulator,
  type World,
} from '../../src/sim/rds/index.js';

export const REGION = 'ap-northeast-2';
export const ACCOUNT = '123456789012';
export const clusterArn = (id: string) => `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${id}`;
export const instanceArn = (id: string) => `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`;

/** The default world with some control-plane durations (ms at speed 1) replaced. */
export function defaultWorldWith(durations: Partial<ResolvedWorld['durations']>): World {
  const world = loadWorld(undefined);
  return { ...world, durations: { ...world.durations, ...durations } };
}

export interface TestEmulator {
  emulator: RdsEmulator;
  rds: RDSClient;
  /** Stops the client and the emulator. */
  close(): Promise<void>;
}

/**
 * Starts an emulator (fast by default) and an SDK client that finds it the way the bot
 * does: through AWS_ENDPOINT_URL_RDS, with no endpoint option on the client.
 */
export async function startTestEmulator(options: RdsEmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startRdsEmulator({
    speed: 10_000,
    outageScale: 0.001,
    seed: 7,
    ...options,
  });
  process.env.AWS_ENDPOINT_URL_RDS = emulator.url;
  const rds = new RDSClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
  });
  return {
    emulator,
    rds,
    async close() {
      rds.destroy();
      await emulator.close();
    },
  };
}

/**
 * {@link startTestEmulator} before the file's tests (or before each test) and closed after them;
 * the returned object always reads the current one.
 */
export function useTestEmulator(
  options: RdsEmulatorOptions = {},
  per: 'file' | 'test' = 'file',
): TestEmulator {
  let current: TestEmulator | undefined;
  const [before, after] = per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await startTestEmulator(options);
  });
  after(async () => {
    await current?.close();
    current = undefined;
  });
  const get = (): TestEmulator => {
    if (!current) throw new Error('the test emulator runs only while tests run');
    return current;
  };
  return {
    get emulator() {
      return get().emulator;
    },
    get rds() {
      return get().rds;
    },
    close: () => get().close(),
  };
}

/** Polls `probe` every `intervalMs` until it returns a value other than undefined/false. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
  intervalMs = 5,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const describeCluster = async (rds: RDSClient, id: string) =>
  (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters?.[0];

export const describeInstance = async (rds: RDSClient, id: string) =>
  (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];

/** Finds a deployment the way the bot does: by name. */
export const deploymentNamed = async (rds: RDSClient, name: string) =>
  (
    await rds.send(
      new DescribeBlueGreenDeploymentsCommand({
        Filters: [{ Name: 'blue-green-deployment-name', Values: [name] }],
      }),
    )
  ).BlueGreenDeployments?.[0];
