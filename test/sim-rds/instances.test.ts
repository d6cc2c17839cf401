import {
  CreateDBInstanceCommand,
  DBClusterNotFoundFault,
  DBClusterSnapshotAlreadyExistsFault,
  DBInstanceAlreadyExistsFault,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  FailoverDBClusterCommand,
  InvalidDBClusterStateFault,
  InvalidDBInstanceStateFault,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import {
  defaultWorldWith,
  describeCluster,
  describeInstance,
  rejectionOf,
  useTestEmulator,
  waitFor,
} from './helpers.js';

// why: a failover long enough (300 ms here) that a second request surely finds it running.
const t = useTestEmulator({ world: defaultWorldWith({ failover: 50 * 60_000 }) });

const instance = (id: string) => describeInstance(t.rds, id);
const cluster = (id: string) => describeCluster(t.rds, id);
const untilAvailable = (id: string) =>
  waitFor(async () => {
    const i = await instance(id);
    return i?.DBInstanceStatus === 'available' && i;
  }, `${id} available`);

describe('instances and clusters', () => {
  it('when a reader is created, then it is creating without an endpoint, then available with one', async () => {
    const out = await t.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'prod-db-instance-3',
        DBInstanceClass: 'db.r6g.4xlarge',
        Engine: 'aurora-mysql',
        DBClusterIdentifier: 'prod-db',
        PromotionTier: 0,
      }),
    );
    expect(out.DBInstance?.DBInstanceStatus).toBe('creating');
    expect(out.DBInstance?.Endpoint).toBeUndefined();
    const ready = await untilAvailable('prod-db-instance-3');
    expect(ready.Endpoint?.Address).toMatch(/^127\.\d+\.\d+\.\d+$/);
    expect(ready.Endpoint?.Port).toBe((await cluster('prod-db'))?.Port);
    const members = (await cluster('prod-db'))?.DBClusterMembers;
    expect(
      members?.find((m) => m.DBInstanceIdentifier === 'prod-db-instance-3')?.IsClusterWriter,
    ).toBe(false);
  });

  it('when a create is invalid, then each problem gets its own code', async () => {
    const base = {
      DBInstanceClass: 'db.r6g.large',
      Engine: 'aurora-mysql',
      DBClusterIdentifier: 'prod-db',
    };
    const dup = await rejectionOf(
      t.rds.send(
        new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'prod-db-instance-1' }),
      ),
    );
    expect(dup).toBeInstanceOf(DBInstanceAlreadyExistsFault);
    const noCluster = await rejectionOf(
      t.rds.send(
        new CreateDBInstanceCommand({
          ...base,
          DBInstanceIdentifier: 'x-1',
          DBClusterIdentifier: 'nope',
        }),
      ),
    );
    expect(noCluster).toBeInstanceOf(DBClusterNotFoundFault);
    const badClass = await rejectionOf(
      t.rds.send(
        new CreateDBInstanceCommand({
          ...base,
          DBInstanceIdentifier: 'x-2',
          DBInstanceClass: 'db.r6g.9xlarge',
        }),
      ),
    );
    expect(badClass.name).toBe('InvalidParameterCombination');
    const badName = await rejectionOf(
      t.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'x--2' })),
    );
    expect(badName.name).toBe('InvalidParameterValue');
  });

  it('when the writer is resized in place, then it is modifying, logs 0012/0014 events and ends with the new class', async () => {
    const out = await t.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'staging-db-instance-1',
        DBInstanceClass: 'db.r7g.xlarge',
        ApplyImmediately: true,
      }),
    );
    expect(out.DBInstance?.DBInstanceStatus).toBe('modifying');
    const busy = await rejectionOf(
      t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'staging-db-instance-1' })),
    );
    expect(busy).toBeInstanceOf(InvalidDBInstanceStateFault);
    const done = await untilAvailable('staging-db-instance-1');
    expect(done.DBInstanceClass).toBe('db.r7g.xlarge');
    const events = await t.rds.send(
      new DescribeEventsCommand({
        SourceType: 'db-instance',
        SourceIdentifier: 'staging-db-instance-1',
        Duration: 60,
      }),
    );
    expect(events.Events?.map((e) => e.Message)).toEqual([
      'Applying modification to database instance class',
      'Finished applying modification to DB instance class',
    ]);
    expect(events.Events?.[0]?.SourceArn).toMatch(/:db:staging-db-instance-1$/);
    expect(events.Events?.[0]?.Date).toBeInstanceOf(Date);
  });

  it('when a resize is not applied immediately, then it waits in PendingModifiedValues', async () => {
    const out = await t.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'prod-db-instance-2',
        DBInstanceClass: 'db.r6g.xlarge',
      }),
    );
    expect(out.DBInstance?.DBInstanceStatus).toBe('available');
    expect(out.DBInstance?.PendingModifiedValues?.DBInstanceClass).toBe('db.r6g.xlarge');
    expect(out.DBInstance?.DBInstanceClass).toBe('db.r6g.large');
  });

  it('when prod-db fails over to a reader, then it is failing-over, then the reader is the writer', async () => {
    const before = await cluster('prod-db');
    const out = await t.rds.send(
      new FailoverDBClusterCommand({
        DBClusterIdentifier: 'prod-db',
        TargetDBInstanceIdentifier: 'prod-db-instance-3',
      }),
    );
    expect(out.DBCluster?.Status).toBe('failing-over');
    const again = await rejectionOf(
      t.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-db' })),
    );
    expect(again).toBeInstanceOf(InvalidDBClusterStateFault);
    const after = await waitFor(async () => {
      const c = await cluster('prod-db');
      return c?.Status === 'available' && c;
    }, 'failover done');
    expect(after.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier).toBe(
      'prod-db-instance-3',
    );
    expect(after.Endpoint).toBe(before?.Endpoint);
    const events = await t.rds.send(
      new DescribeEventsCommand({ SourceType: 'db-cluster', SourceIdentifier: 'prod-db' }),
    );
    const messages = events.Events?.map((e) => e.Message) ?? [];
    expect(
      messages.some((m) =>
        /^Started (same|cross) AZ failover to DB instance: prod-db-instance-3$/.test(m ?? ''),
      ),
    ).toBe(true);
    expect(messages).toContain('Completed failover to DB instance: prod-db-instance-3');
  });

  it('when failover is impossible, then it is refused with the right code', async () => {
    const single = await rejectionOf(
      t.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'staging-db' })),
    );
    expect(single).toBeInstanceOf(InvalidDBClusterStateFault);
    const foreign = await rejectionOf(
      t.rds.send(
        new FailoverDBClusterCommand({
          DBClusterIdentifier: 'prod-db',
          TargetDBInstanceIdentifier: 'staging-db-instance-1',
        }),
      ),
    );
    expect(foreign.name).toBe('InvalidParameterValue');
  });

  it('when the writer is deleted, then the best reader is promoted', async () => {
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'prod-db-instance-3' }));
    const members = (await cluster('prod-db'))?.DBClusterMembers ?? [];
    expect(members.filter((m) => m.IsClusterWriter).map((m) => m.DBInstanceIdentifier)).toEqual([
      'prod-db-instance-1',
    ]);
    await waitFor(
      async () =>
        (
          await t.rds.send(
            new DescribeDBInstancesCommand({
              Filters: [{ Name: 'db-cluster-id', Values: ['prod-db'] }],
            }),
          )
        ).DBInstances?.length === 2,
      'instance gone',
    );
  });

  it('when a protected cluster is deleted, then deletion protection, instances and snapshot rules apply', async () => {
    const protectedOut = await t.rds.send(
      new ModifyDBClusterCommand({
        DBClusterIdentifier: 'staging-db',
        DeletionProtection: true,
        ApplyImmediately: true,
      }),
    );
    expect(protectedOut.DBCluster?.DeletionProtection).toBe(true);
    const denied = await rejectionOf(
      t.rds.send(
        new DeleteDBClusterCommand({ DBClusterIdentifier: 'staging-db', SkipFinalSnapshot: true }),
      ),
    );
    expect(denied.name).toBe('InvalidParameterCombination');
    expect(denied.message).toBe(
      'Cannot delete protected Cluster, please disable deletion protection and try again.',
    );
    await t.rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'staging-db-instance-1' }),
    );
    await t.rds.send(
      new ModifyDBClusterCommand({ DBClusterIdentifier: 'staging-db', DeletionProtection: false }),
    );
    const noSnapshot = await rejectionOf(
      t.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'staging-db' })),
    );
    expect(noSnapshot.name).toBe('InvalidParameterCombination');
    await t.rds.send(
      new DeleteDBClusterCommand({
        DBClusterIdentifier: 'staging-db',
        FinalDBSnapshotIdentifier: 'staging-final',
      }),
    );
    await waitFor(async () => {
      const ids = (await t.rds.send(new DescribeDBClustersCommand({}))).DBClusters?.map(
        (c) => c.DBClusterIdentifier,
      );
      return !ids?.includes('staging-db');
    }, 'staging-db gone');
    const clash = await rejectionOf(
      t.rds.send(
        new DeleteDBClusterCommand({
          DBClusterIdentifier: 'prod-db',
          FinalDBSnapshotIdentifier: 'staging-final',
        }),
      ),
    );
    expect(clash).toBeInstanceOf(InvalidDBClusterStateFault);
    // Once prod-db's members are deleting, the snapshot-name clash is what remains.
    for (const id of ['prod-db-instance-2', 'prod-db-instance-1']) {
      await untilAvailable(id);
      await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }));
    }
    const dupSnapshot = await rejectionOf(
      t.rds.send(
        new DeleteDBClusterCommand({
          DBClusterIdentifier: 'prod-db',
          FinalDBSnapshotIdentifier: 'staging-final',
        }),
      ),
    );
    expect(dupSnapshot).toBeInstanceOf(DBClusterSnapshotAlreadyExistsFault);
  });
});
