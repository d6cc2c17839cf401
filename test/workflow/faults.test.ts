import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Run } from '../../src/workflow/types.js';
import { type Harness, pointSdkAt, startHarness, worldWith } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };

type EmulatorState = {
  clusters: { identifier: string; resourceId: string }[];
  instances: { identifier: string; clusterResourceId: string; instanceClass: string }[];
  deployments: { status: string; statusDetails?: string }[];
};

const ended = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

function classesOf(h: Harness, clusterId: string): string[] {
  const state = h.emulator.state() as EmulatorState;
  const cluster = state.clusters.find((c) => c.identifier === clusterId);
  return state.instances
    .filter((i) => i.clusterResourceId === cluster?.resourceId)
    .map((i) => i.instanceClass);
}

describe('AWS faults injected by the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(async () => {
    await h.emulator.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  const bluegreen = async (cluster = 'staging-db') => {
    const run = await h.engine.createRun({
      clusterAlias: cluster,
      targetClass: 'r6g.xlarge',
      requester: alice,
      preApproved: true,
    });
    return h.waitFor(run.id, ended);
  };

  it('when green creation ends INVALID_CONFIGURATION, then the run fails with green_invalid and what AWS said, and production is untouched', async () => {
    h.emulator.setFaults({ blueGreenCreate: 'invalid-configuration' });
    const final = await bluegreen();
    expect(final.status).toBe('failed');
    expect(final.error).toMatchObject({ code: 'green_invalid', step: 'create-green' });
    expect(final.error?.message).toMatch(
      /INVALID_CONFIGURATION: Replication from the blue environment/,
    );
    expect(final.error?.hint).toMatch(/Production is unchanged/);
    expect(h.okCalls('SwitchoverBlueGreenDeployment')).toEqual([]);
    expect(classesOf(h, 'staging-db')).toEqual(['db.r6g.large']);
    expect(await h.engine.liveRunForCluster('staging-db')).toBeUndefined();
  });

  it('when the switchover fails and rolls back, then the run fails with switchover_failed and production still runs the old class', async () => {
    h.emulator.setFaults({ switchover: 'failed' });
    const final = await bluegreen();
    expect(final.status).toBe('failed');
    expect(final.error).toMatchObject({ code: 'switchover_failed', step: 'switchover' });
    expect(final.error?.message).toMatch(/rolled back: Switchover was canceled/);
    expect(final.error?.hint).toMatch(/Production still runs on blue/);
    expect(h.okCalls('SwitchoverBlueGreenDeployment')).toHaveLength(1);
    expect(classesOf(h, 'staging-db')).toEqual(['db.r6g.large']);
    const state = h.emulator.state() as EmulatorState;
    expect(state.deployments.map((d) => d.status)).toEqual(['SWITCHOVER_FAILED']);
    expect(final.probeReports.switchover).toBeDefined();
    expect(final.context.switchedOver).toBeUndefined();
  });

  it('when the first switchover meets the stale-AVAILABLE race, then it is retried and exactly one switchover succeeds', async () => {
    h.emulator.setFaults({ staleAvailable: true });
    const final = await bluegreen();
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    const calls = h.mutatingCalls('SwitchoverBlueGreenDeployment');
    expect(calls.map((c) => c.outcome)).toEqual(['InvalidBlueGreenDeploymentStateFault', 'ok']);
    expect(classesOf(h, 'staging-db')).toEqual(['db.r6g.xlarge']);
    const progress = h.entries
      .filter((e) => e.runId === final.id && e.event.type === 'step.progress')
      .map((e) => (e.event as { message: string }).message);
    expect(progress).toContain('AWS says green is not quite ready yet; retrying the switchover');
  });

  it('when AWS has no capacity for the target class, then the run fails with the AWS code and a hint', async () => {
    h.emulator.setFaults({ insufficientCapacity: ['db.r6g.xlarge'] });
    const run = await h.engine.createRun({
      clusterAlias: 'staging-db',
      targetClass: 'r6g.xlarge',
      strategy: 'failover',
      requester: alice,
      preApproved: true,
    });
    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('failed');
    expect(final.error?.step).toBe('add-reader');
    expect(final.error?.awsCode).toMatch(/^InsufficientDBInstanceCapacity/);
    expect(final.error?.message).toMatch(/insufficient capacity for db\.r6g\.xlarge/);
    expect(final.error?.hint).toMatch(/no capacity for this instance class/);
    expect(h.okCalls()).toEqual([]);
    expect(await h.engine.liveRunForCluster('staging-db')).toBeUndefined();
  });

  it('when a mutating call meets AWS server errors, then the step retries later and the call succeeds once', async () => {
    h.emulator.setFaults({
      failNext: [{ action: 'CreateBlueGreenDeployment', code: 'InternalFailure', count: 2 }],
    });
    const final = await bluegreen();
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    const creates = h.mutatingCalls('CreateBlueGreenDeployment').map((c) => c.outcome);
    expect(creates).toEqual(['InternalFailure', 'InternalFailure', 'ok']);
  });
});

describe('an RDS API that throttles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // the bot's own budget is above what the account allows, so the emulator does throttle
      configOverrides: {
        'rdsRequestsPerSecond: 10': 'rdsRequestsPerSecond: 4',
        'pollInterval: 1s': 'pollInterval: 200ms',
      },
      timing: { pollMs: 200 },
      emulator: {
        world: worldWith({
          outages: { modify: { mode: 'refuse', min: 2000, max: 4000 } },
          faults: { throttle: { requestsPerSecond: 2 } },
        }),
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when the emulator allows 2 requests per second, then the run still completes without a throttling failure', async () => {
    const run = await h.inplaceRun(alice);
    const final = await h.waitFor(run.id, ended, 50_000);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(h.emulator.calls().some((c) => c.outcome === 'Throttling')).toBe(true);
    expect(h.okCalls('ModifyDBInstance')).toHaveLength(1);
  });
});

/**
 * An HTTP hop between the bot and the emulator that loses the response of one mutating call
 * after the emulator has carried it out, as a network cut does to a request AWS accepted.
 */
async function startLossyHop(target: string, action: string) {
  let lost = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
          ),
        ),
        ...(body.length > 0 ? { body } : {}),
      }).then(async (answer) => {
        const text = Buffer.from(await answer.arrayBuffer());
        if (lost === 0 && body.toString().includes(`Action=${action}`)) {
          lost += 1;
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a mutating call whose response is lost', () => {
  let h: Harness;
  let hop: Awaited<ReturnType<typeof startLossyHop>>;
  beforeAll(async () => {
    h = await startHarness({
      emulator: {
        world: worldWith({ outages: { modify: { mode: 'refuse', min: 2000, max: 4000 } } }),
      },
    });
    hop = await startLossyHop(h.emulator.url, 'ModifyDBInstance');
    // why: the engine builds its RDS client on first use, so it talks to the hop from the start.
    pointSdkAt(hop.url);
  });
  afterAll(async () => {
    await hop.close();
    await h.close();
  });

  it('when AWS carried out a call but the answer never came, then the step looks again instead of sending it twice', async () => {
    const run = await h.inplaceRun(alice);
    const final = await h.waitFor(run.id, ended, 40_000);
    expect(hop.lost()).toBe(1);
    expect(h.mutatingCalls('ModifyDBInstance').map((c) => c.outcome)).toEqual(['ok']);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('succeeded');
    expect(classesOf(h, 'staging-db')).toEqual(['db.r6g.xlarge']);
  });
});
