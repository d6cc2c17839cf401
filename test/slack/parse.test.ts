import { describe, expect, it } from 'vitest';
import { type ParsedCommand, parseCommand } from '../../src/slack/commands/parse.js';

describe('parseCommand', () => {
  const cases: [string, ParsedCommand][] = [
    [
      'scaleup prod-db r6g.2xlarge',
      { kind: 'scaleup', cluster: 'prod-db', targetClass: 'r6g.2xlarge' },
    ],
    [
      '  SCALEUP   Prod-DB   DB.R6G.2XLARGE  ',
      { kind: 'scaleup', cluster: 'prod-db', targetClass: 'db.r6g.2xlarge' },
    ],
    [
      'scaleup prod-db r6g.2xlarge strategy=failover',
      { kind: 'scaleup', cluster: 'prod-db', targetClass: 'r6g.2xlarge', strategy: 'failover' },
    ],
    [
      'scaleup strategy=INPLACE prod-db r6g.2xlarge',
      { kind: 'scaleup', cluster: 'prod-db', targetClass: 'r6g.2xlarge', strategy: 'inplace' },
    ],
    [
      'scale-up prod-db r6g.2xlarge --strategy=bluegreen',
      { kind: 'scaleup', cluster: 'prod-db', targetClass: 'r6g.2xlarge', strategy: 'bluegreen' },
    ],
    [
      'plan staging-db r7g.large',
      { kind: 'plan', cluster: 'staging-db', targetClass: 'r7g.large' },
    ],
    ['status', { kind: 'status' }],
    ['status r-abc-1234', { kind: 'status', target: 'r-abc-1234' }],
    ['Status prod-db', { kind: 'status', target: 'prod-db' }],
    ['list', { kind: 'list' }],
    ['LS', { kind: 'list' }],
    ['cancel r-abc-1234', { kind: 'cancel', runId: 'r-abc-1234' }],
    ['clusters', { kind: 'clusters' }],
    ['audit r-abc-1234', { kind: 'audit', runId: 'r-abc-1234' }],
    ['help', { kind: 'help' }],
    ['help scaleup', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['frobnicate prod-db', { kind: 'help', unknown: 'frobnicate' }],
    ['<@U0EVIL>', { kind: 'help', unknown: '<@U0EVIL>' }],
  ];
  it.each(cases)('when the text is %j, then it parses as expected', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  const usage: [string, string, RegExp][] = [
    ['scaleup', 'scaleup', /needs a cluster and an instance class \(got 0 arguments\)/],
    ['scaleup prod-db', 'scaleup', /needs a cluster and an instance class \(got 1 argument\)/],
    [
      'scaleup prod-db r6g.large extra',
      'scaleup',
      /takes only a cluster and an instance class \(got 3 arguments\)/,
    ],
    [
      'scaleup prod-db r6g.large strategy=warp',
      'scaleup',
      /`warp` is not a strategy; use one of bluegreen, failover, inplace/,
    ],
    [
      'plan prod-db r6g.large strategy=failover strategy=inplace',
      'plan',
      /strategy= is given twice/,
    ],
    ['plan prod-db r6g.large speed=fast', 'plan', /unknown option `speed=`/],
    ['status a b', 'status', /at most one run id or cluster \(got 2\)/],
    ['cancel', 'cancel', /needs exactly one run id \(got 0 arguments\)/],
    ['audit r-1 r-2', 'audit', /needs exactly one run id \(got 2 arguments\)/],
    ['list all', 'list', /takes no arguments \(got 1 argument\)/],
    ['clusters prod-db', 'clusters', /takes no arguments/],
    [`cancel ${'x'.repeat(101)}`, 'cancel', /longer than 100 characters/],
  ];
  it.each(usage)(
    'when the text is %j, then a usage problem for %s says what is wrong',
    (text, sub, problem) => {
      const parsed = parseCommand(text);
      if (parsed.kind !== 'usage') throw new Error(`expected usage, got ${parsed.kind}`);
      expect(parsed.sub).toBe(sub);
      expect(parsed.problem).toMatch(problem);
      expect(parsed.usage).toMatch(new RegExp(`^/aurora ${sub}`));
    },
  );

  it('when fed 5000 random texts, then it never throws and always answers a known kind', () => {
    const alphabet = [
      'scaleup',
      'plan',
      'status',
      'cancel',
      'audit',
      'list',
      'help',
      'strategy=',
      '=',
      ' ',
      '\t',
      '\n',
      'é',
      '😀',
      '<',
      '>',
      '&',
      '`',
      '*',
      'prod-db',
      'r6g.large',
      '\u0000',
      'x'.repeat(150),
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const kinds = new Set([
      'scaleup',
      'plan',
      'status',
      'list',
      'cancel',
      'clusters',
      'audit',
      'help',
      'usage',
    ]);
    for (let i = 0; i < 5000; i += 1) {
      const parts = Array.from(
        { length: Math.floor(random() * 8) },
        () => alphabet[Math.floor(random() * alphabet.length)] ?? '',
      );
      const text =
        random() < 0.2
          ? String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(random() * 0xffff)))
          : parts.join(random() < 0.5 ? ' ' : '');
      expect(kinds.has(parseCommand(text).kind)).toBe(true);
    }
    for (const odd of [undefined, null, 42, {}, [], 'a'.repeat(100_000)])
      expect(kinds.has(parseCommand(odd).kind)).toBe(true);
  });
});
