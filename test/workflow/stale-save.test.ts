import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunStore } from '../../src/workflow/run-store.js';
import type { Actor, Run } from '../../src/workflow/types.js';
import { type Harness, startHarness } from '../helpers/engine-harness.js';

const alice: Actor = { id: 'cli:alice', name: 'alice', via: 'cli' };
const ended = (r: Run) => ['succeeded', 'failed', 'rejected', 'cancelled'].includes(r.status);

describe('two copies of one run (overlapping activations)', () => {
  let h: Harness;
  beforeAll(async () => {
    // why: the in-place resize keeps its activation busy for 1.5–3 s, long enough to save a
    // second copy of the run meanwhile.
    h = await startHarness({ emulator: { outageScale: 0.005 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('when the run is saved elsewhere while a step runs, then the step’s copy is dropped, the run reloads and completes without repeating the call', async () => {
    const run = await h.inplaceRun(alice);
    const deadline = Date.now() + 30_000;
    while (h.okCalls('ModifyDBInstance').length === 0) {
      if (Date.now() > deadline) throw new Error('the resize was never sent');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Another activation's save, as when BullMQ lost the job's lock: a newer revision.
    const store = createRunStore(h.redis, h.prefix);
    const other = await h.engine.getRun(run.id);
    if (!other) throw new Error('no run');
    other.context.savedElsewhere = true;
    await store.save(other);

    const final = await h.waitFor(run.id, ended);
    expect(final.status).toBe('succeeded');
    expect(final.context.savedElsewhere).toBe(true);
    expect(h.okCalls('ModifyDBInstance')).toHaveLength(1);
    const finished = (await h.engine.audit(run.id)).filter(
      (e) => e.event.type === 'step.finished' && e.event.step === 'modify-writer',
    );
    expect(finished).toHaveLength(1);
    expect((await h.engine.verifyAudit(run.id)).ok).toBe(true);
  });
});
