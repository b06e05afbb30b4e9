import { beforeAll, describe, expect, it } from 'vitest';
import { axpy, dot, norm, scale, type Runtime } from '../../src/index.js';
import { axpyRef, dotRef, nrm2Ref, scalRef } from '../../src/reference/blas1.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, buildName, loadBuild, TAIL_SIZES } from '../helpers/runtime.js';
import { dotDiffBound, gamma } from '../helpers/tolerance.js';

describe.each(BUILDS)('blas1 [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(TAIL_SIZES)(`dot n=%i within the forward-error bound of the reference (${buildName(b)})`, (n) => {
    const xs = randomArray(`dot-x-${n}`, n);
    const ys = randomArray(`dot-y-${n}`, n);
    using x = rt.f64From(xs);
    using y = rt.f64From(ys);
    const absSum = xs.reduce((s, v, i) => s + Math.abs(v * ys[i]), 0);
    expect(Math.abs(dot(rt, x, y) - dotRef(xs, ys))).toBeLessThanOrEqual(dotDiffBound(absSum, n));
  });

  it.each(TAIL_SIZES)('axpy and scale n=%i equal the reference bit for bit (same operations per element)', (n) => {
    const xs = randomArray(`axpy-x-${n}`, n);
    const ys = randomArray(`axpy-y-${n}`, n);
    using x = rt.f64From(xs);
    using y = rt.f64From(ys);
    axpy(rt, -0.37, x, y);
    axpyRef(-0.37, xs, ys);
    expect(y.toArray()).toEqual(ys);
    scale(rt, 1.9, y);
    scalRef(1.9, ys);
    expect(y.toArray()).toEqual(ys);
  });

  it.each(TAIL_SIZES)('norm n=%i agrees with the scaled reference within (n+2)·u relative', (n) => {
    const xs = randomArray(`nrm2-${n}`, n);
    using x = rt.f64From(xs);
    const ref = nrm2Ref(xs);
    // Both sum n squares (γ_n each) and take a square root (½u): |Δ| ≤ (γ_n + u)·‖x‖ per side.
    expect(Math.abs(norm(rt, x) - ref)).toBeLessThanOrEqual(2 * (gamma(n) + 2 ** -53) * ref);
  });

  it('norm neither overflows nor underflows', () => {
    using big = rt.f64From([3e300, 4e300]);
    using small = rt.f64From([3e-300, 4e-300]);
    expect(norm(rt, big)).toBeCloseTo(5e300, -286);
    expect(Math.abs(norm(rt, big) / 5e300 - 1)).toBeLessThan(4 * 2 ** -53);
    expect(Math.abs(norm(rt, small) / 5e-300 - 1)).toBeLessThan(4 * 2 ** -53);
    using empty = rt.f64(0);
    expect(norm(rt, empty)).toBe(0);
  });

  it('rejects mismatched lengths and non-finite scalars by name', () => {
    using x = rt.f64(3);
    using y = rt.f64(4);
    expect(() => dot(rt, x, y)).toThrow(/dot: x and y differ in length \(3 vs 4\)/);
    expect(() => axpy(rt, Number.NaN, x, x)).toThrow(/axpy: alpha must be a finite number/);
    expect(() => scale(rt, Infinity, x)).toThrow(/scale: alpha must be a finite number/);
  });
});
