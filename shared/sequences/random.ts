/**
 * A small seeded random source (mulberry32) for jitter: shared/ stays deterministic, tests replay exactly.
 * `streamFor` derives an independent stream from a seed and a name, so one mailbox's next gap is the same on
 * every tick that plans it (a fresh draw per tick would pull sends early: the earliest of many draws).
 */
export type Random = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over a string, mixed with a seed: a 32-bit stream id. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The random stream of one name (a mailbox and its last send) under a seed. */
export const streamFor = (seed: number, name: string): Random => seededRandom(hashSeed(seed, name));
