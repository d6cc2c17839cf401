import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  paginateDescribeOrderableDBInstanceOptions,
  RDSServiceException,
} from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import {
  fetchSimCalls,
  fetchSimState,
  postSimFaults,
  postSimReset,
} from '../../src/sim/rds/index.js';
import { rejectionOf, useTestEmulator } from './helpers.js';

const t = useTestEmulator();

const post = (
  body: string,
  headers: Record<string, string> = { authorization: 'AWS4-HMAC-SHA256 x' },
) =>
  fetch(`${t.emulator.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

describe('RDS emulator wire protocol', () => {
  it('when the SDK is configured only through AWS_ENDPOINT_URL_RDS, then its requests arrive in the call log', async () => {
    expect(process.env.AWS_ENDPOINT_URL_RDS).toBe(t.emulator.url);
    const before = t.emulator.calls().length;
    const out = await t.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-db' }));
    const calls = await fetchSimCalls(t.emulator.url);
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)).toMatchObject({
      action: 'DescribeDBClusters',
      params: { DBClusterIdentifier: 'prod-db' },
      outcome: 'ok',
      requestId: out.$metadata.requestId,
    });
    expect(Date.parse(calls.at(-1)?.time ?? '')).not.toBeNaN();
  });

  it('when any route answers, then it carries an x-amzn-RequestId header', async () => {
    const ok = await post('Action=DescribeDBClusters&Version=2014-10-31');
    const state = await fetch(`${t.emulator.url}/_sim/state`);
    const missing = await fetch(`${t.emulator.url}/nowhere`);
    for (const response of [ok, state, missing]) {
      expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(ok.status).toBe(200);
    const xml = await ok.text();
    expect(xml).toContain(
      '<DescribeDBClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">',
    );
    expect(xml).toContain(`<RequestId>${ok.headers.get('x-amzn-requestid')}</RequestId>`);
    expect(missing.status).toBe(404);
  });

  it('when the Authorization header is missing, then it answers MissingAuthenticationToken 403', async () => {
    const response = await post('Action=DescribeDBClusters&Version=2014-10-31', {});
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('when the action is unknown, then it answers InvalidAction 400 in an ErrorResponse', async () => {
    const response = await post(
      'Action=StartDBCluster&Version=2014-10-31&DBClusterIdentifier=prod-db',
    );
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toMatch(
      /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>[^<]+<\/Message><\/Error>/,
    );
    expect(t.emulator.calls().at(-1)).toMatchObject({
      action: 'StartDBCluster',
      outcome: 'InvalidAction',
    });
  });

  it('when filters use the member form, then they are understood like the SDK form', async () => {
    const response = await post(
      'Action=DescribeDBInstances&Version=2014-10-31&Filters.member.1.Name=db-cluster-id&Filters.member.1.Values.member.1=staging-db',
    );
    const xml = await response.text();
    expect(xml).toContain('<DBInstanceIdentifier>staging-db-instance-1</DBInstanceIdentifier>');
    expect(xml).not.toContain('prod-db-instance-1');
  });

  it('when a filter name is unknown, then it answers InvalidParameterValue', async () => {
    const error = await rejectionOf(
      t.rds.send(
        new DescribeDBClustersCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] }),
      ),
    );
    expect(error).toBeInstanceOf(RDSServiceException);
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('when results exceed MaxRecords, then Marker pages through all of them', async () => {
    let total = 0;
    let pages = 0;
    for await (const page of paginateDescribeOrderableDBInstanceOptions(
      { client: t.rds, pageSize: 100 },
      { Engine: 'aurora-mysql', EngineVersion: '8.0.mysql_aurora.3.05.2' },
    )) {
      pages += 1;
      total += page.OrderableDBInstanceOptions?.length ?? 0;
    }
    expect(total).toBe(42);
    const first = await t.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 20 }));
    expect(first.DBInstances).toHaveLength(3);
    expect(first.Marker).toBeUndefined();
    const all = await t.rds.send(new DescribeDBClustersCommand({ MaxRecords: 20 }));
    expect(all.DBClusters?.map((c) => c.DBClusterIdentifier)).toEqual(['prod-db', 'staging-db']);
    expect(pages).toBe(1);
    const bad = await rejectionOf(t.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 5 })));
    expect(bad.name).toBe('InvalidParameterValue');
  });

  it('when the full orderable list is paged, then every page but the last is full', async () => {
    const sizes: number[] = [];
    for await (const page of paginateDescribeOrderableDBInstanceOptions(
      { client: t.rds, pageSize: 100 },
      { Engine: 'aurora-mysql' },
    )) {
      sizes.push(page.OrderableDBInstanceOptions?.length ?? 0);
    }
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
  });

  it('when the control API is used over HTTP, then state, faults and reset work', async () => {
    const state = (await fetchSimState(t.emulator.url)) as {
      region: string;
      clusters: { identifier: string }[];
      endpoints: { address: string }[];
    };
    expect(state.region).toBe('ap-northeast-2');
    expect(state.clusters.map((c) => c.identifier)).toEqual(['prod-db', 'staging-db']);
    expect(state.endpoints.length).toBe(7);
    await expect(
      postSimFaults(t.emulator.url, { switchover: 'sideways' as 'failed' }),
    ).rejects.toThrow(/switchover/);
    await postSimFaults(t.emulator.url, {
      failNext: [{ action: 'DescribeDBClusters', code: 'InvalidParameterValue' }],
    });
    expect(
      (t.emulator.state() as { faults: { failNext: unknown[] } }).faults.failNext,
    ).toHaveLength(1);
    await postSimReset(t.emulator.url);
    expect(await fetchSimCalls(t.emulator.url)).toEqual([]);
    expect(
      (t.emulator.state() as { faults: { failNext: unknown[] } }).faults.failNext,
    ).toHaveLength(0);
    await t.rds.send(new DescribeDBClustersCommand({}));
    expect(t.emulator.calls()).toHaveLength(1);
  });
});
