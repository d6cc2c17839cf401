import { describe, expect, it } from 'vitest';
import { callRate } from '../../bench/lib/call-rate.js';
import { replaceMarked } from '../../bench/lib/doc-section.js';

const at = (ms: number) => ({
  time: new Date(ms).toISOString(),
  action: 'DescribeDBClusters',
  params: {},
  outcome: 'ok',
  requestId: String(ms),
});

describe('request rate from the call log', () => {
  it('when requests bunch around a second boundary, then the aligned peak counts per wall-clock second and the sliding peak catches the burst', () => {
    const base = 1_700_000_000_000;
    const calls = [
      base + 100,
      base + 900,
      base + 950,
      base + 1_000,
      base + 1_050,
      base + 2_500,
    ].map(at);
    const rate = callRate(calls);
    expect(rate.perSecond).toEqual([3, 2, 1]);
    expect(rate.peak).toBe(3);
    expect(rate.slidingPeak).toBe(5);
    expect(rate.mean).toBe(2.5);
  });
});

describe('marked document sections', () => {
  it('when the section exists, then only the text between its markers changes', () => {
    const doc = '# T\n\n## A\n\n<!-- a:start -->\nold\n<!-- a:end -->\n\n## B\n\ntext\n';
    expect(replaceMarked(doc, 'a', 'A', 'new')).toBe(
      '# T\n\n## A\n\n<!-- a:start -->\nnew\n<!-- a:end -->\n\n## B\n\ntext\n',
    );
  });

  it('when the section is new, then it is appended under its heading', () => {
    expect(replaceMarked('# T\n', 'b', 'B', 'body')).toBe(
      '# T\n\n## B\n\n<!-- b:start -->\nbody\n<!-- b:end -->\n',
    );
  });
});
