import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CreateBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  FailoverDBClusterCommand,
  RDSClient,
  RebootDBInstanceCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { World } from '../../src/sim/rds/index.js';
import { clusterArn, REGION, waitFor } from './helpers.js';
import { type SpawnedEmulator, spawnEmulator } from './spawn-emulator.js';

const SWITCHOVER_MS = 1500;
const REBOOT_MS = 800;
const FAILOVER_MS = 800;

const world: World = {
  outages: {
    switchover: { mode: 'refuse', min: `${SWITCHOVER_MS}ms`, max: `${SWITCHOVER_MS}ms` },
    reboot: { mode: 'reset', min: `${REBOOT_MS}ms`, max: `${REBOOT_MS}ms` },
    failover: { mode: 'blackhole', min: `${FAILOVER_MS}ms`, max: `${FAILOVER_MS}ms` },
  },
  parameterGroups: [{ name: 'app-binlog', parameters: { binlog_format: 'ROW' } }],
  clusters: [
    {
      identifier: 'app-db',
      parameterGroup: 'app-binlog',
      instances: [
        { identifier: 'app-db-1', class: 'db.r6g.large', role: 'writer' },
        { identifier: 'app-db-2', class: 'db.r6g.large', role: 'reader' },
      ],
    },
  ],
};

const schema = `sim_rds_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let emulator: SpawnedEmulator;
let rds: RDSClient;

// why: the emulator runs in its own process, as in a demo, so its outage timers and this
// test's connect loop do not share one event loop and the measured window stays honest.
beforeAll(async () => {
  const file = join(tmpdir(), `sim-rds-data-plane-${process.pid}.yaml`);
  writeFileSync(file, stringify(world));
  emulator = await spawnEmulator([
    '--port',
    '0',
    '--speed',
    '10000',
    '--world',
    file,
    '--seed',
    '7',
  ]);
  process.env.AWS_ENDPOINT_URL_RDS = emulator.url;
  rds = new RDSClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
  });
});
afterAll(async () => {
  const admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await admin.query(`DROP DATABASE IF EXISTS ${schema}`);
  await admin.end();
  rds?.destroy();
  expect(await emulator?.stop()).toBe(0);
});

const cluster = async (id: string) => {
  const c = (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id })))
    .DBClusters?.[0];
  if (c?.Endpoint === undefined || c.Port === undefined) throw new Error(`no endpoint for ${id}`);
  return { ...c, Endpoint: c.Endpoint, Port: c.Port };
};
const instanceStatus = async (id: string) =>
  (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0]
    ?.DBInstanceStatus;

/** Connects exactly as reported: host from the endpoint field, port from Port. */
const connect = (host: string, port: number, connectTimeout = 2000) =>
  mysql.createConnection({ host, port, user: 'root', connectTimeout });

async function connectError(host: string, port: number, connectTimeout = 2000): Promise<string> {
  try {
    const c = await connect(host, port, connectTimeout);
    c.destroy();
    return 'connected';
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}

describe('live data plane through reported endpoints (real mysql2, real MariaDB)', () => {
  it('when a client connects to each reported endpoint, then it reaches the backing server', async () => {
    const c = await cluster('app-db');
    const instances = (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
    const hosts = [
      c.Endpoint,
      c.ReaderEndpoint ?? '',
      ...instances.map((i) => i.Endpoint?.Address ?? ''),
    ];
    expect(new Set(hosts).size).toBe(4);
    expect(instances.every((i) => i.Endpoint?.Port === c.Port)).toBe(true);
    for (const host of hosts) {
      const conn = await connect(host, c.Port);
      const [rows] = await conn.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
      await conn.end();
    }
    const writer = await connect(c.Endpoint, c.Port);
    await writer.query(`CREATE DATABASE ${schema}`);
    await writer.query(`CREATE TABLE ${schema}.t (id INT PRIMARY KEY, v VARCHAR(20))`);
    await writer.query(`INSERT INTO ${schema}.t VALUES (1, 'before')`);
    await writer.end();
    const reader = await connect(c.ReaderEndpoint ?? '', c.Port);
    const [rows] = await reader.query(`SELECT v FROM ${schema}.t`);
    expect(rows).toEqual([{ v: 'before' }]);
    await reader.end();
  });

  it('when the writer reboots in reset mode, then open connections drop, new ones are reset, and it is available only after the outage', async () => {
    const c = await cluster('app-db');
    const open = await connect(c.Endpoint, c.Port);
    open.on('error', () => {});
    const started = performance.now();
    await rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'app-db-1' }));
    await expect(open.query('SELECT 1')).rejects.toThrow();
    expect(['ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'EPIPE']).toContain(
      await connectError(c.Endpoint, c.Port),
    );
    await waitFor(async () => (await instanceStatus('app-db-1')) === 'available', 'reboot done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(REBOOT_MS);
    expect(await connectError(c.Endpoint, c.Port)).toBe('connected');
  });

  it('when the cluster fails over in blackhole mode, then new connections time out until it completes', async () => {
    const c = await cluster('app-db');
    const started = performance.now();
    await rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'app-db' }));
    expect(await connectError(c.Endpoint, c.Port, 200)).toBe('ETIMEDOUT');
    await waitFor(async () => (await cluster('app-db')).Status === 'available', 'failover done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(FAILOVER_MS);
    expect(await connectError(c.Endpoint, c.Port)).toBe('connected');
  });

  it('when blue/green switches over, then open connections drop, the measured outage matches the configured one, and the blue endpoint reaches green', async () => {
    const created = await rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'app-scale',
        Source: clusterArn('app-db'),
      }),
    );
    const id = created.BlueGreenDeployment?.BlueGreenDeploymentIdentifier ?? '';
    const status = async () =>
      (
        await rds.send(
          new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }),
        )
      ).BlueGreenDeployments?.[0]?.Status;
    await waitFor(async () => (await status()) === 'AVAILABLE', 'AVAILABLE');
    const blue = await cluster('app-db');
    const open = await connect(blue.Endpoint, blue.Port);
    open.on('error', () => {});

    let stop = false;
    // A tight connect loop: `at` is when an attempt starts, `end` when its outcome is known.
    const samples: { at: number; end: number; ok: boolean }[] = [];
    const loop = (async () => {
      while (!stop) {
        const at = performance.now();
        try {
          (await connect(blue.Endpoint, blue.Port)).destroy();
          samples.push({ at, end: performance.now(), ok: true });
        } catch {
          samples.push({ at, end: performance.now(), ok: false });
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const called = performance.now();
    await rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
    // Slow polling keeps this process free for the connect loop while it measures.
    await waitFor(
      async () => (await status()) === 'SWITCHOVER_COMPLETED',
      'completion',
      15_000,
      100,
    );
    const completed = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop = true;
    await loop;

    const firstFailure = samples.findIndex((s) => !s.ok);
    const recovered = samples.findIndex((s, i) => i > firstFailure && s.ok);
    expect(firstFailure).toBeGreaterThan(0);
    expect(recovered).toBeGreaterThan(firstFailure);
    const [lastUp, firstDown, lastDown, firstUp] = [
      samples[firstFailure - 1],
      samples[firstFailure],
      samples[recovered - 1],
      samples[recovered],
    ].map((s) => s ?? { at: 0, end: 0, ok: false });
    // The outage began after the last success ended and before the first failure was seen;
    // it ended after the last failing attempt started and before the first success ended.
    const began = ((lastUp?.end ?? 0) + (firstDown?.end ?? 0)) / 2;
    const ended = ((lastDown?.at ?? 0) + (firstUp?.end ?? 0)) / 2;
    const measured = ended - began;
    expect(Math.abs(measured - SWITCHOVER_MS), `measured ${Math.round(measured)} ms`).toBeLessThan(
      100,
    );
    expect(samples.slice(recovered).every((s) => s.ok)).toBe(true);
    expect(completed - called).toBeGreaterThanOrEqual(SWITCHOVER_MS);

    await expect(open.query('SELECT 1')).rejects.toThrow();
    const green = await cluster('app-db');
    expect(green.Endpoint).toBe(blue.Endpoint);
    const after = await connect(green.Endpoint, green.Port);
    const [rows] = await after.query(`SELECT v FROM ${schema}.t`);
    expect(rows).toEqual([{ v: 'before' }]);
    await after.end();
    const old = await cluster('app-db-old1');
    expect(old.Endpoint).not.toBe(blue.Endpoint);
    expect(await connectError(old.Endpoint, old.Port)).toBe('connected');
  });
});
