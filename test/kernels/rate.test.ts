import { beforeAll, describe, expect, it } from 'vitest';
import { applyNonlinearityDerivative, type Runtime } from '../../src/index.js';
import { rateDerivRef, rateRk4CombineRef, rateStageRef } from '../../src/reference/rate.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild, TAIL_SIZES } from '../helpers/runtime.js';

describe.each(BUILDS)('rate kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(TAIL_SIZES)('deriv, stage and RK4 combination (n=%i) equal the reference bit for bit', (n) => {
    const [xs, hs, ds, ks] = ['x', 'h', 'd', 'k'].map((s) => randomArray(`rate-${s}-${n}`, n));
    const k4s = Array.from({ length: 4 }, (_, i) => randomArray(`rate-k${i}-${n}`, n));
    using x = rt.f64From(xs);
    using h = rt.f64From(hs);
    using d = rt.f64From(ds);
    using k = rt.f64From(ks);
    using out = rt.f64(n);
    const ref = new Float64Array(n);
    const { core } = rt;
    core.rate_deriv_f64(n, x.ptr, h.ptr, d.ptr, 1 / 3, out.ptr);
    rateDerivRef(n, xs, hs, ds, 1 / 3, ref);
    expect(out.toArray()).toEqual(ref);
    core.rate_deriv_f64(n, x.ptr, h.ptr, 0, 0.5, out.ptr);
    rateDerivRef(n, xs, hs, null, 0.5, ref);
    expect(out.toArray()).toEqual(ref);
    core.rate_stage_f64(n, x.ptr, k.ptr, 0.025, out.ptr);
    rateStageRef(n, xs, ks, 0.025, ref);
    expect(out.toArray()).toEqual(ref);
    const kb = k4s.map((v) => rt.f64From(v));
    core.rate_rk4_combine_f64(n, x.ptr, kb[0].ptr, kb[1].ptr, kb[2].ptr, kb[3].ptr, 0.05);
    const xr = xs.slice();
    rateRk4CombineRef(n, xr, k4s[0], k4s[1], k4s[2], k4s[3], 0.05);
    expect(x.toArray()).toEqual(xr);
    for (const v of kb) v.dispose();
  });

  it('φ′ matches the derivative of each φ: tanh and sigmoid within 4ε absolute, relu and linear exactly', () => {
    const xs = Float64Array.from([...randomArray('dphi', 2000, -30, 30), 0, -0, 1e-300, 25, -25]);
    using x = rt.f64From(xs);
    const eps = 2 ** -52;
    const tanh = applyNonlinearityDerivative(rt, 'tanh', x).toArray();
    const sigmoid = applyNonlinearityDerivative(rt, 'sigmoid', x).toArray();
    const relu = applyNonlinearityDerivative(rt, 'relu', x).toArray();
    const linear = applyNonlinearityDerivative(rt, 'linear', x).toArray();
    for (let i = 0; i < xs.length; i++) {
      const t = Math.tanh(xs[i]);
      const s = 1 / (1 + Math.exp(-xs[i]));
      expect(Math.abs(tanh[i] - (1 - t) * (1 + t))).toBeLessThanOrEqual(4 * eps);
      expect(Math.abs(sigmoid[i] - s * (1 - s))).toBeLessThanOrEqual(4 * eps);
      expect(relu[i]).toBe(xs[i] > 0 ? 1 : 0);
      expect(linear[i]).toBe(1);
    }
  });

});
