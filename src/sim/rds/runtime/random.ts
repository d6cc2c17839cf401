/** Random choices of the emulator (name suffixes, resource ids, outage lengths). */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** `length` characters from `alphabet` (default: lowercase letters and digits). */
  chars(length: number, alphabet?: string): string;
  /** A number in [min, max]. */
  between(min: number, max: number): number;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: tiny and good enough to make a seeded run reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded when `seed` is given (tests), otherwise Math.random. */
export function createRandom(seed?: number): Random {
  const next = seed === undefined ? Math.random : mulberry32(seed);
  return {
    next,
    chars(length, alphabet = LOWER_ALNUM) {
      let out = '';
      for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    between(min, max) {
      return max <= min ? min : min + next() * (max - min);
    },
  };
}
