import {
  CreateBlueGreenDeploymentCommand,
  CreateDBInstanceCommand,
  DeleteBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  InsufficientDBInstanceCapacityFault,
  InvalidBlueGreenDeploymentStateFault,
  InvalidDBClusterStateFault,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSServiceException,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { postSimFaults } from '../../src/sim/rds/index.js';
import { clusterArn, rejectionOf, startTestEmulator, useTestEmulator, waitFor } from './helpers.js';

const t = useTestEmulator({}, 'test');

async function stagingDeployment(name: string) {
  const created = await t.rds.send(
    new CreateBlueGreenDeploymentCommand({
      BlueGreenDeploymentName: name,
      Source: clusterArn('staging-db'),
    }),
  );
  const id = created.BlueGreenDeployment?.BlueGreenDeploymentIdentifier ?? '';
  return { id, settled: (status: string) => deploymentIn(id, status) };
}

function deploymentIn(id: string, status: string) {
  return waitFor(async () => {
    const d = (
      await t.rds.send(
        new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }),
      )
    ).BlueGreenDeployments?.[0];
    return d?.Status === status && d;
  }, status);
}

const switchover = (id: string, timeout?: number) =>
  t.rds.send(
    new SwitchoverBlueGreenDeploymentCommand({
      BlueGreenDeploymentIdentifier: id,
      SwitchoverTimeout: timeout,
    }),
  );

describe('fault injection', () => {
  it('when more requests per second arrive than allowed, then they get Throttling and the SDK gives up after its retries', async () => {
    t.emulator.setFaults({ throttle: { requestsPerSecond: 0.1, burst: 1 } });
    await t.rds.send(new DescribeDBClustersCommand({}));
    const error = await rejectionOf(t.rds.send(new DescribeDBClustersCommand({})));
    expect(error).toBeInstanceOf(RDSServiceException);
    expect(error.name).toBe('Throttling');
    expect((error as RDSServiceException).$metadata.attempts).toBe(3);
    expect(t.emulator.calls().map((c) => c.outcome)).toEqual([
      'ok',
      'Throttling',
      'Throttling',
      'Throttling',
    ]);
  });

  it('when the next call of an action is set to fail, then exactly that call fails with that code', async () => {
    await postSimFaults(t.emulator.url, {
      failNext: [{ action: 'ModifyDBCluster', code: 'InvalidDBClusterStateFault', count: 1 }],
    });
    const modify = () =>
      t.rds.send(
        new ModifyDBClusterCommand({ DBClusterIdentifier: 'prod-db', DeletionProtection: true }),
      );
    expect(await rejectionOf(modify())).toBeInstanceOf(InvalidDBClusterStateFault);
    expect((await modify()).DBCluster?.DeletionProtection).toBe(true);
  });

  it('when a retryable failure is injected once, then the SDK retries through it', async () => {
    t.emulator.setFaults({ failNext: [{ action: 'DescribeDBClusters', code: 'InternalFailure' }] });
    const out = await t.rds.send(new DescribeDBClustersCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(t.emulator.calls().map((c) => c.outcome)).toEqual(['InternalFailure', 'ok']);
  });

  it('when a class lacks capacity, then create and modify answer InsufficientDBInstanceCapacity', async () => {
    t.emulator.setFaults({ insufficientCapacity: ['db.r6g.2xlarge'] });
    const create = await rejectionOf(
      t.rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: 'prod-db-instance-9',
          DBInstanceClass: 'db.r6g.2xlarge',
          Engine: 'aurora-mysql',
          DBClusterIdentifier: 'prod-db',
        }),
      ),
    );
    expect(create).toBeInstanceOf(InsufficientDBInstanceCapacityFault);
    const modify = await rejectionOf(
      t.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: 'prod-db-instance-1',
          DBInstanceClass: 'db.r6g.2xlarge',
          ApplyImmediately: true,
        }),
      ),
    );
    expect(modify).toBeInstanceOf(InsufficientDBInstanceCapacityFault);
  });

  it('when blue/green creation is set to fail, then the deployment ends INVALID_CONFIGURATION and cannot switch over', async () => {
    t.emulator.setFaults({ blueGreenCreate: 'invalid-configuration' });
    const { id, settled } = await stagingDeployment('broken');
    const d = await settled('INVALID_CONFIGURATION');
    expect(d.StatusDetails).toMatch(/not valid/);
    expect(d.Tasks?.map((x) => x.Status)).toContain('FAILED');
    expect(await rejectionOf(switchover(id))).toBeInstanceOf(InvalidBlueGreenDeploymentStateFault);
    await t.rds.send(
      new DeleteBlueGreenDeploymentCommand({
        BlueGreenDeploymentIdentifier: id,
        DeleteTarget: true,
      }),
    );
    await waitFor(async () => {
      const ids = (await t.rds.send(new DescribeDBClustersCommand({}))).DBClusters?.map(
        (c) => c.DBClusterIdentifier,
      );
      return ids?.join() === 'prod-db,staging-db';
    }, 'green deleted with its deployment');
  });

  it('when the switchover is set to fail, then it ends SWITCHOVER_FAILED, rolls back, and a retry succeeds', async () => {
    const { id, settled } = await stagingDeployment('rollback');
    await settled('AVAILABLE');
    t.emulator.setFaults({ switchover: 'failed' });
    await switchover(id);
    const failed = await deploymentIn(id, 'SWITCHOVER_FAILED');
    expect(failed.StatusDetails).toMatch(/rolled back/);
    expect(failed.SwitchoverDetails?.every((m) => m.Status === 'AVAILABLE')).toBe(true);
    expect(failed.Source).toBe(clusterArn('staging-db'));
    const ids = (await t.rds.send(new DescribeDBClustersCommand({}))).DBClusters?.map(
      (c) => c.DBClusterIdentifier,
    );
    expect(ids).toContain('staging-db');
    expect(ids).not.toContain('staging-db-old1');
    await switchover(id);
    const done = await deploymentIn(id, 'SWITCHOVER_COMPLETED');
    expect(done.Source).toBe(clusterArn('staging-db-old1'));
  });

  it('when the switchover exceeds SwitchoverTimeout, then it rolls back at the timeout', async () => {
    const { id, settled } = await stagingDeployment('slow');
    await settled('AVAILABLE');
    await postSimFaults(t.emulator.url, { switchover: 'timeout' });
    await switchover(id, 30);
    const failed = await deploymentIn(id, 'SWITCHOVER_FAILED');
    expect(failed.StatusDetails).toMatch(/timeout of 30 seconds/);
  });

  it('when the stale-AVAILABLE race is on, then the first switchover after AVAILABLE is refused and the next one works', async () => {
    t.emulator.setFaults({ staleAvailable: true });
    const { id, settled } = await stagingDeployment('stale');
    await settled('AVAILABLE');
    const first = await rejectionOf(switchover(id));
    expect(first).toBeInstanceOf(InvalidBlueGreenDeploymentStateFault);
    expect(first.message).toMatch(
      /^DB instance staging-db-instance-1-green-[a-z0-9]{6} is not in available state$/,
    );
    expect((await switchover(id)).BlueGreenDeployment?.Status).toBe('SWITCHOVER_IN_PROGRESS');
  });

  it('when faults come from the world file, then they are active from the start', async () => {
    const own = await startTestEmulator({
      world: {
        clusters: [
          {
            identifier: 'solo',
            instances: [{ identifier: 'solo-1', class: 'db.r6g.large', role: 'writer' }],
          },
        ],
        faults: {
          failNext: [
            { action: 'DescribeDBClusters', code: 'DBClusterNotFoundFault', message: 'gone' },
          ],
        },
      },
    });
    try {
      const error = await rejectionOf(own.rds.send(new DescribeDBClustersCommand({})));
      expect(error.name).toBe('DBClusterNotFoundFault');
      expect(error.message).toBe('gone');
      expect(
        (await own.rds.send(new DescribeDBClustersCommand({}))).DBClusters?.map(
          (c) => c.DBClusterIdentifier,
        ),
      ).toEqual(['solo']);
    } finally {
      await own.close();
    }
  });
});
