import { beforeAll, describe, expect, it } from 'vitest';
import { applyNonlinearity, type Runtime } from '../../src/index.js';
import { erfRef, reluRef, sigmoidRef } from '../../src/reference/activation.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild, TAIL_SIZES } from '../helpers/runtime.js';
import { ulpDistance } from '../helpers/tolerance.js';
import ERF_EXACT from '../fixtures/erf-correctly-rounded.json' with { type: 'json' };
import TANH_EXACT from '../fixtures/tanh-correctly-rounded.json' with { type: 'json' };

/** Points where tanh is hard: tiny, around the branch-free reduction's k changes, near 1, huge. */
function tanhProbe(): Float64Array {
  const xs: number[] = [0, -0, 1e-300, -1e-300, 5e-324, 1e-17, 1e-9, 0.17328679513998632, 0.3465735902799726,
    0.5493061443340549, 0.625, 1, 2, 5, 10, 18.9, 19.06, 19.1, 20, 20.5, 50, 1e300];
  for (const x of [...xs]) xs.push(-x);
  const grid = randomArray('tanh-grid', 200_000, -25, 25);
  const small = randomArray('tanh-small', 50_000, -1e-3, 1e-3);
  const logGrid = Array.from({ length: 2000 }, (_, i) => 10 ** (-20 + (i * 22) / 2000));
  return Float64Array.from([...xs, ...grid, ...small, ...logGrid, ...logGrid.map((v) => -v)]);
}

describe.each(BUILDS)('nonlinearities [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it('tanh is within 2 ulp of the correctly rounded value (mpmath, 200 bits) at 6000 points', () => {
    const xs = Float64Array.from(TANH_EXACT.pairs, ([x]) => x);
    using x = rt.f64From(xs);
    const got = applyNonlinearity(rt, 'tanh', x).toArray();
    let worst = 0;
    for (let i = 0; i < xs.length; i++) worst = Math.max(worst, ulpDistance(got[i], TANH_EXACT.pairs[i][1]));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('tanh is within 3 ulp of Math.tanh (itself up to 2 ulp off) and mostly within 1', () => {
    const xs = tanhProbe();
    using x = rt.f64From(xs);
    const got = applyNonlinearity(rt, 'tanh', x).toArray();
    let worst = 0;
    let withinOne = 0;
    for (let i = 0; i < xs.length; i++) {
      const d = ulpDistance(got[i], Math.tanh(xs[i]));
      worst = Math.max(worst, d);
      if (d <= 1) withinOne++;
    }
    expect(worst).toBeLessThanOrEqual(3);
    expect(withinOne / xs.length).toBeGreaterThan(0.99);
  });

  it('erf is within 6 ulp of the correctly rounded value (mpmath, 200 bits) at 5000 points; erf′ = (2/√π)e^{−x²}', () => {
    const xs = Float64Array.from(ERF_EXACT.pairs, ([x]) => x);
    using x = rt.f64From(xs);
    const got = applyNonlinearity(rt, 'erf', x).toArray();
    let worst = 0;
    for (let i = 0; i < xs.length; i++) worst = Math.max(worst, ulpDistance(got[i], ERF_EXACT.pairs[i][1]));
    expect(worst).toBeLessThanOrEqual(6);
    // The plain-TS reference runs the same algorithm with the host's exp: a few ulp apart at most.
    const ref = new Float64Array(xs.length);
    erfRef(xs, ref);
    for (let i = 0; i < xs.length; i++) expect(ulpDistance(got[i], ref[i])).toBeLessThanOrEqual(4);
    using special = rt.f64From([0, 0, 1, 1]);
    const v = special.view();
    v[1] = -0;
    v[2] = Infinity;
    v[3] = Number.NaN;
    const s = applyNonlinearity(rt, 'erf', special).toArray();
    expect(Object.is(s[0], 0) && Object.is(s[1], -0)).toBe(true);
    expect(s[2]).toBe(1);
    expect(s[3]).toBeNaN();
  });

  it('tanh keeps signed zero, saturates at ±∞ and propagates NaN', () => {
    using x = rt.f64From([0, 0, 0, 0]);
    const v = x.view();
    v[1] = -0;
    v[2] = Infinity;
    v[3] = -Infinity;
    const got = applyNonlinearity(rt, 'tanh', x).toArray();
    expect(Object.is(got[0], 0)).toBe(true);
    expect(Object.is(got[1], -0)).toBe(true);
    expect([got[2], got[3]]).toEqual([1, -1]);
    x.view()[0] = Number.NaN;
    expect(applyNonlinearity(rt, 'tanh', x, x).view()[0]).toBeNaN();
  });

  it.each(TAIL_SIZES)('sigmoid (n=%i) within 4 ulp of 1/(1+e^{−x}); relu equal to max(x, 0)', (n) => {
    // The reference rounds three times (exp, +, /), the kernel's formula a similar number: 4 ulp covers both.
    const xs = randomArray(`sigmoid-${n}`, n, -40, 40);
    using x = rt.f64From(xs);
    const got = applyNonlinearity(rt, 'sigmoid', x).toArray();
    const ref = new Float64Array(n);
    sigmoidRef(xs, ref);
    for (let i = 0; i < n; i++) expect(ulpDistance(got[i], ref[i])).toBeLessThanOrEqual(4);
    const relu = applyNonlinearity(rt, 'relu', x).toArray();
    reluRef(xs, ref);
    expect(relu).toEqual(ref);
  });

  it('linear is the identity, and out may be x', () => {
    const xs = randomArray('linear', 9);
    using x = rt.f64From(xs);
    expect(applyNonlinearity(rt, 'linear', x).toArray()).toEqual(xs);
    applyNonlinearity(rt, 'tanh', x, x);
    using y = rt.f64From(xs);
    expect(x.toArray()).toEqual(applyNonlinearity(rt, 'tanh', y).toArray());
  });

  it('rejects unknown names and wrong output lengths', () => {
    using x = rt.f64(3);
    using out = rt.f64(2);
    // @ts-expect-error: an unknown name is what is being tested
    expect(() => applyNonlinearity(rt, 'softplus', x)).toThrow(/name must be one of 'tanh', 'sigmoid', 'relu', 'erf', 'linear'/);
    expect(() => applyNonlinearity(rt, 'tanh', x, out)).toThrow(/out has length 2, expected 3/);
  });
});

describe('SIMD and scalar builds', () => {
  it('give bit-identical tanh and sigmoid (same IEEE operations in both)', async () => {
    const [simd, scalar] = await Promise.all([loadBuild(BUILDS[0]), loadBuild(BUILDS[1])]);
    const xs = tanhProbe();
    for (const name of ['tanh', 'sigmoid'] as const) {
      using a = simd.f64From(xs);
      using c = scalar.f64From(xs);
      expect(applyNonlinearity(simd, name, a, a).toArray()).toEqual(applyNonlinearity(scalar, name, c, c).toArray());
    }
  });
});
