/**
 * Deterministic randomness for the fuzz campaigns: a small seeded generator (mulberry32) and a
 * hash that gives every input of a campaign its own seed, so input `i` of a campaign is the same
 * text on every machine, in every worker, in any order — which is what makes `--replay` work.
 */

export interface Rand {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rand {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]) => {
      if (!xs.length) throw new Error('pick from an empty list');
      return xs[int(xs.length)]!;
    },
    chance: (p) => next() < p,
  };
}

/** The seed of one input: FNV-1a over the campaign seed, the campaign's name and the input's index. */
export function inputSeed(seed: number, campaign: string, index: number): number {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${campaign}:${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h >>> 0;
}
