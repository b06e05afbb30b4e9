/**
 * Fixed points of dx/dt = −x + J φ(x) + b against closed forms and independent computations:
 * GMRES against Gaussian elimination; g < 1 (only x* = 0); linear φ (x* = (I − J)⁻¹ b); the
 * rank-one network J = (J0/N)·11ᵀ (x* = c·1 with c = J0 tanh c, Jacobian eigenvalues −1 and
 * −1 + J0 tanh′(c)); a chaotic network: residuals recomputed in plain TS, the Jacobian spectrum by
 * Arnoldi against the dense one, the bulk edge and radial quantiles against the R-diagonal law.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findFixedPoints } from '../../src/analysis/fixed-points.js';
import { type DenseMatrix, eigDense, eigs, gaussianNetwork, midpointGaussianExpectation, jacobianOperator, load, type Runtime } from '../../src/index.js';
import { gmres } from '../../src/linalg/gmres.js';
import { productRadius, staticShell } from '../../src/theory/fixed-points.js';
import { solve } from '../helpers/solve.js';

/** Bisection for the positive root of c = j0·tanh(c) (j0 > 1), independent of the finder. */
function rankOneRoot(j0: number): number {
  let lo = 1e-6;
  let hi = j0;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (j0 * Math.tanh(mid) - mid > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('fixed points', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('GMRES solves a nonsymmetric system to its tolerance, with and without restarts', () => {
    const n = 60;
    using net = gaussianNetwork(rt, { n, g: 0.8, seed: 'gmres' });
    const a = (net.matrix as DenseMatrix).toArray();
    for (let i = 0; i < n; i++) a[i * n + i] -= 1; // A = J − I: eigenvalues in a disc of radius 0.8 around −1
    using op = rt.dense(n, n, a);
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const reference = solve(a, b, n);
    for (const restart of [n, 10]) {
      using bb = rt.f64From(b);
      using x = rt.f64(n);
      const result = gmres(rt, op, bb, x, { tol: 1e-12, restart, maxRestarts: 50 });
      expect(result.status).toBe('converged');
      expect(result.relativeResidual).toBeLessThanOrEqual(1e-12);
      // ‖x − x_ref‖ ≤ κ(A)·1e-12·‖x‖; κ(A) ≤ (1 + 0.8)/(1 − 0.8) = 9 for a matrix near this disc: 1e-10 has room.
      const err = Math.max(...x.toArray().map((v, i) => Math.abs(v - reference[i])));
      expect(err).toBeLessThanOrEqual(1e-10 * Math.max(...reference.map(Math.abs)));
    }
  });

  it('g < 1: every start converges to x* = 0, a stable point', async () => {
    const n = 80;
    using net = gaussianNetwork(rt, { n, g: 0.6, seed: 'fp-quiet' });
    const r = await findFixedPoints(rt, net, { starts: 8, seed: 1, gain: 0.6 });
    expect(r.fixedCount).toBe(1);
    expect(r.starts.toFixed).toBe(8);
    expect(r.starts.duplicates).toBe(7);
    expect(r.points[0].radius).toBeLessThan(1e-28);
    const spectrum = r.points[0].spectrum;
    expect(spectrum?.mode).toBe('dense');
    expect(spectrum?.unstableDimension).toBe(0);
    // At x* = 0 the Jacobian is J − I: its bulk edge is g = 0.6 (predicted radius g·φ′(0) = g exactly).
    expect(spectrum?.predictedRadius).toBeCloseTo(0.6, 12);
  });

  it('linear φ: the unique fixed point is (I − J)⁻¹ b', async () => {
    const n = 50;
    using net = gaussianNetwork(rt, { n, g: 0.9, seed: 'fp-linear' });
    const j = (net.matrix as DenseMatrix).toArray();
    const bias = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * i));
    const a = Float64Array.from(j, (v) => -v);
    for (let i = 0; i < n; i++) a[i * n + i] += 1;
    const expected = solve(a, bias, n);
    const r = await findFixedPoints(rt, net, { phi: 'linear', bias, starts: 4, seed: 2 });
    expect(r.fixedCount).toBe(1);
    expect(r.starts.toFixed).toBe(4);
    const found = r.points[0].x;
    const scale = Math.max(...expected.map(Math.abs));
    // cond(I − J) ≲ 20 for g = 0.9 at n = 50; the residual test leaves ~64√n·ε·scale: 1e-11 relative has room.
    expect(Math.max(...found.map((v, i) => Math.abs(v - expected[i])))).toBeLessThanOrEqual(1e-11 * scale);
  });

  it('rank-one J = (J0/N)·11ᵀ: exactly the three fixed points 0, ±c·1 with their closed-form spectra', async () => {
    const n = 40;
    const j0 = 2;
    using op = rt.dense(n, n, new Float64Array(n * n).fill(j0 / n));
    const r = await findFixedPoints(rt, op, { starts: 12, seed: 3, randomStd: 2, trajectoryFraction: 0 });
    expect(r.fixedCount).toBe(3);
    expect(r.mirrored).toBe(3); // 0 is its own mirror image
    const c = rankOneRoot(j0);
    const [zero, plus, minus] = r.points;
    expect(zero.radius).toBeLessThan(1e-28);
    for (const p of [plus, minus]) {
      expect(Math.abs(p.radius - c * c)).toBeLessThanOrEqual(1e-12 * c * c);
      expect(Math.max(...p.x.map((v) => Math.abs(Math.abs(v) - c)))).toBeLessThanOrEqual(1e-12 * c);
      // Eigenvalues: −1 (n − 1 times) and −1 + J0·(1 − tanh² c) < 0 (stable).
      const outlier = -1 + j0 * (1 - Math.tanh(c) ** 2);
      expect(p.spectrum?.maxRealPart).toBeCloseTo(outlier, 10);
      expect(p.spectrum?.unstableDimension).toBe(0);
    }
    expect(zero.spectrum?.maxRealPart).toBeCloseTo(-1 + j0, 10);
    expect(zero.spectrum?.unstableDimension).toBe(1);
  });

  it('the radial law of J·diag(d) for d independent of J (N = 400) and its closed cases', () => {
    const n = 400;
    const g = 1.5;
    // Constant d: the uniform disc r = g·d·√t.
    expect(productRadius(g, new Float64Array(10).fill(0.5), 0.36)).toBeCloseTo(g * 0.5 * 0.6, 10);
    using net = gaussianNetwork(rt, { n, g, seed: 'radial', selfCoupling: true });
    const j = (net.matrix as DenseMatrix).toArray();
    const d = Float64Array.from({ length: n }, (_, i) => 0.2 + (0.8 * ((i * 37) % n)) / n);
    const jd = Float64Array.from(j, (v, k) => v * d[k % n]);
    const radii = eigDense(rt, { n, values: jd }, { condition: false }).eigenvalues.map((e) => Math.hypot(e.re, e.im)).sort((a, b) => a - b);
    for (const t of [0.25, 0.5, 0.75, 0.9]) {
      const measured = radii[Math.round(t * n) - 1];
      // Quantiles of n = 400 eigenvalues: the counting error ~√(t(1−t)/n) ≈ 2.5% in t, i.e. ≲ 2% in r; 5% has room.
      expect(Math.abs(measured / productRadius(g, d, t) - 1)).toBeLessThan(0.05);
    }
  });

  it('a chaotic network (g = 2, N = 200): residuals at rounding level, spectra dense vs Arnoldi, bulk against the radial law', async () => {
    const n = 200;
    const g = 2;
    using net = gaussianNetwork(rt, { n, g, seed: 3 });
    const r = await findFixedPoints(rt, net, { starts: 16, seed: 1, gain: g });
    expect(r.fixedCount).toBeGreaterThan(0);
    expect(r.starts.toFixed + r.starts.toSlow + r.starts.failed).toBe(r.starts.total);
    expect(r.discovery.at(-1)).toBe(r.fixedCount);
    const j = (net.matrix as DenseMatrix).toArray();
    for (const p of r.points.filter((q) => q.kind === 'fixed')) {
      // F recomputed in plain TS: −x + J·tanh(x), |F|∞ within the acceptance bound 64·√N·ε·‖x‖∞.
      const phi = p.x.map(Math.tanh);
      let fMax = 0;
      for (let i = 0; i < n; i++) {
        let s = -p.x[i];
        for (let k = 0; k < n; k++) s += j[i * n + k] * phi[k];
        fMax = Math.max(fMax, Math.abs(s));
      }
      const bound = 64 * Math.sqrt(n) * Number.EPSILON * Math.max(...p.x.map(Math.abs));
      expect(p.residual).toBeLessThanOrEqual(bound);
      expect(fMax).toBeLessThanOrEqual(2 * bound); // the plain-TS sum rounds differently: twice the bound
      const spectrum = p.spectrum as NonNullable<typeof p.spectrum>;
      // Arnoldi on the matrix-free Jacobian against the dense spectrum: the 4 rightmost eigenvalues.
      using jac = jacobianOperator(rt, net, p.x);
      const leading = eigs(rt, jac, { k: 4, which: 'LR', tol: 1e-12 });
      expect(leading.status).toBe('converged');
      for (const [k, e] of leading.eigenvalues.entries()) {
        expect(Math.abs(e.re - spectrum.eigenvalues[k].re)).toBeLessThanOrEqual(1e-8);
        expect(Math.abs(Math.abs(e.im) - Math.abs(spectrum.eigenvalues[k].im))).toBeLessThanOrEqual(1e-8);
      }
      // Bulk edge max|λ + 1| against g√⟨φ′²⟩: at N = 200 the edge of a Ginibre-like bulk overshoots by
      // ~√(ln N/4N) ≈ 8% (Rider 2003) and tails add a few percent: 15%.
      expect(Math.abs((spectrum.maxRadius as number) / (spectrum.predictedRadius as number) - 1)).toBeLessThan(0.15);
      for (const q of spectrum.radialQuantiles ?? []) {
        // The quantile error at N = 200 (≈ 3% in t) plus the dependence of x* on J: 8%.
        expect(Math.abs(q.measured / q.predicted - 1)).toBeLessThan(0.08);
      }
      expect(spectrum.unstableDimension).toBeGreaterThan(0); // chaos: every fixed point is unstable
    }
    expect(r.alignment?.cosines.every((c) => Number.isNaN(c) || Math.abs(c) <= 1 + 1e-12)).toBe(true);
  });

  it('the static shell q = g²⟨φ(√q z)²⟩ against an independent (midpoint) evaluation of its map', () => {
    // The midpoint rule with 4000 cells: nodes offset from the trapezoid rule's, exponentially accurate for
    // integrands analytic in a strip (tanh's poles lie ≥ π/(2√q) ≈ 0.6 from the real z axis for q ≤ 7).
    const mean = (f: (z: number) => number) => midpointGaussianExpectation(f, 4000, 12);
    for (const g of [1.5, 2, 3]) {
      const shell = staticShell(g);
      expect(shell.status).toBe('shell');
      // Both rules are accurate to ~1e-15 here; the bisection stops at 1e-14 relative: 1e-11 has room.
      expect(Math.abs(g * g * mean((z) => Math.tanh(Math.sqrt(shell.q) * z) ** 2) - shell.q)).toBeLessThan(1e-11 * shell.q);
      expect(shell.bulkRadius).toBeCloseTo(g * Math.sqrt(mean((z) => (1 - Math.tanh(Math.sqrt(shell.q) * z) ** 2) ** 2)), 10);
    }
    expect(staticShell(0.9).status).toBe('origin');
  });

  it('same seed, same search', async () => {
    using net = gaussianNetwork(rt, { n: 60, g: 1.5, seed: 'fp-repro' });
    const options = { starts: 4, seed: 'x', spectrum: 'none' as const, alignmentSamples: 20 };
    const a = await findFixedPoints(rt, net, options);
    const b = await findFixedPoints(rt, net, options);
    expect(b.points.map((p) => p.x)).toEqual(a.points.map((p) => p.x));
    expect(b.alignment?.cosines).toEqual(a.alignment?.cosines);
  });
});
