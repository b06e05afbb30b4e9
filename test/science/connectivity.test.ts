/**
 * Each model's statistics against its definition, with fixed seeds. Tolerances are 5 standard
 * errors of the estimator (a two-sided 5σ band: a correct generator fails with probability < 10⁻⁶
 * per check, and the seeds are fixed, so CI is deterministic), unless stated otherwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { degreeTargets } from '../../src/connectivity/degrees.js';
import { degreesOf } from '../../src/connectivity/stats.js';
import { lognormalLogParams } from '../../src/random/rng.js';
import { seedWords } from '../../src/random/seed.js';
import { connDegreePairsRef } from '../../src/reference/connectivity.js';
import { XoshiroFastRef } from '../../src/reference/rng.js';
import {
  connectivityStats, type CsrMatrix, type DenseMatrix, effectiveRank, eiNetwork, gaussianNetwork, load, lognormalNetwork,
  lowRankNetwork, matrixStats, network, randomModeNetwork, type Runtime,
} from '../../src/index.js';
import { expectSimpleCsr, mean, pearson } from '../helpers/connectivity.js';
import { gamma } from '../helpers/tolerance.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

describe('gaussian', () => {
  const [n, g, j0, eta] = [600, 1.3, 0.7, 0.4];

  it('entries follow N(J0/N, g²/N) with corr(J_ij, J_ji) = η; no self-coupling; stats agree with the definitions', () => {
    using net = gaussianNetwork(rt, { n, g, j0, eta, seed: 'gauss-science' });
    const J = (net.matrix as DenseMatrix).toArray();
    const off: number[] = [];
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      expect(J[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) if (i !== j) off.push(J[i * n + j]);
      for (let j = i + 1; j < n; j++) { x.push(J[i * n + j], J[j * n + i]); y.push(J[j * n + i], J[i * n + j]); }
    }
    const M = off.length;
    const sigma = g / Math.sqrt(n);
    const m = mean(off);
    const variance = off.reduce((s, v) => s + (v - m) ** 2, 0) / M;
    // Pairs are correlated: Var(mean) = σ²(1+η)/M, Var(sample variance) ≈ 2σ⁴(1+η²)/M, SE(η̂) ≈ (1−η²)/√(M/2).
    expect(Math.abs(m - j0 / n)).toBeLessThanOrEqual(5 * sigma * Math.sqrt((1 + eta) / M));
    expect(Math.abs(n * variance - g * g)).toBeLessThanOrEqual(5 * g * g * Math.sqrt((2 * (1 + eta * eta)) / M));
    expect(Math.abs(pearson(x, y) - eta)).toBeLessThanOrEqual(5 * (1 - eta * eta) / Math.sqrt(M / 2));
    const stats = connectivityStats(net);
    expect(stats.nnz).toBe(M);
    // The WASM statistics are the same estimators: equal to rounding (two-pass sums over M terms).
    expect(stats.weights.mean).toBeCloseTo(m, 14);
    expect(Math.abs(stats.weights.scaledVar - n * variance)).toBeLessThanOrEqual(4 * gamma(M) * n * variance);
    expect(Math.abs((stats.eta as number) - pearson(x, y))).toBeLessThanOrEqual(1e-10);
    expect(stats.reciprocity).toBe(1);
    expect(stats.inDegree).toEqual({ mean: n - 1, std: 0, cv: 0, min: n - 1, max: n - 1 });
    expect(stats.theory.bulkRadius).toBeCloseTo(g * (1 + eta), 15);
  });

  it('η = 1 is exactly symmetric; selfCoupling draws the diagonal; seeds reproduce and differ', () => {
    using sym = gaussianNetwork(rt, { n: 50, eta: 1, selfCoupling: true, seed: 3 });
    const J = (sym.matrix as DenseMatrix).toArray();
    for (let i = 0; i < 50; i++) for (let j = 0; j < 50; j++) expect(J[i * 50 + j]).toBe(J[j * 50 + i]);
    expect(J.filter((_, k) => k % 51 === 0 && J[k] !== 0).length).toBe(50);
    using again = gaussianNetwork(rt, { n: 50, eta: 1, selfCoupling: true, seed: 3 });
    using other = gaussianNetwork(rt, { n: 50, eta: 1, selfCoupling: true, seed: 4 });
    expect((again.matrix as DenseMatrix).toArray()).toEqual(J);
    expect((other.matrix as DenseMatrix).toArray()).not.toEqual(J);
  });
});

describe('lognormal (configuration model)', () => {
  const [n, k] = [4000, 50];

  it('CV = 0 gives every neuron exactly K inputs and K outputs', () => {
    using net = lognormalNetwork(rt, { n, k, cv: 0, seed: 'fixed-degree' });
    const { inDegree, outDegree } = degreesOf(rt, net.matrix as CsrMatrix);
    expect(inDegree.every((d) => d === k)).toBe(true);
    expect(outDegree.every((d) => d === k)).toBe(true);
    expectSimpleCsr((net.matrix as CsrMatrix).toArrays());
  });

  it('degrees, weights, reciprocity and η follow the model (CV = 1, ρ = 0.5, η = 0.5)', () => {
    const [cv, rho, g, j0, eta] = [1, 0.5, 1.2, 0.8, 0.5];
    using net = lognormalNetwork(rt, { n, k, cv, degreeCorrelation: rho, g, j0, eta, seed: 'lognormal-science' });
    const csr = net.matrix as CsrMatrix;
    const arrays = csr.toArrays();
    expectSimpleCsr(arrays);
    // Realised degrees equal the integer targets from the draws (replayed by the pure-JS generator),
    // so they lie within rounding (0.5) of the lognormal in-degree draws.
    const { inDegree, outDegree } = degreesOf(rt, csr);
    const { mu, sigma: logSigma } = lognormalLogParams({ mean: k, cv });
    const [kIn, kOut] = [new Float64Array(n), new Float64Array(n)];
    connDegreePairsRef(new XoshiroFastRef(seedWords('lognormal-science')), n, mu, logSigma, rho, kIn, kOut);
    const targets = degreeTargets(kIn, kOut, n);
    expect(inDegree).toEqual(targets.inDegree);
    expect(outDegree).toEqual(targets.outDegree);
    expect(net.info.placedEdges).toBe(net.info.requestedEdges);
    expect(net.info.meanAbsInDegreeDeviation).toBeLessThanOrEqual(0.5);
    // Mean degree: SE of a mean of n lognormal draws is K·CV/√n; rounding adds at most 0.5.
    expect(Math.abs(mean(inDegree) - k)).toBeLessThanOrEqual(5 * k * cv / Math.sqrt(n) + 0.5);
    // Log-degrees are N(μ, σ²) with corr ρ: SE(σ̂) ≈ σ/√(2n), SE(ρ̂) ≈ (1−ρ²)/√n; rounding to
    // integers moves log k by ≤ 0.5/k, which the band 0.05 covers for the few degrees below 10.
    const sigma = Math.sqrt(Math.log1p(cv * cv));
    const [logIn, logOut] = [Array.from(inDegree, Math.log), Array.from(outDegree, Math.log)];
    const sd = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / v.length);
    expect(Math.abs(sd(logIn) - sigma)).toBeLessThanOrEqual(5 * sigma / Math.sqrt(2 * n) + 0.05);
    expect(Math.abs(pearson(logIn, logOut) - rho)).toBeLessThanOrEqual(5 * (1 - rho * rho) / Math.sqrt(n) + 0.05);
    const stats = connectivityStats(net);
    // Weights N(J0/K, g²/K) over nnz edges (pair correlation only on the few reciprocated ones).
    expect(Math.abs(stats.weights.mean - j0 / k)).toBeLessThanOrEqual(5 * g / Math.sqrt(k * stats.nnz));
    expect(Math.abs(stats.weights.scaledVar - g * g)).toBeLessThanOrEqual(5 * g * g * Math.sqrt(2 * (1 + eta * eta) / stats.nnz));
    // Reciprocity of a configuration model: P(i→j | j→i) ≈ k_out,i k_in,j/(N K), so the fraction of
    // reciprocated edges is ⟨k_in k_out⟩²/(N K³); reciprocated edges are ~Poisson (SE 1/√count).
    const product = mean(Array.from(inDegree, (d, i) => d * outDegree[i]));
    const reciprocated = stats.reciprocity * stats.nnz;
    expect(Math.abs(stats.reciprocity / (product ** 2 / (n * k ** 3)) - 1)).toBeLessThanOrEqual(5 / Math.sqrt(reciprocated));
    // η over P = reciprocated/2 pairs: SE (1−η²)/√P.
    expect(Math.abs((stats.eta as number) - eta)).toBeLessThanOrEqual(5 * (1 - eta * eta) / Math.sqrt(reciprocated / 2));
    // ⟨k_in k_out⟩/K² → E[e^{σ(z1 + z2')}] = (1 + CV²)^ρ; k_in k_out is lognormal with
    // CV² = e^{σ²(2+2ρ)} − 1, so the relative SE of its mean is √(CV²/n).
    const ensemble = (1 + cv * cv) ** rho;
    expect(Math.abs(product / k ** 2 / ensemble - 1)).toBeLessThanOrEqual(5 * Math.sqrt(Math.expm1(sigma ** 2 * (2 + 2 * rho)) / n));
  });

  it('the radius law\'s building block: the Perron root of the adjacency is ⟨k_in k_out⟩/⟨k⟩', () => {
    using net = lognormalNetwork(rt, { n, k, cv: 1, degreeCorrelation: 0.5, g: 1.5, seed: 'perron' });
    const csr = net.matrix as CsrMatrix;
    using adjacency = rt.csr({ ...csr.toArrays(), values: new Float64Array(csr.nnz).fill(1) });
    // Power iteration on the nonnegative adjacency (Perron–Frobenius: converges to λ_max).
    let x = rt.f64(n).fill(1);
    let lambda = 0;
    for (let step = 0; step < 200; step++) {
      const y = adjacency.multiply(x);
      const v = y.toArray();
      const norm = Math.hypot(...v);
      lambda = norm / Math.hypot(...x.toArray());
      y.set(v.map((q) => q / norm));
      x.dispose();
      x = y;
    }
    x.dispose();
    const { inDegree, outDegree } = degreesOf(rt, csr);
    const perron = Array.from(inDegree, (d, i) => d * outDegree[i]).reduce((s, v) => s + v, 0) / csr.nnz;
    // Mean-field estimate (Restrepo, Ott & Hunt 2007): errors of a few per cent at mean degree ≳ 10
    // when no pair saturates (k_in k_out/(N K) ≪ 1); measured here 0.6 %. Band: 3 %.
    expect(Math.abs(lambda / perron - 1)).toBeLessThanOrEqual(0.03);
    // theory.bulkRadius = g √(λ_max/K) built from the same realised degrees.
    expect(net.theory.bulkRadius).toBeCloseTo(1.5 * Math.sqrt(perron / k), 12);
  });

  it('same seed → identical network; different seed → different', () => {
    const make = (seed: string) => {
      using net = lognormalNetwork(rt, { n: 500, k: 20, cv: 0.8, eta: 0.3, seed });
      return (net.matrix as CsrMatrix).toArrays();
    };
    expect(make('a')).toEqual(make('a'));
    expect(make('a').colIdx).not.toEqual(make('b').colIdx);
  });
});

describe('random-mode', () => {
  it('orthonormal modes: Σ s² = N g², J v_a = s_a u_a (singular values = spectrum), effective rank', () => {
    const [n, g] = [120, 1.7];
    using net = randomModeNetwork(rt, { n, g, spectrum: 'power', alpha: 0.8, orthonormal: true, seed: 'modes' });
    const f = net.factors as NonNullable<typeof net.factors>;
    const [u, s, v] = [f.u.toArray(), f.s.toArray(), f.v.toArray()];
    const sumSquares = s.reduce((a, x) => a + x * x, 0);
    expect(Math.abs(sumSquares / (n * g * g) - 1)).toBeLessThanOrEqual(n * 4 * 2 ** -53);
    for (let a = 1; a < n; a++) expect(s[a] / s[a - 1]).toBeCloseTo((a / (a + 1)) ** 0.8, 12);
    const J = (net.matrix as DenseMatrix).toArray();
    // J v_a − s_a u_a: rounding of n-term sums of n-term sums, bounded by γ_n² scale, ≤ 1e-11·s_max here.
    let worst = 0;
    for (const a of [0, 1, 57, n - 1]) {
      for (let i = 0; i < n; i++) {
        let jv = 0;
        for (let j = 0; j < n; j++) jv += J[i * n + j] * v[a * n + j];
        worst = Math.max(worst, Math.abs(jv - s[a] * u[a * n + i]));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-11 * s[0]);
    const frobenius = J.reduce((acc, x) => acc + x * x, 0);
    expect(Math.abs(frobenius / (n * g * g) - 1)).toBeLessThanOrEqual(1e-12);
    const s2 = s.map((x) => x * x);
    expect(connectivityStats(net).effectiveRank).toBeCloseTo(s2.reduce((a, x) => a + x, 0) ** 2 / s2.reduce((a, x) => a + x * x, 0), 10);
    expect(effectiveRank([1, 1, 1, 1])).toBe(4);
    expect(net.theory.spectralRadius).toBe(g);
  });

  it('overlap: exactly ρ with joint orthonormal modes, ≈ ρ on average with i.i.d. modes', () => {
    const [n, rank, rho] = [200, 40, 0.6];
    using exact = randomModeNetwork(rt, { n, rank, overlap: rho, orthonormal: true, spectrum: 'exponential', alpha: 0.1, seed: 'ov' });
    const fe = exact.factors as NonNullable<typeof exact.factors>;
    const [ue, ve] = [fe.u.toArray(), fe.v.toArray()];
    const dotRows = (x: Float64Array, y: Float64Array, a: number, b: number) => {
      let d = 0;
      for (let i = 0; i < n; i++) d += x[a * n + i] * y[b * n + i];
      return d;
    };
    for (let a = 0; a < rank; a += 7) {
      expect(dotRows(ue, ve, a, a)).toBeCloseTo(rho, 12);
      expect(dotRows(ve, ve, a, a)).toBeCloseTo(1, 12);
      expect(dotRows(ve, ve, a, (a + 1) % rank)).toBeCloseTo(0, 12);
    }
    using iid = randomModeNetwork(rt, { n, rank, overlap: rho, seed: 'ov', dense: false });
    const fi = iid.factors as NonNullable<typeof iid.factors>;
    const [ui, vi] = [fi.u.toArray(), fi.v.toArray()];
    const overlaps = Array.from({ length: rank }, (_, a) => dotRows(ui, vi, a, a));
    // u·v has mean ρ and variance (1+ρ²)/N per mode.
    expect(Math.abs(mean(overlaps) - rho)).toBeLessThanOrEqual(5 * Math.sqrt((1 + rho * rho) / (n * rank)));
    // The matrix-free product equals the dense one within the two summation orders' bounds.
    using dense = fi.toDense();
    using x = rt.f64From(Float64Array.from({ length: n }, (_, i) => Math.sin(i)));
    const [yf, yd] = [fi.multiply(x).toArray(), dense.multiply(x).toArray()];
    const scale = Math.max(...yd.map(Math.abs));
    for (const [i, val] of yf.entries()) expect(Math.abs(val - yd[i])).toBeLessThanOrEqual(1e-12 * Math.max(scale, 1));
  });
});

describe('ei', () => {
  it('fixed in-degree: exactly K_E and K_I inputs, Dale\'s law, and J·1 = (mean row sum)·1 (the predicted outlier)', () => {
    const [n, k, j, gammaI] = [1000, 100, 0.5, 2];
    using net = eiNetwork(rt, { n, k, j, gamma: gammaI, seed: 'ei' });
    const arrays = (net.matrix as CsrMatrix).toArrays();
    expectSimpleCsr(arrays);
    const nExc = 800;
    for (let i = 0; i < n; i++) {
      let [e, inh] = [0, 0];
      for (let q = arrays.rowPtr[i]; q < arrays.rowPtr[i + 1]; q++) {
        const exc = arrays.colIdx[q] < nExc;
        expect(arrays.values[q]).toBe(exc ? j / Math.sqrt(k) : -gammaI * j / Math.sqrt(k));
        if (exc) e++; else inh++;
      }
      expect([e, inh]).toEqual([80, 20]);
    }
    using ones = rt.f64(n).fill(1);
    const rowSums = (net.matrix as CsrMatrix).multiply(ones).toArray();
    const outlier = net.theory.outliers[0];
    // Each row sum is 100 terms: |Δ| ≤ γ_100 Σ|w|.
    const bound = gamma(100) * 100 * gammaI * j / Math.sqrt(k);
    for (const s of rowSums) expect(Math.abs(s - outlier)).toBeLessThanOrEqual(bound);
  });

  it('connection probability K/(N−1): in-degrees binomial around K; jitter keeps signs and has mean 1, CV c', () => {
    const [n, k, jitter] = [1500, 60, 0.3];
    using net = eiNetwork(rt, { n, k, inDegree: 'probability', jitter, seed: 'ei-p' });
    const arrays = (net.matrix as CsrMatrix).toArrays();
    expectSimpleCsr(arrays);
    const p = k / (n - 1);
    // Mean in-degree: a sum of n(n−1) Bernoulli(p) over n rows, SE √(K(1−p)/n).
    expect(Math.abs(arrays.colIdx.length / n - k)).toBeLessThanOrEqual(5 * Math.sqrt(k * (1 - p) / n));
    const w0 = 1 / Math.sqrt(k);
    const factors = Array.from(arrays.values, (w, q) => w / (arrays.colIdx[q] < 1200 ? w0 : -4 * w0));
    expect(factors.every((f) => f > 0)).toBe(true);
    const nnz = factors.length;
    const m = mean(factors);
    expect(Math.abs(m - 1)).toBeLessThanOrEqual(5 * jitter / Math.sqrt(nnz));
    const sd = Math.sqrt(factors.reduce((s, f) => s + (f - m) ** 2, 0) / nnz);
    // Lognormal with CV 0.3: SE of the sample std ≈ σ√((κ+2)/(4n)), excess kurtosis κ ≈ 1.6 here.
    expect(Math.abs(sd - jitter)).toBeLessThanOrEqual(5 * jitter * Math.sqrt(3.6 / (4 * nnz)));
  });
});

describe('lowrank', () => {
  it('J = gχ + m nᵀ/N: with chosen vectors the structure adds exactly m nᵀ/N to the same χ', () => {
    const n = 80;
    const m = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const right = Float64Array.from({ length: n }, (_, i) => Math.sin(2 * i));
    const zero = new Float64Array(n);
    using withStructure = lowRankNetwork(rt, { n, g: 0.8, vectors: { m: [m], n: [right] }, seed: 'lr' });
    using chiOnly = lowRankNetwork(rt, { n, g: 0.8, vectors: { m: [zero], n: [zero] }, seed: 'lr' });
    const [a, b] = [(withStructure.matrix as DenseMatrix).toArray(), (chiOnly.matrix as DenseMatrix).toArray()];
    // The kernel rounds (1/N)·m_i, then ·n_j, then the sum with χ_ij; the test's subtraction
    // rounds once more: |Δ| ≤ 4u(|χ_ij| + |m_i n_j|/N) with u = 2⁻⁵³.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const want = (m[i] * right[j]) / n;
        expect(Math.abs(a[i * n + j] - b[i * n + j] - want)).toBeLessThanOrEqual(4 * 2 ** -53 * (Math.abs(b[i * n + j]) + Math.abs(want)));
      }
    }
    const lambda = m.reduce((acc, mi, i) => acc + mi * right[i], 0) / n;
    expect(withStructure.theory.spectralRadius).toBeCloseTo(Math.max(0.8, Math.abs(lambda)), 14);
  });

  it('random vectors: outlier nᵀm/N ≈ overlap (SE √((1+ρ²)/N)); stats scaled variance ≈ g² + structure', () => {
    const [n, g, rho] = [400, 0.5, 0.8];
    using net = lowRankNetwork(rt, { n, g, overlap: rho, seed: 'lr-random' });
    expect(Math.abs(net.theory.outliers[0] - rho)).toBeLessThanOrEqual(5 * Math.sqrt((1 + rho * rho) / n));
    expect(net.theory.spectralRadius).toBe(Math.abs(net.theory.outliers[0]));
    // Var(J_ij) = g²/N + Var(m_i n_j)/N² with Var(m_i n_j) = 1 + ρ²; N·var ≈ g² + (1+ρ²)/N.
    const stats = connectivityStats(net);
    const M = n * (n - 1);
    expect(Math.abs(stats.weights.scaledVar - (g * g + (1 + rho * rho) / n))).toBeLessThanOrEqual(5 * g * g * Math.sqrt(2 / M) + 0.05 * g * g);
  });
});

describe('matrixStats on user matrices', () => {
  it('unsorted CSR: canonicalised (rows sorted) before reciprocity and η', () => {
    // Edges: 0←1 (3), 1←0 (5), 2←2 (4, self-loop), 2←1 (−3), listed out of order in row 2.
    using a = rt.csr({ nRows: 3, nCols: 3, rowPtr: [0, 1, 2, 4], colIdx: [1, 0, 2, 1], values: [3, 5, 4, -3] });
    using b = rt.csr({ nRows: 3, nCols: 3, rowPtr: [0, 1, 3, 5], colIdx: [1, 0, 2, 1, 2], values: [3, 5, -1, -3, 4] });
    const stats = matrixStats(rt, a);
    expect(stats.nnz).toBe(4);
    expect(stats.reciprocity).toBe(0.5); // 0↔1 reciprocated; 1←2 absent in a
    expect(stats.eta).toBe(-1); // one pair: (3, 5) and (5, 3) around their mean 4
    const sb = matrixStats(rt, b);
    expect(sb.reciprocity).toBe(0.8);
    expect(sb.inDegree).toEqual({ mean: 5 / 3, std: Math.sqrt(2 / 9), cv: Math.sqrt(2 / 9) / (5 / 3), min: 1, max: 2 });
    expect(sb.weights.mean).toBe(8 / 5);
    using viaDispatcher = network(rt, { model: 'gaussian', n: 4, seed: 1 });
    expect(matrixStats(rt, viaDispatcher.matrix as DenseMatrix).nnz).toBe(12);
  });
});
