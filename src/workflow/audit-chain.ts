/**
 * The pure half of the audit log: how an entry's hash is computed and how a chain is verified.
 * Each entry's hash covers its content and the previous entry's hash, so changing, removing or
 * reordering any entry breaks every link after it.
 */
import { createHash } from 'node:crypto';
import { stableJson } from './stable-json.js';
import type { AuditEntry, EngineEvent } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, runId, event, prevHash } = entry;
  return createHash('sha256')
    .update(prevHash)
    .update(stableJson({ seq, at, runId, event }))
    .digest('hex');
}

export function makeEntry(
  runId: string,
  seq: number,
  at: string,
  event: EngineEvent,
  prevHash: string,
): AuditEntry {
  const base = { seq, at, runId, event, prevHash };
  return { ...base, hash: hashEntry(base) };
}

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recomputes the chain and reports the first broken link, if any. */
export function verifyChain(entries: readonly AuditEntry[], runId?: string): ChainVerdict {
  let prev = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      entries: entries.length,
      brokenAt: index,
      reason,
    });
    if (entry.seq !== index) return fail(`entry ${index} has seq ${entry.seq}`);
    if (runId !== undefined && entry.runId !== runId)
      return fail(`entry ${index} belongs to run ${entry.runId}`);
    if (entry.prevHash !== prev) return fail(`entry ${index} does not follow entry ${index - 1}`);
    if (hashEntry(entry) !== entry.hash) return fail(`entry ${index} was altered (hash mismatch)`);
    prev = entry.hash;
  }
  return { ok: true, entries: entries.length };
}
