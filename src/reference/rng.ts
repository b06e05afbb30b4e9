/**
 * Plain-TS xoshiro256** (BigInt, for clarity) with the same seeding, uniform and polar-normal
 * draws as assembly/kernels/rng.ts. Raw outputs and uniforms match the WASM generator bit for bit;
 * normals may differ in the last bits because the host's Math.log/Math.sqrt are not musl's.
 */
const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK;

export class XoshiroRef {
  readonly #s: bigint[];
  #spare: number | undefined;

  /** From eight u32 words, lowest first (as rng_seed_xoshiro). */
  constructor(words: ArrayLike<number>) {
    const word = (i: number) => BigInt(words[2 * i] >>> 0) | (BigInt(words[2 * i + 1] >>> 0) << 32n);
    this.#s = [word(0), word(1), word(2), word(3)] as bigint[];
    if (!this.#s.some((v) => v !== 0n)) this.#s[0] = 0x9e3779b97f4a7c15n;
  }

  nextU64(): bigint {
    const s = this.#s;
    const result = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }

  uniform(): number {
    return Number(this.nextU64() >> 11n) * 2 ** -53;
  }

  normal(): number {
    if (this.#spare !== undefined) {
      const spare = this.#spare;
      this.#spare = undefined;
      return spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * f;
    return u * f;
  }
}
