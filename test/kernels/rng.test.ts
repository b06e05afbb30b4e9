import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { XoshiroRef } from '../../src/reference/rng.js';
import { seedWords } from '../../src/random/seed.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { ulpDistance } from '../helpers/tolerance.js';

describe.each(BUILDS)('xoshiro256** [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it('raw 64-bit outputs equal the BigInt reference bit for bit', () => {
    for (const seed of [0, 1, 42, 'rnnkit', '']) {
      using rng = rt.rng(seed);
      const words = rng.rawWords(1000);
      const ref = new XoshiroRef(seedWords(seed));
      for (let i = 0; i < 1000; i++) {
        const v = ref.nextU64();
        expect([words[2 * i], words[2 * i + 1]]).toEqual([Number(v & 0xffffffffn), Number(v >> 32n)]);
      }
    }
  });

  it('matches the published xoshiro256** sequence for state (1, 2, 3, 4)', () => {
    // Reference outputs of Vigna's xoshiro256starstar.c for s = {1, 2, 3, 4}.
    const ref = new XoshiroRef([1, 0, 2, 0, 3, 0, 4, 0]);
    expect([ref.nextU64(), ref.nextU64(), ref.nextU64()]).toEqual([11520n, 0n, 1509978240n]);
  });

  it('uniforms equal the reference bit for bit; normals within 4 ulp (host log/sqrt vs musl)', () => {
    using rng = rt.rng('parity');
    const u = rng.uniform(2000).toArray();
    const z = rng.normal(2001).toArray();
    const ref = new XoshiroRef(seedWords('parity'));
    for (let i = 0; i < u.length; i++) expect(u[i]).toBe(ref.uniform());
    // Acceptance in the polar method depends only on exact uniforms, so both draw the same pairs;
    // f = √(−2 ln s / s) differs by the hosts' log/sqrt rounding: a few ulp at most.
    for (let i = 0; i < z.length; i++) expect(ulpDistance(z[i], ref.normal())).toBeLessThanOrEqual(4);
  });

  it('same seed gives the same bits; different seeds differ; bulk and piecewise draws agree', () => {
    using a = rt.rng(7);
    using b2 = rt.rng('7');
    using c = rt.rng(8);
    const za = a.normal(101).toArray();
    expect(b2.normal(101).toArray()).toEqual(za);
    expect(c.normal(101).toArray()).not.toEqual(za);
    using d = rt.rng(7);
    const pieces = [...d.normal(3).toArray(), ...d.normal(50).toArray(), ...d.normal(48).toArray()];
    expect(Float64Array.from(pieces)).toEqual(za);
  });

  it('normal(mean, std) and lognormal({mean, cv}) transform the same standard draws', () => {
    using a = rt.rng('shift');
    using b2 = rt.rng('shift');
    const z = a.normal(500).toArray();
    const y = b2.normal(500, 3, 0.5).toArray();
    for (let i = 0; i < z.length; i++) expect(y[i]).toBe(3 + 0.5 * z[i]);
    using c = rt.rng('shift');
    const ln = c.lognormal(500, { mean: 2, cv: 0.5 }).toArray();
    const sigma = Math.sqrt(Math.log1p(0.25));
    const mu = Math.log(2) - (sigma * sigma) / 2;
    // exp in WASM (musl) vs the host: a few ulp.
    for (let i = 0; i < z.length; i++) expect(ulpDistance(ln[i], Math.exp(mu + sigma * z[i]))).toBeLessThanOrEqual(4);
  });

  it('rejects bad seeds and parameters by name', () => {
    expect(() => rt.rng(Number.NaN)).toThrow(/rt.rng: seed must be a finite number or a string/);
    // @ts-expect-error: a wrong type is what is being tested
    expect(() => rt.rng({})).toThrow(/seed must be a finite number or a string/);
    using rng = rt.rng(1);
    expect(() => rng.normal(-1)).toThrow(/Rng.normal: n must be an integer ≥ 0 \(got -1\)/);
    expect(() => rng.normal(3, 0, -1)).toThrow(/Rng.normal: std must be ≥ 0/);
    expect(() => rng.lognormal(3, { mean: 0, cv: 1 })).toThrow(/Rng.lognormal: mean must be > 0/);
    expect(() => rng.lognormal(3, { mean: 1, cv: Number.NaN })).toThrow(/Rng.lognormal: cv must be a finite number/);
  });
});
