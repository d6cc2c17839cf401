import { describe, expect, it } from 'vitest';
import { classRank, normalizeInstanceClass } from '../../src/aws/instance-classes.js';

describe('normalizeInstanceClass', () => {
  it.each([
    ['r6g.2xlarge', 'db.r6g.2xlarge'],
    ['db.r6g.2xlarge', 'db.r6g.2xlarge'],
    ['DB.R7G.LARGE', 'db.r7g.large'],
    [' r8g.xlarge ', 'db.r8g.xlarge'],
    ['x2g.16xlarge', 'db.x2g.16xlarge'],
  ])('when given %s, then it is %s', (input, expected) => {
    expect(normalizeInstanceClass(input)).toBe(expected);
  });

  it.each([
    'r6g',
    'r6g.huge',
    'm5.large',
    'db.r6g.2xlarge.extra',
    '',
    'r6g 2xlarge',
    '<r6g.large>',
  ])('when given %j, then it is rejected', (input) => {
    expect(normalizeInstanceClass(input)).toBeUndefined();
  });

  it('when sizes are compared, then larger ranks higher', () => {
    expect(classRank('db.r6g.2xlarge')).toBeGreaterThan(classRank('db.r6g.large'));
  });
});
