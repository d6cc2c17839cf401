/**
 * Replica lag without I/O. Reading "the newest visible seq" alone cannot tell a lagging replica
 * from a writer that stopped writing, so lag is measured against what had been acknowledged:
 * how long ago the oldest write acknowledged before the read began, yet invisible to it, was sent.
 */

/** An acknowledged insert: its `seq`, when it was sent and when its OK arrived (ms). */
export interface AckedWrite {
  seq: number;
  sentAt: number;
  ackedAt: number;
}

/** Index of the first element of `acked` (sorted by seq) whose seq is greater than `seq`. */
function firstAfter(acked: readonly AckedWrite[], seq: number): number {
  let lo = 0;
  let hi = acked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((acked[mid] as AckedWrite).seq > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Lag in ms seen by a read that began at `readStart` and saw writes up to `visibleSeq`
 * (undefined: none); 0 when it saw every write acknowledged before it began.
 */
export function replicaLagMs(
  acked: readonly AckedWrite[],
  visibleSeq: number | undefined,
  readStart: number,
): number {
  for (let i = firstAfter(acked, visibleSeq ?? -1); i < acked.length; i += 1) {
    const write = acked[i] as AckedWrite;
    if (write.ackedAt <= readStart) return Math.max(0, readStart - write.sentAt);
  }
  return 0;
}

/** Inserts `write` into `acked`, keeping it sorted by seq (acknowledgements arrive out of order). */
export function insertAcked(acked: AckedWrite[], write: AckedWrite): void {
  const at = firstAfter(acked, write.seq);
  acked.splice(at, 0, write);
}
