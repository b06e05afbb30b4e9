/**
 * Spectral laws beside computed spectra, with fixed seeds and finite-size tolerances:
 * circular law (N = 400), elliptic law (η = 0.5), degree-heterogeneous sparse radius, E/I mean
 * outlier, and localisation of the leading modes on high-degree neurons.
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  circularLawRadius, degreeHeterogeneousRadius, degreesOf, eiMeanOutlier, eigDense, eigenvectorDegreeCorrelation, eigs,
  ellipticLawSemiAxes, inverseParticipationRatio, load, rankOneOutlier, type Runtime, spectralRadiusOf,
} from '../../src/index.js';
import { gaussianMatrix } from '../helpers/eigen.js';

const N = 400;

describe('spectral laws', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('circular law (N = 400, g = 1.3): spectral radius and the disc fill', () => {
    const g = 1.3;
    const j = rt.dense(N, N);
    rt.rng('circular').normalInto(j.data, 0, g / Math.sqrt(N));
    const { eigenvalues, status } = eigDense(rt, j);
    expect(status).toBe('converged');
    const radius = circularLawRadius(g);
    const rho = spectralRadiusOf(eigenvalues) / radius;
    // Rider (J. Phys. A 36, 2003): ρ/g = 1 + √(γ_N/4N) + G/√(4Nγ_N), G Gumbel, γ_N = ln(N/2π) − 2 ln ln N:
    // for N = 400 the shift is 0.02 and one Gumbel unit 0.033, so [0.9, 1.2] excludes < 0.5% (upper tail, 5.5 units).
    expect(rho).toBeGreaterThan(0.9);
    expect(rho).toBeLessThan(1.2);
    // Outside g(1 + 0.05) the finite-N density (½·erfc(√(2N)(r − 1)), Forrester & Nagao) leaves ≈ 0.2 eigenvalues.
    const inside = eigenvalues.filter((e) => Math.hypot(e.re, e.im) <= 1.05 * radius).length / N;
    expect(inside).toBeGreaterThanOrEqual(0.99);
    // Uniform density: a quarter inside g/2 (binomial std √(p(1 − p)/N) = 0.022 bounds the rigid Ginibre count; 3σ).
    const quarter = eigenvalues.filter((e) => Math.hypot(e.re, e.im) <= 0.5 * radius).length / N;
    expect(Math.abs(quarter - 0.25)).toBeLessThanOrEqual(0.065);
    // Arnoldi finds the same spectral radius as the dense solver.
    const top = eigs(rt, j, { k: 4, tol: 1e-10 });
    expect(Math.abs(spectralRadiusOf(top.eigenvalues) - spectralRadiusOf(eigenvalues))).toBeLessThanOrEqual(1e-8);
    j.dispose();
  });

  it('elliptic law (η = 0.5): semi-axes (1 ± η)g and the ellipse fill', () => {
    const g = 1;
    const eta = 0.5;
    // J = g/√N·(√((1+η)/2)·S + √((1−η)/2)·A), S = (G₁ + G₁ᵀ)/√2, A = (G₂ − G₂ᵀ)/√2: var J_ij = g²/N, corr(J_ij, J_ji) = η.
    const g1 = gaussianMatrix('elliptic-1', N);
    const g2 = gaussianMatrix('elliptic-2', N);
    const [cs, ca] = [Math.sqrt((1 + eta) / 2), Math.sqrt((1 - eta) / 2)];
    const values = Float64Array.from(g1, (_, idx) => {
      const t = (idx % N) * N + Math.floor(idx / N);
      return (g / Math.sqrt(N)) * ((cs * (g1[idx] + g1[t])) / Math.SQRT2 + (ca * (g2[idx] - g2[t])) / Math.SQRT2);
    });
    const { eigenvalues } = eigDense(rt, { n: N, values });
    const { real, imaginary } = ellipticLawSemiAxes(g, eta);
    const maxRe = Math.max(...eigenvalues.map((e) => Math.abs(e.re)));
    const maxIm = Math.max(...eigenvalues.map((e) => Math.abs(e.im)));
    // Edge fluctuations are O(N^{-1/2}) ≈ 0.05 relative (as for the circular law): 10% tolerance on each axis.
    expect(Math.abs(maxRe / real - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(maxIm / imaginary - 1)).toBeLessThanOrEqual(0.1);
    const inside = eigenvalues.filter((e) => (e.re / real) ** 2 + (e.im / imaginary) ** 2 <= 1.1 ** 2).length / N;
    expect(inside).toBeGreaterThanOrEqual(0.99);
    // The circular law's radius would put the real edge at g: clearly rejected.
    expect(maxRe).toBeGreaterThan(1.3 * g);
  });

  it('sparse network with correlated lognormal degrees: radius σ·√(⟨k_in k_out⟩/⟨k⟩), modes localise on hubs', () => {
    const n = 2000;
    const meanDegree = 40;
    const cv = 1;
    const rng = seedrandom('degree-heterogeneous');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const s2 = Math.log1p(cv * cv);
    const degree = Array.from({ length: n }, () => Math.max(1, Math.round(Math.exp(Math.log(meanDegree) - s2 / 2 + Math.sqrt(s2) * normal()))));
    // In-degree k_i for neuron i; presynaptic partners drawn ∝ k_j, so out-degrees follow the same k (correlated).
    const total = degree.reduce((s, k) => s + k, 0);
    const cumulative: number[] = [];
    let running = 0;
    for (const k of degree) {
      running += k / total;
      cumulative.push(running);
    }
    const pick = () => {
      const u = rng();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const sigma = 1 / Math.sqrt(meanDegree);
    const rowPtr = [0];
    const colIdx: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const partners = new Set<number>();
      while (partners.size < Math.min(degree[i], n - 1)) {
        const j = pick();
        if (j !== i) partners.add(j);
      }
      for (const j of [...partners].sort((a, b) => a - b)) {
        colIdx.push(j);
        values.push(sigma * normal());
      }
      rowPtr.push(colIdx.length);
    }
    using j = rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values });
    const { inDegree: inDegrees, outDegree: outDegrees } = degreesOf(rt, j);
    const theory = degreeHeterogeneousRadius({ weightVariance: sigma * sigma, inDegrees, outDegrees });
    const naive = sigma * Math.sqrt(inDegrees.reduce((s, k) => s + k, 0) / n);
    const result = eigs(rt, j, { k: 6, ncv: 30, vectors: true });
    expect(result.status).toBe('converged');
    const rho = spectralRadiusOf(result.eigenvalues);
    // ⟨k_in k_out⟩/⟨k⟩ ≈ ⟨k⟩(1 + CV²): the law predicts √2 times the homogeneous σ√⟨k⟩.
    expect(theory / naive).toBeGreaterThan(1.3);
    // Finite-size edge: O(N^{-1/2}) fluctuations plus the soft edge of a sparse (⟨k⟩ = 40) spectrum; 10%.
    expect(Math.abs(rho / theory - 1)).toBeLessThanOrEqual(0.1);
    for (const v of result.vectors!) {
      // Delocalised complex Gaussian vectors have N·IPR → 2; the leading modes concentrate on hubs.
      expect(inverseParticipationRatio(v) * n).toBeGreaterThan(2.5);
      // Under no association |r| ≲ 3/√N; we ask for r > 5/√N.
      expect(eigenvectorDegreeCorrelation(v, inDegrees)).toBeGreaterThan(5 / Math.sqrt(n));
    }
  });

  it('E/I mean outlier: n·(f_E μ_E + f_I μ_I) stands out of the bulk as predicted', () => {
    const g = 0.8;
    const fE = 0.8;
    const [muE, muI] = [5 / N, -7.5 / N];
    const predicted = eiMeanOutlier({ n: N, fractionExcitatory: fE, meanExcitatory: muE, meanInhibitory: muI });
    const columnMean = Float64Array.from({ length: N }, (_, c) => (c < fE * N ? muE : muI));
    expect(predicted).toBeCloseTo(rankOneOutlier(new Float64Array(N).fill(1), columnMean), 12);
    const j = rt.dense(N, N);
    rt.rng('ei-outlier').normalInto(j.data, 0, g / Math.sqrt(N));
    const view = j.data.view();
    for (let i = 0; i < N; i++) for (let c = 0; c < N; c++) view[i * N + c] += columnMean[c];
    const top = eigs(rt, j, { k: 1, which: 'LR' });
    j.dispose();
    // First order: λ = θ + vᵀXu/θ with u = 1, v = μ: std = g·‖u‖·‖v‖/(θ√N); allow 3 std.
    const normV = Math.hypot(...columnMean);
    const std = (g * Math.sqrt(N) * normV) / (predicted * Math.sqrt(N));
    expect(top.eigenvalues[0].im).toBe(0);
    expect(Math.abs(top.eigenvalues[0].re - predicted)).toBeLessThanOrEqual(3 * std);
    expect(predicted).toBeGreaterThan(2 * circularLawRadius(g));
  });

  it('inverse participation ratio: 1/n when spread, 1 on one entry, scale-invariant, complex-aware', () => {
    expect(inverseParticipationRatio(new Float64Array(50).fill(3))).toBeCloseTo(1 / 50, 15);
    expect(inverseParticipationRatio([0, 0, -2, 0])).toBe(1);
    const v = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i + 1));
    expect(inverseParticipationRatio(v.map((x) => 7 * x))).toBeCloseTo(inverseParticipationRatio(v), 14);
    // A complex vector re + i·im with |v_i| = 1 everywhere is fully spread even though re alone is not.
    const phase = Float64Array.from({ length: 16 }, (_, i) => (i * Math.PI) / 8);
    expect(inverseParticipationRatio({ re: phase.map(Math.cos), im: phase.map(Math.sin) })).toBeCloseTo(1 / 16, 14);
  });
});
