/**
 * Plain-TS xoshiro256** with the same seeding, uniform, polar-normal and bounded-integer draws as
 * assembly/kernels/inline/xoshiro.ts. Raw outputs, uniforms and bounded integers match the WASM
 * generator bit for bit; normals may differ in the last bits because the host's Math.log/Math.sqrt
 * are not musl's. Two generators: `XoshiroRef` (BigInt, written for clarity) and `XoshiroFastRef`
 * (u32 halves, the "pure JS" side of the benchmarks); tests check that they agree.
 */
const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK;
const TWO32 = 2 ** 32;

/** What the reference kernels draw from (the inline draws of assembly/kernels/inline/xoshiro.ts). */
export interface RefGenerator {
  uniform(): number;
  normal(): number;
  /** Uniform integer in [0, bound), 0 < bound < 2³². */
  below(bound: number): number;
  /** An independent generator in the same state (the count pass of a two-pass kernel replays it). */
  clone(): RefGenerator;
}

/** The polar normal shared by both generators, including the spare of the last pair. */
abstract class PolarNormal implements RefGenerator {
  protected spare: number | undefined;
  abstract uniform(): number;
  abstract below(bound: number): number;
  abstract clone(): RefGenerator;

  normal(): number {
    if (this.spare !== undefined) {
      const spare = this.spare;
      this.spare = undefined;
      return spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
}

export class XoshiroRef extends PolarNormal {
  readonly #s: bigint[];

  /** From eight u32 words, lowest first (as rng_seed_xoshiro). */
  constructor(words: ArrayLike<number>) {
    super();
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

  /** Lemire's multiply-shift with rejection on the high 32 bits of each output. */
  below(bound: number): number {
    const b = BigInt(bound);
    let m = (this.nextU64() >> 32n) * b;
    if ((m & 0xffffffffn) < b) {
      const threshold = (2n ** 32n - b) % b;
      while ((m & 0xffffffffn) < threshold) m = (this.nextU64() >> 32n) * b;
    }
    return Number(m >> 32n);
  }

  clone(): XoshiroRef {
    const copy = new XoshiroRef(new Uint32Array(8));
    copy.#s.splice(0, 4, ...this.#s);
    copy.spare = this.spare;
    return copy;
  }
}

/** (lo + hi·2³²)·k mod 2⁶⁴ for a small k, as [lo, hi]: lo·k < 2³⁶ is exact in a double. */
function mulSmall(lo: number, hi: number, k: number, out: Uint32Array): void {
  const p = lo * k;
  out[0] = p;
  out[1] = Math.imul(hi, k) + Math.floor(p / TWO32);
}

/** The same generator on u32 halves (s_k = lo + hi·2³²): the fast pure-JS side of benchmarks. */
export class XoshiroFastRef extends PolarNormal {
  /** [s0.lo, s0.hi, s1.lo, s1.hi, s2.lo, s2.hi, s3.lo, s3.hi] */
  readonly #s = new Uint32Array(8);
  readonly #t = new Uint32Array(2);
  #hi = 0;
  #lo = 0;

  constructor(words: ArrayLike<number>) {
    super();
    this.#s.set(Array.from({ length: 8 }, (_, i) => words[i] >>> 0));
    if (this.#s.every((w) => w === 0)) this.#s.set([0x7f4a7c15, 0x9e3779b9]);
  }

  /** Advances and leaves the output in (#hi, #lo). */
  #next(): void {
    const s = this.#s;
    const t = this.#t;
    mulSmall(s[2], s[3], 5, t); // s1·5
    const rLo = ((t[0] << 7) | (t[1] >>> 25)) >>> 0; // rotl(·, 7)
    const rHi = ((t[1] << 7) | (t[0] >>> 25)) >>> 0;
    mulSmall(rLo, rHi, 9, t);
    this.#lo = t[0];
    this.#hi = t[1];
    const tLo = s[2] << 17; // s1 << 17
    const tHi = (s[3] << 17) | (s[2] >>> 15);
    s[4] ^= s[0]; s[5] ^= s[1]; // s2 ^= s0
    s[6] ^= s[2]; s[7] ^= s[3]; // s3 ^= s1
    s[2] ^= s[4]; s[3] ^= s[5]; // s1 ^= s2
    s[0] ^= s[6]; s[1] ^= s[7]; // s0 ^= s3
    s[4] ^= tLo; s[5] ^= tHi; // s2 ^= t
    const lo = s[6];
    const hi = s[7]; // s3 = rotl(s3, 45) = rotl(swap halves, 13)
    s[6] = (hi << 13) | (lo >>> 19);
    s[7] = (lo << 13) | (hi >>> 19);
  }

  uniform(): number {
    this.#next();
    return (this.#hi * 2 ** 21 + (this.#lo >>> 11)) * 2 ** -53;
  }

  below(bound: number): number {
    // m = hi·bound (a 64-bit product): low word by Math.imul, high word from 16-bit halves of hi.
    for (;;) {
      this.#next();
      const low = Math.imul(this.#hi, bound) >>> 0;
      const p1 = (this.#hi >>> 16) * bound;
      const p0 = (this.#hi & 0xffff) * bound;
      const q = Math.floor(p1 / 65536);
      const high = q + Math.floor(((p1 - q * 65536) * 65536 + p0) / TWO32);
      if (low >= bound || low >= (TWO32 - bound) % bound) return high;
    }
  }

  clone(): XoshiroFastRef {
    const copy = new XoshiroFastRef([1]);
    copy.#s.set(this.#s);
    copy.spare = this.spare;
    return copy;
  }
}
