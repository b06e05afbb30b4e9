import { beforeAll, describe, expect, it } from 'vitest';
import {
  CsrMatrixF32, DenseMatrixF32, eigs, gaussianNetwork, load, lognormalNetwork, lyapunovExponents, matrixStats, type Runtime, simulateRate,
  sparseGaussianNetwork, SpikingNetwork,
} from '../../src/index.js';
import { CsrMatrix } from '../../src/linalg/csr.js';
import { DenseMatrix } from '../../src/linalg/dense.js';
import { MAX_DENSE_N, MAX_DENSE_N_F32, MAX_EDGES, MAX_EDGES_F32 } from '../../src/connectivity/network.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

const OPTIONS = { n: 2000, k: 100, cv: 1, degreeCorrelation: 0.5, g: 2, j0: 0, eta: 0.4, seed: 'f32-network' };

describe("lognormal networks built with dtype 'f32'", () => {
  it('equal the f64 network with the same seed: same structure, values rounded to nearest f32', () => {
    for (const undirected of [false, true]) {
      const options = undirected ? { ...OPTIONS, n: 500, k: 20, degreeCorrelation: undefined, undirected } : OPTIONS;
      using a = lognormalNetwork(rt, options);
      using b = lognormalNetwork(rt, { ...options, dtype: 'f32' });
      expect(a.matrix).toBeInstanceOf(CsrMatrix);
      expect(b.matrix).toBeInstanceOf(CsrMatrixF32);
      expect(b.params.dtype).toBe('f32');
      const x = (a.matrix as CsrMatrix).toArrays();
      const y = (b.matrix as CsrMatrixF32).toArrays();
      expect(y.rowPtr).toEqual(x.rowPtr);
      expect(y.colIdx).toEqual(x.colIdx);
      // Bit for bit: the f32 kernel stores fround of the same f64 expression from the same draws.
      expect(y.values).toEqual(Float32Array.from(x.values));
      expect(b.info).toEqual(a.info);
      expect(b.theory).toEqual(a.theory);
    }
  });

  it('run rate dynamics, Lyapunov exponents and eigs through the operator close to the f64 network', async () => {
    using a = lognormalNetwork(rt, OPTIONS);
    using b = lognormalNetwork(rt, { ...OPTIONS, dtype: 'f32' });
    // Short run: each product differs by ≤ u32·Σ_j |J_ij| ≈ 6e-8·K·(g/√K)·√(2/π) ≈ 1e-6 per stage
    // (|φ| ≤ 1); over t = 1 the difference grows at most like e^{(‖J‖₂ + 1)t}, ‖J‖₂ ≈ g(1 + √(1+CV²))
    // ≈ 5 for these degrees: e^6 ≈ 400, so ≤ 4e-4. 1e-3 allows for the crude constants and fails
    // for a wrong or mis-scaled matrix (differences O(0.1–1)).
    const short = { t: 1, seed: 5, record: { units: 'all' as const } };
    const ra = await simulateRate(rt, { connectivity: a }, short);
    const rb = await simulateRate(rt, { connectivity: b }, short);
    const last = ra.recording!.nSamples - 1;
    let worst = 0;
    for (let i = 0; i < OPTIONS.n; i++) {
      const k = last * OPTIONS.n + i;
      worst = Math.max(worst, Math.abs(ra.recording!.values[k] - rb.recording!.values[k]));
    }
    expect(worst).toBeLessThan(1e-3);
    expect(worst).toBeGreaterThan(0); // the f32 run did use the rounded weights
    // λ_max over a short horizon: the f32 perturbation (1e-7 relative) is far below the estimator's
    // own finite-time spread; both runs see the same trajectory for t ≲ 10, so they agree to 1e-2.
    const lyap = { t: 20, transient: 5, k: 1, seed: 2 };
    const la = await lyapunovExponents(rt, { connectivity: a }, lyap);
    const lb = await lyapunovExponents(rt, { connectivity: b }, lyap);
    expect(Math.abs(la.exponents[0] - lb.exponents[0])).toBeLessThan(1e-2);
    // Leading eigenvalue of a mean-shifted network (an outlier beyond the bulk): rounding perturbs J by
    // ‖ΔJ‖₂ ≲ u32·‖J‖₂ ≈ 3e-7; an isolated eigenvalue moves by at most κ·‖ΔJ‖, κ = O(1–10) here.
    using c = lognormalNetwork(rt, { ...OPTIONS, g: 1, j0: 3 });
    using d = lognormalNetwork(rt, { ...OPTIONS, g: 1, j0: 3, dtype: 'f32' });
    const opts = { k: 1, which: 'LM' as const, tol: 1e-10, condition: false, maxRestarts: 100 };
    const ea = eigs(rt, c, opts);
    const eb = eigs(rt, d, opts);
    expect(ea.status).toBe('converged');
    expect(eb.status).toBe('converged');
    expect(c.theory.bulkRadius).not.toBeNull();
    expect(ea.eigenvalues[0].re).toBeGreaterThan(1.5 * (c.theory.bulkRadius as number));
    expect(Math.abs(eb.eigenvalues[0].re - ea.eigenvalues[0].re)).toBeLessThan(1e-5);
    expect(Math.abs(eb.eigenvalues[0].im - ea.eigenvalues[0].im)).toBeLessThan(1e-5);
  });

  it('refuses an unknown dtype and counts the edge limit per dtype', () => {
    expect(() => lognormalNetwork(rt, { n: 10, k: 2, dtype: 'f16' as 'f32' })).toThrow(/dtype must be one of 'f64', 'f32' \(got "f16"\)/);
    // f32 allows more: i32 index and f32 weight (8 bytes per edge) in 4 GiB, against the f64 weights' 2 GiB block.
    expect(MAX_EDGES_F32).toBeGreaterThan(1.9 * MAX_EDGES);
    // n·k between the f64 and f32 limits: refused for f64 before anything is allocated.
    const n = 2 ** 24;
    const k = (MAX_EDGES + 1) / n;
    expect(() => lognormalNetwork(rt, { n, k })).toThrow(/edges exceed/);
  });
});

describe("dense Gaussian and sparse Gaussian networks built with dtype 'f32'", () => {
  const DENSE = { n: 300, g: 1.5, eta: 0.3, selfCoupling: true, seed: 'f32-gaussian' };
  const SPARSE = { n: 1500, p: 0.1, g: 1.5, seed: 'f32-sparse-gaussian' };

  it('equal the f64 network with the same seed: same structure, values rounded to nearest f32', () => {
    using a = gaussianNetwork(rt, DENSE);
    using b = gaussianNetwork(rt, { ...DENSE, dtype: 'f32' });
    expect(a.matrix).toBeInstanceOf(DenseMatrix);
    expect(b.matrix).toBeInstanceOf(DenseMatrixF32);
    expect(b.params.dtype).toBe('f32');
    // Bit for bit: the f32 kernel stores fround of the same f64 expression from the same draws.
    expect((b.matrix as DenseMatrixF32).toArray()).toEqual(Float32Array.from((a.matrix as DenseMatrix).toArray()));
    expect(b.theory).toEqual(a.theory);
    using c = sparseGaussianNetwork(rt, SPARSE);
    using d = sparseGaussianNetwork(rt, { ...SPARSE, dtype: 'f32' });
    expect(c.matrix).toBeInstanceOf(CsrMatrix);
    expect(d.matrix).toBeInstanceOf(CsrMatrixF32);
    const x = (c.matrix as CsrMatrix).toArrays();
    const y = (d.matrix as CsrMatrixF32).toArrays();
    expect(y.rowPtr).toEqual(x.rowPtr);
    expect(y.colIdx).toEqual(x.colIdx);
    expect(y.values).toEqual(Float32Array.from(x.values));
    expect(d.theory).toEqual(c.theory);
  });

  it('run rate dynamics, Lyapunov exponents and eigs close to the f64 network', async () => {
    for (const build of [
      (dtype: 'f64' | 'f32') => gaussianNetwork(rt, { ...DENSE, dtype }),
      (dtype: 'f64' | 'f32') => sparseGaussianNetwork(rt, { ...SPARSE, dtype }),
    ]) {
      using a = build('f64');
      using b = build('f32');
      // Each product differs by ≤ u32·Σ_j|J_ij| ≈ 6e-8·√N·g·√(2/π) ≤ 4e-6 (|φ| ≤ 1); over t = 1 the
      // difference grows at most like e^{(‖J‖₂ + 1)t}, ‖J‖₂ ≈ 2g = 3 (circular law): e^4 ≈ 55, so
      // ≤ 2e-4. 1e-3 allows for the crude constants and fails for a wrong matrix (differences O(0.1–1)).
      const short = { t: 1, seed: 5, record: { units: 'all' as const } };
      const ra = await simulateRate(rt, { connectivity: a }, short);
      const rb = await simulateRate(rt, { connectivity: b }, short);
      const last = (ra.recording!.nSamples - 1) * a.n;
      let worst = 0;
      for (let i = 0; i < a.n; i++) worst = Math.max(worst, Math.abs(ra.recording!.values[last + i] - rb.recording!.values[last + i]));
      expect(worst).toBeLessThan(1e-3);
      expect(worst).toBeGreaterThan(0); // the f32 run did use the rounded weights
      // λ_max over a short horizon: the 1e-7 relative perturbation is far below the estimator's
      // finite-time spread, and both runs follow one trajectory for t ≲ 10: equal within 1e-2.
      const lyap = { t: 20, transient: 5, k: 1, seed: 2 };
      const la = await lyapunovExponents(rt, { connectivity: a }, lyap);
      const lb = await lyapunovExponents(rt, { connectivity: b }, lyap);
      expect(Math.abs(la.exponents[0] - lb.exponents[0])).toBeLessThan(1e-2);
    }
    // The outlier J0 of a mean-shifted Gaussian network (bulk radius g = 1): rounding perturbs J by
    // ‖ΔJ‖₂ ≲ u32·‖J‖₂ ≈ 2e-7, and an isolated eigenvalue moves by at most κ·‖ΔJ‖, κ = O(1–10).
    using c = gaussianNetwork(rt, { ...DENSE, g: 1, j0: 3 });
    using d = gaussianNetwork(rt, { ...DENSE, g: 1, j0: 3, dtype: 'f32' });
    const opts = { k: 1, which: 'LM' as const, tol: 1e-10, condition: false, maxRestarts: 100 };
    const ea = eigs(rt, c, opts);
    const eb = eigs(rt, d, opts);
    expect(ea.status).toBe('converged');
    expect(eb.status).toBe('converged');
    expect(ea.eigenvalues[0].re).toBeGreaterThan(2);
    expect(Math.abs(eb.eigenvalues[0].re - ea.eigenvalues[0].re)).toBeLessThan(1e-5);
    expect(Math.abs(eb.eigenvalues[0].im - ea.eigenvalues[0].im)).toBeLessThan(1e-5);
  });

  it('are refused by name where only f64 kernels exist, run spiking in f32, and the dense size limit follows the dtype', () => {
    using dense = gaussianNetwork(rt, { n: 50, dtype: 'f32' });
    using sparse = sparseGaussianNetwork(rt, { n: 200, p: 0.1, dtype: 'f32' });
    expect(() => matrixStats(rt, dense.matrix!)).toThrow(/matrixStats: needs f64 weights/);
    // The spiking simulator reads f32 CSR values as stored (no f64 copy): its storage follows the network's dtype.
    using spiking = new SpikingNetwork(rt, { weights: sparse });
    expect(spiking.weightPrecision).toBe('f32');
    expect(() => gaussianNetwork(rt, { n: MAX_DENSE_N + 1 })).toThrow(/n must be .*11585/);
    expect(() => gaussianNetwork(rt, { n: MAX_DENSE_N_F32 + 1, dtype: 'f32' })).toThrow(/n must be .*16383/);
    expect(MAX_DENSE_N_F32 ** 2 * 4).toBeLessThanOrEqual(MAX_DENSE_N ** 2 * 8 + 16 * MAX_DENSE_N);
    expect(() => sparseGaussianNetwork(rt, { n: 10, dtype: 'f16' as 'f32' })).toThrow(/sparseGaussianNetwork: dtype must be one of/);
  });
});
