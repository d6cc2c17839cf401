import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, makeEntry, verifyChain } from '../../src/workflow/audit-chain.js';
import type { AuditEntry } from '../../src/workflow/types.js';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i += 1) {
    const entry = makeEntry(
      'r-1',
      i,
      `2026-11-26T00:00:0${i}.000Z`,
      { type: 'step.progress', step: 'create-green', message: `m${i}` },
      prev,
    );
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

describe('verifyChain', () => {
  it('when the chain is untouched, then it verifies', () => {
    expect(verifyChain(chain(5), 'r-1')).toEqual({ ok: true, entries: 5 });
  });

  it('when an entry is altered, then the first broken link is that entry', () => {
    const entries = chain(5);
    entries[2] = {
      ...entries[2]!,
      event: { type: 'step.progress', step: 'create-green', message: 'forged' },
    };
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringContaining('altered'),
    });
  });

  it('when an entry is removed, then the chain breaks there', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('when an altered entry is re-hashed, then the next link breaks', () => {
    const entries = chain(4);
    const forged = makeEntry(
      'r-1',
      1,
      entries[1]!.at,
      { type: 'step.progress', step: 'create-green', message: 'x' },
      entries[0]!.hash,
    );
    entries[1] = forged;
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('when entries come from another run, then it says so', () => {
    expect(verifyChain(chain(2), 'r-2')).toMatchObject({ ok: false, brokenAt: 0 });
  });
});
