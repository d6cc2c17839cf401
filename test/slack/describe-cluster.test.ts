import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRdsBudget } from '../../src/aws/rds-budget.js';
import { createRdsGateway } from '../../src/aws/rds-gateway.js';
import type { ClusterConfig } from '../../src/config.js';
import { createClusterDescriber } from '../../src/slack/describe-cluster.js';
import { REGION, useTestEmulator } from '../sim-rds/helpers.js';
import { REDIS_URL, testConfig } from './helpers/front-harness.js';

const t = useTestEmulator();
let redis: Redis;
let prodDb: ClusterConfig;
const prefix = `test-describe-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  // why: the gateway's client takes the SDK's default credential chain, as in production.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
  redis = new Redis(REDIS_URL);
  const cluster = testConfig({ SLACK_BOT_TOKEN: 'xoxb-test' }).clusters['prod-db'];
  if (!cluster) throw new Error('aurora-bot.sim.yaml has no prod-db');
  prodDb = cluster;
});
afterAll(async () => {
  redis.disconnect();
});

function describer(ttlMs: number) {
  const budget = createRdsBudget({ redis, prefix, region: REGION, requestsPerSecond: 100 });
  const gateway = createRdsGateway({ region: REGION, budget });
  return createClusterDescriber(() => gateway, ttlMs);
}

const describeCalls = () =>
  t.emulator.calls().filter((c) => c.action === 'DescribeDBClusters').length;

describe('the clusters describer', () => {
  it('when many commands ask at once, then AWS is asked once and all get the live state', async () => {
    const describe = describer(60_000);
    const before = describeCalls();
    const states = await Promise.all(Array.from({ length: 5 }, () => describe(prodDb)));
    expect(describeCalls() - before).toBe(1);
    for (const state of states)
      expect(state).toMatchObject({ writerClass: 'db.r6g.large', status: 'available' });
  });

  it('when the description is older than its ttl, then AWS is asked again', async () => {
    const describe = describer(30);
    const before = describeCalls();
    await describe(prodDb);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await describe(prodDb);
    expect(describeCalls() - before).toBe(2);
  });

  it('when AWS fails, then the failure is not kept: the next command asks again', async () => {
    const describe = describer(60_000);
    t.emulator.setFaults({
      failNext: [{ action: 'DescribeDBClusters', code: 'InvalidParameterValue', status: 400 }],
    });
    await expect(describe(prodDb)).rejects.toThrow();
    await expect(describe(prodDb)).resolves.toMatchObject({ status: 'available' });
    t.emulator.setFaults({});
  });
});
