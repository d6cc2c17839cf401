import {
  AddTagsToResourceCommand,
  BlueGreenDeploymentNotFoundFault,
  CreateDBClusterParameterGroupCommand,
  DBClusterNotFoundFault,
  DBInstanceNotFoundFault,
  DBParameterGroupAlreadyExistsFault,
  DBParameterGroupNotFoundFault,
  DeleteBlueGreenDeploymentCommand,
  DeleteDBClusterParameterGroupCommand,
  DescribeDBClusterParameterGroupsCommand,
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  DescribeOrderableDBInstanceOptionsCommand,
  DescribePendingMaintenanceActionsCommand,
  InvalidDBParameterGroupStateFault,
  ListTagsForResourceCommand,
  ModifyDBClusterParameterGroupCommand,
  RebootDBInstanceCommand,
  RemoveTagsFromResourceCommand,
} from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, clusterArn, REGION, rejectionOf, useTestEmulator, waitFor } from './helpers.js';

const t = useTestEmulator();

describe('discovery, parameter groups, tags and events', () => {
  it('when the default world is described, then it has prod-db and staging-db as the issue specifies', async () => {
    const clusters = (await t.rds.send(new DescribeDBClustersCommand({}))).DBClusters ?? [];
    const prod = clusters.find((c) => c.DBClusterIdentifier === 'prod-db');
    const staging = clusters.find((c) => c.DBClusterIdentifier === 'staging-db');
    expect(prod).toMatchObject({
      DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:prod-db`,
      Engine: 'aurora-mysql',
      EngineVersion: '8.0.mysql_aurora.3.05.2',
      DBClusterParameterGroup: 'default.aurora-mysql8.0',
      Status: 'available',
      DBClusterMembers: [
        {
          DBInstanceIdentifier: 'prod-db-instance-1',
          IsClusterWriter: true,
          DBClusterParameterGroupStatus: 'in-sync',
          PromotionTier: 1,
        },
        {
          DBInstanceIdentifier: 'prod-db-instance-2',
          IsClusterWriter: false,
          DBClusterParameterGroupStatus: 'in-sync',
          PromotionTier: 1,
        },
      ],
    });
    expect(prod?.Endpoint).not.toBe(prod?.ReaderEndpoint);
    expect(staging?.DBClusterMembers?.map((m) => m.DBInstanceIdentifier)).toEqual([
      'staging-db-instance-1',
    ]);
    const params = await t.rds.send(
      new DescribeDBClusterParametersCommand({
        DBClusterParameterGroupName: staging?.DBClusterParameterGroup,
        Filters: [{ Name: 'parameter-name', Values: ['binlog_format'] }],
      }),
    );
    expect(params.Parameters).toEqual([
      expect.objectContaining({
        ParameterName: 'binlog_format',
        ParameterValue: 'ROW',
        Source: 'user',
        ApplyType: 'static',
      }),
    ]);
    const instances = (
      await t.rds.send(
        new DescribeDBInstancesCommand({
          Filters: [{ Name: 'db-cluster-id', Values: [clusterArn('prod-db')] }],
        }),
      )
    ).DBInstances;
    expect(
      instances?.map((i) => [i.DBInstanceIdentifier, i.DBInstanceClass, i.DBClusterIdentifier]),
    ).toEqual([
      ['prod-db-instance-1', 'db.r6g.large', 'prod-db'],
      ['prod-db-instance-2', 'db.r6g.large', 'prod-db'],
    ]);
  });

  it('when something unknown is asked for, then the SDK throws its own not-found classes with 404', async () => {
    const cases = [
      [
        t.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'nope' })),
        DBClusterNotFoundFault,
      ],
      [
        t.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'nope' })),
        DBInstanceNotFoundFault,
      ],
      [
        t.rds.send(
          new DescribeDBClusterParameterGroupsCommand({ DBClusterParameterGroupName: 'nope' }),
        ),
        DBParameterGroupNotFoundFault,
      ],
      [
        t.rds.send(
          new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: 'bgd-nope' }),
        ),
        BlueGreenDeploymentNotFoundFault,
      ],
    ] as const;
    for (const [call, type] of cases) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(type);
      expect(
        (error as unknown as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode,
      ).toBe(404);
    }
  });

  it('when a cluster parameter group is created and modified, then the rules of static parameters and default groups hold', async () => {
    const created = await t.rds.send(
      new CreateDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'pg-test',
        DBParameterGroupFamily: 'aurora-mysql8.0',
        Description: 'test',
      }),
    );
    expect(created.DBClusterParameterGroup?.DBClusterParameterGroupArn).toBe(
      `arn:aws:rds:${REGION}:${ACCOUNT}:cluster-pg:pg-test`,
    );
    const again = await rejectionOf(
      t.rds.send(
        new CreateDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'pg-test',
          DBParameterGroupFamily: 'aurora-mysql8.0',
          Description: 'test',
        }),
      ),
    );
    expect(again).toBeInstanceOf(DBParameterGroupAlreadyExistsFault);
    const immediate = await rejectionOf(
      t.rds.send(
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'pg-test',
          Parameters: [
            { ParameterName: 'binlog_format', ParameterValue: 'ROW', ApplyMethod: 'immediate' },
          ],
        }),
      ),
    );
    expect(immediate.name).toBe('InvalidParameterCombination');
    const onDefault = await rejectionOf(
      t.rds.send(
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'default.aurora-mysql8.0',
          Parameters: [
            {
              ParameterName: 'binlog_format',
              ParameterValue: 'ROW',
              ApplyMethod: 'pending-reboot',
            },
          ],
        }),
      ),
    );
    expect(onDefault).toBeInstanceOf(InvalidDBParameterGroupStateFault);
    const ok = await t.rds.send(
      new ModifyDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'pg-test',
        Parameters: [
          {
            ParameterName: 'binlog_format',
            ParameterValue: 'MIXED',
            ApplyMethod: 'pending-reboot',
          },
        ],
      }),
    );
    expect(ok.DBClusterParameterGroupName).toBe('pg-test');
    const user = await t.rds.send(
      new DescribeDBClusterParametersCommand({
        DBClusterParameterGroupName: 'pg-test',
        Source: 'user',
      }),
    );
    expect(user.Parameters?.map((p) => [p.ParameterName, p.ParameterValue, p.ApplyMethod])).toEqual(
      [['binlog_format', 'MIXED', 'pending-reboot']],
    );
    const inUse = await rejectionOf(
      t.rds.send(
        new DeleteDBClusterParameterGroupCommand({ DBClusterParameterGroupName: 'staging-binlog' }),
      ),
    );
    expect(inUse).toBeInstanceOf(InvalidDBParameterGroupStateFault);
    await t.rds.send(
      new CreateDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'pg-gone',
        DBParameterGroupFamily: 'aurora-mysql8.0',
        Description: 'x',
      }),
    );
    await t.rds.send(
      new DeleteDBClusterParameterGroupCommand({ DBClusterParameterGroupName: 'pg-gone' }),
    );
    const groups = await t.rds.send(new DescribeDBClusterParameterGroupsCommand({}));
    expect(
      groups.DBClusterParameterGroups?.map((g) => g.DBClusterParameterGroupName),
    ).not.toContain('pg-gone');
    expect(groups.DBClusterParameterGroups?.map((g) => g.DBClusterParameterGroupName)).toEqual(
      expect.arrayContaining(['default.aurora-mysql8.0', 'staging-binlog', 'pg-test']),
    );
  });

  it('when orderable classes are asked for, then r6g sizes exist and made-up ones do not', async () => {
    const ask = (DBInstanceClass: string) =>
      t.rds.send(
        new DescribeOrderableDBInstanceOptionsCommand({
          Engine: 'aurora-mysql',
          EngineVersion: '8.0.mysql_aurora.3.05.2',
          DBInstanceClass,
          Vpc: true,
        }),
      );
    const real = await ask('db.r6g.2xlarge');
    expect(real.OrderableDBInstanceOptions).toEqual([
      expect.objectContaining({
        DBInstanceClass: 'db.r6g.2xlarge',
        Engine: 'aurora-mysql',
        SupportedEngineModes: ['provisioned'],
      }),
    ]);
    expect(real.OrderableDBInstanceOptions?.[0]?.AvailabilityZones?.map((z) => z.Name)).toContain(
      'ap-northeast-2a',
    );
    for (const cls of [
      'db.r8g.16xlarge',
      'db.x2g.large',
      'db.r5.12xlarge',
      'db.r6i.4xlarge',
      'db.r7g.8xlarge',
    ]) {
      expect((await ask(cls)).OrderableDBInstanceOptions).toHaveLength(1);
    }
    expect((await ask('db.r6g.9xlarge')).OrderableDBInstanceOptions).toEqual([]);
    expect((await ask('db.r6g.medium')).OrderableDBInstanceOptions).toEqual([]);
  });

  it('when tags are added and removed by ARN, then ListTagsForResource shows them, and reserved prefixes are refused', async () => {
    const ResourceName = clusterArn('prod-db');
    await t.rds.send(
      new AddTagsToResourceCommand({
        ResourceName,
        Tags: [
          { Key: 'team', Value: 'db' },
          { Key: 'env', Value: 'prod' },
        ],
      }),
    );
    await t.rds.send(new RemoveTagsFromResourceCommand({ ResourceName, TagKeys: ['env'] }));
    expect((await t.rds.send(new ListTagsForResourceCommand({ ResourceName }))).TagList).toEqual([
      { Key: 'team', Value: 'db' },
    ]);
    const reserved = await rejectionOf(
      t.rds.send(
        new AddTagsToResourceCommand({ ResourceName, Tags: [{ Key: 'aws:x', Value: 'y' }] }),
      ),
    );
    expect(reserved.name).toBe('InvalidParameterValue');
    const missing = await rejectionOf(
      t.rds.send(new ListTagsForResourceCommand({ ResourceName: clusterArn('nope') })),
    );
    expect(missing).toBeInstanceOf(DBClusterNotFoundFault);
  });

  it('when a reboot happens, then DescribeEvents returns it by source and time window', async () => {
    await t.rds.send(
      new RebootDBInstanceCommand({ DBInstanceIdentifier: 'staging-db-instance-1' }),
    );
    const events = await waitFor(async () => {
      const out = await t.rds.send(
        new DescribeEventsCommand({
          SourceType: 'db-instance',
          SourceIdentifier: 'staging-db-instance-1',
        }),
      );
      return (out.Events?.length ?? 0) > 0 && out.Events;
    }, 'restart event');
    expect(events[0]).toMatchObject({
      Message: 'DB instance restarted',
      SourceType: 'db-instance',
      EventCategories: ['availability'],
    });
    const future = await t.rds.send(
      new DescribeEventsCommand({ StartTime: new Date(Date.now() + 3_600_000) }),
    );
    expect(future.Events).toEqual([]);
    const other = await t.rds.send(
      new DescribeEventsCommand({
        SourceType: 'db-cluster',
        SourceIdentifier: 'staging-db-instance-1',
      }),
    );
    expect(other.Events).toEqual([]);
    const state = t.emulator.state() as { events: { eventId: string; message: string }[] };
    expect(state.events.find((e) => e.message === 'DB instance restarted')?.eventId).toBe(
      'RDS-EVENT-0006',
    );
    const noType = await rejectionOf(
      t.rds.send(new DescribeEventsCommand({ SourceIdentifier: 'staging-db-instance-1' })),
    );
    expect(noType.name).toBe('InvalidParameterCombination');
  });

  it('when pending maintenance is asked for, then there is none', async () => {
    const out = await t.rds.send(new DescribePendingMaintenanceActionsCommand({}));
    expect(out.PendingMaintenanceActions).toEqual([]);
  });
});
