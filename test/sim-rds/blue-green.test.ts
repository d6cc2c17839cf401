import {
  BlueGreenDeploymentAlreadyExistsFault,
  BlueGreenDeploymentNotFoundFault,
  CreateBlueGreenDeploymentCommand,
  CreateDBClusterParameterGroupCommand,
  DeleteBlueGreenDeploymentCommand,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  InvalidBlueGreenDeploymentStateFault,
  InvalidDBClusterStateFault,
  ModifyDBClusterCommand,
  ModifyDBClusterParameterGroupCommand,
  ModifyDBInstanceCommand,
  RDSServiceException,
  RebootDBInstanceCommand,
  SourceClusterNotSupportedFault,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { MUTATING_ACTIONS } from '../../src/sim/rds/index.js';
import {
  clusterArn,
  defaultWorldWith,
  deploymentNamed,
  describeCluster,
  describeInstance,
  instanceArn,
  rejectionOf,
  useTestEmulator,
  waitFor,
} from './helpers.js';

// why: green resizes long enough (600 ms here) that the switchover attempted meanwhile surely sees them.
const t = useTestEmulator({ world: defaultWorldWith({ modifyInstance: 100 * 60_000 }) });

const cluster = (id: string) => describeCluster(t.rds, id);
const instance = (id: string) => describeInstance(t.rds, id);
const byName = (name: string) => deploymentNamed(t.rds, name);

describe('blue/green scale-up of prod-db, end to end through the real SDK', () => {
  const create = (extra: Record<string, string> = {}) =>
    t.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'scale-prod-db',
        Source: clusterArn('prod-db'),
        TargetDBClusterParameterGroupName: 'bg-binlog',
        ...extra,
      }),
    );
  let deploymentId = '';
  let blueEndpoint = '';

  it('when prod-db still uses the default parameter group, then creation is refused with SourceClusterNotSupportedFault', async () => {
    const error = await rejectionOf(
      t.rds.send(
        new CreateBlueGreenDeploymentCommand({
          BlueGreenDeploymentName: 'early',
          Source: clusterArn('prod-db'),
        }),
      ),
    );
    expect(error).toBeInstanceOf(SourceClusterNotSupportedFault);
  });

  it('when a binlog group is associated, then the writer shows pending-reboot and creation is refused until it reboots', async () => {
    await t.rds.send(
      new CreateDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'bg-binlog',
        DBParameterGroupFamily: 'aurora-mysql8.0',
        Description: 'binlog for blue/green',
      }),
    );
    await t.rds.send(
      new ModifyDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'bg-binlog',
        Parameters: [
          { ParameterName: 'binlog_format', ParameterValue: 'ROW', ApplyMethod: 'pending-reboot' },
        ],
      }),
    );
    const modified = await t.rds.send(
      new ModifyDBClusterCommand({
        DBClusterIdentifier: 'prod-db',
        DBClusterParameterGroupName: 'bg-binlog',
        ApplyImmediately: true,
      }),
    );
    expect(modified.DBCluster?.DBClusterParameterGroup).toBe('bg-binlog');
    expect(modified.DBCluster?.DBClusterMembers?.[0]?.DBClusterParameterGroupStatus).toBe(
      'applying',
    );
    const writer = await waitFor(async () => {
      const m = (await cluster('prod-db'))?.DBClusterMembers?.find((x) => x.IsClusterWriter);
      return m?.DBClusterParameterGroupStatus === 'pending-reboot' && m;
    }, 'pending-reboot');
    expect(writer.DBInstanceIdentifier).toBe('prod-db-instance-1');

    const refused = await rejectionOf(create());
    expect(refused).toBeInstanceOf(InvalidDBClusterStateFault);
    expect(refused.message).toContain('prod-db-instance-1');

    const reboot = await t.rds.send(
      new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-db-instance-1' }),
    );
    expect(reboot.DBInstance?.DBInstanceStatus).toBe('rebooting');
    await waitFor(
      async () => (await instance('prod-db-instance-1'))?.DBInstanceStatus === 'available',
      'reboot',
    );
    const members = (await cluster('prod-db'))?.DBClusterMembers ?? [];
    expect(members.find((m) => m.IsClusterWriter)?.DBClusterParameterGroupStatus).toBe('in-sync');
  });

  it('when TargetDBInstanceClass is given for an Aurora cluster, then creation is refused', async () => {
    const error = await rejectionOf(create({ TargetDBInstanceClass: 'db.r6g.2xlarge' }));
    expect(error).toBeInstanceOf(RDSServiceException);
    expect(error.name).toBe('InvalidParameterCombination');
  });

  it('when the deployment is created, then it provisions with tasks progressing to AVAILABLE and green copies', async () => {
    blueEndpoint = (await cluster('prod-db'))?.Endpoint ?? '';
    const created = await create();
    const d = created.BlueGreenDeployment;
    deploymentId = d?.BlueGreenDeploymentIdentifier ?? '';
    expect(deploymentId).toMatch(/^bgd-[a-z0-9]{16}$/);
    expect(d?.Status).toBe('PROVISIONING');
    expect(d?.Source).toBe(clusterArn('prod-db'));
    expect(d?.Tasks?.every((task) => task.Status === 'PENDING')).toBe(true);
    expect(d?.SwitchoverDetails).toHaveLength(3);

    expect(await rejectionOf(create())).toBeInstanceOf(BlueGreenDeploymentAlreadyExistsFault);
    const early = await rejectionOf(
      t.rds.send(
        new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deploymentId }),
      ),
    );
    expect(early).toBeInstanceOf(InvalidBlueGreenDeploymentStateFault);

    const seen = new Set<string>();
    const ready = await waitFor(async () => {
      const current = await byName('scale-prod-db');
      for (const task of current?.Tasks ?? []) seen.add(task.Status ?? '');
      return current?.Status === 'AVAILABLE' && current;
    }, 'AVAILABLE');
    expect(seen).toContain('IN_PROGRESS');
    expect(ready.Tasks?.map((x) => x.Status)).toEqual(ready.Tasks?.map(() => 'COMPLETED'));
    expect(ready.Tasks?.map((x) => x.Name)).toContain('CREATE_DB_INSTANCES_FOR_CLUSTER');
    expect(ready.Target).toMatch(/:cluster:prod-db-green-[a-z0-9]{6}$/);
    expect(ready.SwitchoverDetails?.map((m) => m.Status)).toEqual([
      'AVAILABLE',
      'AVAILABLE',
      'AVAILABLE',
    ]);
    expect(ready.SwitchoverDetails?.map((m) => m.TargetMember)).toEqual([
      expect.stringMatching(/:cluster:prod-db-green-[a-z0-9]{6}$/),
      expect.stringMatching(/:db:prod-db-instance-1-green-[a-z0-9]{6}$/),
      expect.stringMatching(/:db:prod-db-instance-2-green-[a-z0-9]{6}$/),
    ]);
    const green = await cluster(ready.Target ?? '');
    expect(green?.Status).toBe('available');
    expect(green?.Endpoint).not.toBe(blueEndpoint);
    expect(green?.DBClusterParameterGroup).toBe('bg-binlog');
  });

  it('when green instances are resized, then they go modifying and switchover waits for them', async () => {
    const ready = await byName('scale-prod-db');
    const greens = (ready?.SwitchoverDetails ?? [])
      .map((m) => m.TargetMember ?? '')
      .filter((arn) => arn.includes(':db:'));
    for (const arn of greens) {
      const out = await t.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: arn.split(':').pop(),
          DBInstanceClass: 'db.r6g.2xlarge',
          ApplyImmediately: true,
        }),
      );
      expect(out.DBInstance?.DBInstanceStatus).toBe('modifying');
    }
    const busy = await rejectionOf(
      t.rds.send(
        new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deploymentId }),
      ),
    );
    expect(busy).toBeInstanceOf(InvalidBlueGreenDeploymentStateFault);
    expect(busy.message).toMatch(/is not in available state/);
    for (const arn of greens) {
      const done = await waitFor(async () => {
        const i = await instance(arn.split(':').pop() ?? '');
        return i?.DBInstanceStatus === 'available' && i;
      }, 'green resize');
      expect(done.DBInstanceClass).toBe('db.r6g.2xlarge');
    }
  });

  it('when switched over, then green takes the blue names and endpoints and blue becomes -old1', async () => {
    const started = await t.rds.send(
      new SwitchoverBlueGreenDeploymentCommand({
        BlueGreenDeploymentIdentifier: deploymentId,
        SwitchoverTimeout: 300,
      }),
    );
    expect(started.BlueGreenDeployment?.Status).toBe('SWITCHOVER_IN_PROGRESS');
    const done = await waitFor(async () => {
      const d = await byName('scale-prod-db');
      return d?.Status === 'SWITCHOVER_COMPLETED' && d;
    }, 'SWITCHOVER_COMPLETED');
    expect(done.Source).toBe(clusterArn('prod-db-old1'));
    expect(done.Target).toBe(clusterArn('prod-db'));
    expect(done.SwitchoverDetails).toEqual([
      {
        SourceMember: clusterArn('prod-db-old1'),
        TargetMember: clusterArn('prod-db'),
        Status: 'SWITCHOVER_COMPLETED',
      },
      {
        SourceMember: instanceArn('prod-db-instance-1-old1'),
        TargetMember: instanceArn('prod-db-instance-1'),
        Status: 'SWITCHOVER_COMPLETED',
      },
      {
        SourceMember: instanceArn('prod-db-instance-2-old1'),
        TargetMember: instanceArn('prod-db-instance-2'),
        Status: 'SWITCHOVER_COMPLETED',
      },
    ]);
    const prod = await cluster('prod-db');
    expect(prod?.Endpoint).toBe(blueEndpoint);
    expect(prod?.DBClusterMembers?.map((m) => [m.DBInstanceIdentifier, m.IsClusterWriter])).toEqual(
      [
        ['prod-db-instance-1', true],
        ['prod-db-instance-2', false],
      ],
    );
    expect((await instance('prod-db-instance-1'))?.DBInstanceClass).toBe('db.r6g.2xlarge');
    const old = await cluster('prod-db-old1');
    expect(old?.Status).toBe('available');
    expect(old?.Endpoint).not.toBe(blueEndpoint);
    expect((await instance('prod-db-instance-2-old1'))?.DBInstanceClass).toBe('db.r6g.large');
    const names = (await t.rds.send(new DescribeDBClustersCommand({}))).DBClusters?.map(
      (c) => c.DBClusterIdentifier,
    );
    expect(names?.sort()).toEqual(['prod-db', 'prod-db-old1', 'staging-db']);
  });

  it('when the switchover is done, then DeleteTarget is refused and -old1 cannot be deleted before the deployment', async () => {
    const withTarget = await rejectionOf(
      t.rds.send(
        new DeleteBlueGreenDeploymentCommand({
          BlueGreenDeploymentIdentifier: deploymentId,
          DeleteTarget: true,
        }),
      ),
    );
    expect(withTarget).toBeInstanceOf(InvalidBlueGreenDeploymentStateFault);
    const tooEarly = await rejectionOf(
      t.rds.send(
        new DeleteDBClusterCommand({
          DBClusterIdentifier: 'prod-db-old1',
          SkipFinalSnapshot: true,
        }),
      ),
    );
    expect(tooEarly).toBeInstanceOf(InvalidDBClusterStateFault);
  });

  it('when the deployment and then -old1 are deleted, then only the new prod-db remains', async () => {
    const deleting = await t.rds.send(
      new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deploymentId }),
    );
    expect(deleting.BlueGreenDeployment?.Status).toBe('DELETING');
    expect(deleting.BlueGreenDeployment?.DeleteTime).toBeInstanceOf(Date);
    await waitFor(async () => (await byName('scale-prod-db')) === undefined, 'deployment gone');
    const gone = await rejectionOf(
      t.rds.send(
        new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: deploymentId }),
      ),
    );
    expect(gone).toBeInstanceOf(BlueGreenDeploymentNotFoundFault);

    const withInstances = await rejectionOf(
      t.rds.send(
        new DeleteDBClusterCommand({
          DBClusterIdentifier: 'prod-db-old1',
          SkipFinalSnapshot: true,
        }),
      ),
    );
    expect(withInstances).toBeInstanceOf(InvalidDBClusterStateFault);
    expect(withInstances.message).toBe(
      'Cluster cannot be deleted, it still contains DB instances in non-deleting state.',
    );
    for (const id of ['prod-db-instance-2-old1', 'prod-db-instance-1-old1']) {
      const out = await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }));
      expect(out.DBInstance?.DBInstanceStatus).toBe('deleting');
    }
    const out = await t.rds.send(
      new DeleteDBClusterCommand({
        DBClusterIdentifier: 'prod-db-old1',
        FinalDBSnapshotIdentifier: 'prod-db-old1-final',
      }),
    );
    expect(out.DBCluster?.Status).toBe('deleting');
    await waitFor(async () => {
      const ids = (await t.rds.send(new DescribeDBClustersCommand({}))).DBClusters?.map(
        (c) => c.DBClusterIdentifier,
      );
      return !ids?.includes('prod-db-old1');
    }, '-old1 gone');
    const instances = (await t.rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.map(
      (i) => i.DBInstanceIdentifier,
    );
    expect(instances?.sort()).toEqual([
      'prod-db-instance-1',
      'prod-db-instance-2',
      'staging-db-instance-1',
    ]);
    const state = t.emulator.state() as {
      snapshots: { identifier: string; clusterIdentifier: string }[];
    };
    expect(state.snapshots).toEqual([
      expect.objectContaining({
        identifier: 'prod-db-old1-final',
        clusterIdentifier: 'prod-db-old1',
      }),
    ]);
  });

  it('when the run is over, then the events tell the story and each mutating call happened exactly once', async () => {
    const events = await t.rds.send(
      new DescribeEventsCommand({
        SourceType: 'blue-green-deployment',
        SourceIdentifier: deploymentId,
      }),
    );
    const messages = events.Events?.map((e) => e.Message) ?? [];
    expect(messages).toContain('Switchover started on blue/green deployment.');
    expect(messages).toContain('Switchover completed on blue/green deployment.');
    expect(messages).toContain('Blue/green deployment deleted.');
    const ok = t.emulator
      .calls()
      .filter((c) => c.outcome === 'ok' && MUTATING_ACTIONS.includes(c.action));
    const count = (action: string) => ok.filter((c) => c.action === action).length;
    expect(count('CreateBlueGreenDeployment')).toBe(1);
    expect(count('SwitchoverBlueGreenDeployment')).toBe(1);
    expect(count('RebootDBInstance')).toBe(1);
    expect(count('ModifyDBInstance')).toBe(2);
    expect(count('DeleteDBCluster')).toBe(1);
  });
});
