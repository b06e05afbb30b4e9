import seedrandom from 'seedrandom';

/** What a user may give as a seed: any finite number or any string. */
export type Seed = number | string;

/**
 * The 256-bit xoshiro256** state for a user seed, as eight u32 words (lowest first): seedrandom's
 * ARC4 generator keyed by String(seed). The same seed gives the same words on every engine.
 */
export function seedWords(seed: Seed, where = 'seed'): Uint32Array {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError(`${where}: seed must be a finite number or a string (got ${seed})`);
  } else if (typeof seed !== 'string') {
    throw new TypeError(`${where}: seed must be a finite number or a string (got ${typeof seed})`);
  }
  const prng = seedrandom(String(seed));
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = prng.int32() >>> 0;
  return words;
}

/**
 * A sub-seed for one part of a computation: the parts joined to the seed with '/', e.g.
 * deriveSeed(7, 'spectra', 'CV = 1') = '7/spectra/CV = 1'. Distinct paths give independent
 * streams (seedrandom hashes the whole string); the same path always gives the same stream.
 */
export function deriveSeed(seed: Seed, ...parts: (string | number)[]): string {
  return [seed, ...parts].map(String).join('/');
}
