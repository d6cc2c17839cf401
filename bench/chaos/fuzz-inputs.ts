/**
 * The raw material of the fuzz corpus: injection strings, the command vocabulary, white space
 * of every kind, random characters from every plane, and mutations of valid commands.
 */

export const INJECTIONS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0BOB>',
  '<#C0OPS>',
  '<!subteam^S0DBLEADS>',
  '<https://evil.example|click me>',
  '*bold*',
  '_italic_',
  '~strike~',
  '`code`',
  '```block```',
  '&amp;&lt;&gt;',
  '> quote',
  "'; DROP TABLE runs; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose.
  '${process.exit(1)}',
  '{{7*7}}',
  '../../../etc/passwd',
  '%00%0a%0d',
  '\\u0000',
  '__proto__',
  'constructor',
  '{"runId":"x"}',
  'r-aaaaaaaa-0000',
];

export const WORDS = [
  'scaleup',
  'scale-up',
  'SCALEUP',
  'plan',
  'status',
  'list',
  'ls',
  'cancel',
  'audit',
  'clusters',
  'help',
  '?',
  'r6g.large',
  'db.r6g.2xlarge',
  'R7G.4XLARGE',
  'r9z.huge',
  'strategy=failover',
  'strategy=bluegreen',
  'strategy=inplace',
  'strategy=',
  'strategy=yolo',
  '--strategy=inplace',
  'force=yes',
  'prod-db',
  'nope-db',
];

export const SPACES = [' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\u200b', '\ufeff'];

/** Characters from every plane and class: controls, combining marks, RTL, emoji, surrogates. */
export function randomChar(r: () => number): string {
  const pick = r();
  if (pick < 0.1) return String.fromCharCode(Math.floor(r() * 32)); // C0 controls
  if (pick < 0.15) return String.fromCharCode(0x7f + Math.floor(r() * 33)); // DEL, C1
  if (pick < 0.25) return String.fromCharCode(0x300 + Math.floor(r() * 0x70)); // combining
  if (pick < 0.32) return String.fromCharCode(0x590 + Math.floor(r() * 0x200)); // Hebrew, Arabic
  if (pick < 0.38)
    return ['\u202e', '\u202d', '\u2066', '\u200f', '\u200d'][Math.floor(r() * 5)] ?? '';
  if (pick < 0.5) return String.fromCodePoint(0x1f300 + Math.floor(r() * 0x500)); // emoji
  if (pick < 0.55) return String.fromCharCode(0xd800 + Math.floor(r() * 0x800)); // lone surrogate
  if (pick < 0.7) return String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000)); // CJK
  return String.fromCharCode(0x20 + Math.floor(r() * 0x5f)); // printable ASCII
}

export const pickOf =
  (r: () => number) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(r() * items.length)] as T;

export function mutate(text: string, r: () => number): string {
  const pick = pickOf(r);
  let out = text;
  const times = 1 + Math.floor(r() * 3);
  for (let i = 0; i < times; i += 1) {
    const at = Math.floor(r() * (out.length + 1));
    const what = r();
    if (what < 0.25) out = out.slice(0, at) + randomChar(r) + out.slice(at);
    else if (what < 0.45) out = out.slice(0, at) + out.slice(at + 1);
    else if (what < 0.6) out = out.replace(' ', pick(SPACES));
    else if (what < 0.7) out = out.toUpperCase();
    else if (what < 0.8) out = `${out} ${pick(WORDS)}`;
    else if (what < 0.9) out = out.split(' ').reverse().join(' ');
    else out = out.slice(0, at) + pick(INJECTIONS) + out.slice(at);
  }
  return out;
}
