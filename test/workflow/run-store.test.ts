import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunStore, StaleRunError } from '../../src/workflow/run-store.js';
import type { Run } from '../../src/workflow/types.js';
import { REDIS_URL } from '../helpers/engine-harness.js';
import { aRun } from '../slack/helpers/fixtures.js';

const redis = new Redis(REDIS_URL);
const prefix = `t-store-${randomBytes(4).toString('hex')}`;
const store = createRunStore(redis, prefix);
afterAll(() => {
  redis.disconnect();
});

const fresh = (): Run => ({ ...aRun(), id: `r-${randomBytes(4).toString('hex')}`, rev: undefined });

describe('run store saves', () => {
  it('when two copies of a run are saved, then the older copy is refused and the newer state stays', async () => {
    const run = fresh();
    await store.save(run);
    const a = await store.get(run.id);
    const b = await store.get(run.id);
    if (!a || !b) throw new Error('not stored');
    a.status = 'waiting';
    await store.save(a);
    b.status = 'awaiting_approval';
    await expect(store.save(b)).rejects.toBeInstanceOf(StaleRunError);
    expect(b.rev).toBe(1);
    expect((await store.get(run.id))?.status).toBe('waiting');
    // The same copy goes on saving: each save bumps the revision it expects next.
    a.status = 'running';
    await store.save(a);
    expect(await store.get(run.id)).toMatchObject({ status: 'running', rev: 3 });
  });

  it('when a run was stored before revisions existed, then it saves as revision 0', async () => {
    const run = fresh();
    const { rev: _rev, ...legacy } = run;
    await redis.set(`${prefix}:run:${run.id}`, JSON.stringify(legacy));
    const loaded = await store.get(run.id);
    if (!loaded) throw new Error('not stored');
    await store.save(loaded);
    expect((await store.get(run.id))?.rev).toBe(1);
  });

  it('when a run ends, then it leaves the live index in the same save', async () => {
    const run = fresh();
    run.status = 'running';
    await store.save(run);
    expect((await store.list(10, () => true, { kind: 'live' })).map((r) => r.id)).toContain(run.id);
    run.status = 'succeeded';
    await store.save(run);
    expect((await store.list(10, () => true, { kind: 'live' })).map((r) => r.id)).not.toContain(
      run.id,
    );
    expect(
      (await store.list(10, () => true, { kind: 'cluster', alias: run.cluster.alias })).map(
        (r) => r.id,
      ),
    ).toContain(run.id);
  });
});
