/**
 * Write verification without I/O: which inserts were acknowledged, and what reading them back
 * showed. The verdicts come from the latest read-back covering each `seq`.
 */
import type { Sample } from './types.js';

export interface WriteTally {
  acknowledged: number;
  lost: number;
  ambiguous: number;
}

/**
 * `acknowledged` counts inserts that got OK; `lost` those of them read back absent; `ambiguous`
 * failed inserts read back present (the commit happened, its acknowledgement did not arrive).
 * `present` maps a `seq` to whether its row was found; seqs never read back count as neither.
 */
export function tallyWrites(
  samples: Iterable<Sample | undefined>,
  present: ReadonlyMap<number, boolean>,
): WriteTally {
  const tally: WriteTally = { acknowledged: 0, lost: 0, ambiguous: 0 };
  for (const sample of samples) {
    if (!sample) continue;
    const found = present.get(sample.seq);
    if (sample.ok) {
      tally.acknowledged += 1;
      if (found === false) tally.lost += 1;
    } else if (found === true) {
      tally.ambiguous += 1;
    }
  }
  return tally;
}
