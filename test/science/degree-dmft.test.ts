/**
 * Degree-class DMFT (THEORY.md §2, derived): solver checks, then theory against simulation of the
 * lognormal model, predicted on the realised degrees of the simulated network.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  autocorrelation, degreeCriticalGain, degreeHeterogeneousRadius, ensembleAutocorrelation, unitAverage, degreeMeanField, degreesOf, type DegreeClasses, load, lognormalDegreeClasses,
  lognormalNetwork, meanFieldVariance, networkDegreeClasses, type Runtime, SINGLE_CLASS, scsAutocorrelation, scsVariance, simulateRate,
} from '../../src/index.js';
import type { CsrMatrix } from '../../src/linalg/csr.js';
import { nonlinearity } from '../../src/dynamics/nonlinearity.js';

describe('degree-class DMFT solvers', () => {
  it('CV = 0 reduces to the SCS results to 1e-10', () => {
    // 40 Gauss–Hermite copies of κ = 1 with weights summing to 1 up to rounding: only rounding separates them.
    const r = degreeMeanField(2, lognormalDegreeClasses({ cv: 0 }), { tauMax: 20, dtau: 0.02 });
    const scs = scsAutocorrelation(2, { tauMax: 20, dtau: 0.02 });
    expect(Math.abs(r.delta0 - scsVariance(2))).toBeLessThan(1e-10);
    for (let i = 0; i < scs.delta.length; i++) expect(Math.abs(r.delta[i] - scs.delta[i])).toBeLessThan(1e-10);
    expect(r.criticalG).toBeCloseTo(1, 12);
  });

  it.each([
    ['SCS, g = 2', SINGLE_CLASS, 2],
    ['CV = 1, ρ = 0, g = 2', lognormalDegreeClasses({ cv: 1, nodes: 10 }), 2],
    ['CV = 1, ρ = 1, g = 0.9 (below 1, above g_c = 0.707)', lognormalDegreeClasses({ cv: 1, degreeCorrelation: 1, nodes: 10 }), 0.9],
  ] as [string, DegreeClasses, number][])('%s: the potential (energy condition, RK4) and Fourier solvers agree on D0 to 1e-6', (_, classes, g) => {
    // The Fourier iteration never uses the energy condition: D0 is its own D(0). Its errors are the
    // periodic box (L = 100: e^{−L/τc}) and the stopping tolerance (1e-11): measured ≤ 3e-11.
    const r = degreeMeanField(g, classes, { fourier: true });
    expect(r.status).toBe('chaotic');
    expect(r.fourier?.status).toBe('converged');
    expect(Math.abs((r.fourier?.delta0 as number) - r.delta0)).toBeLessThan(1e-6 * r.delta0);
    // And the two D(τ) agree where both grids have points (Fourier dτ = 0.2, potential dτ = 0.05).
    for (const t of [1, 3, 6]) {
      const a = r.delta[Math.round(t / 0.05)];
      const b = (r.fourier?.delta as Float64Array)[Math.round(t / 0.2)];
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * r.delta0);
    }
  });

  it('reports partial results: maxIter with the last iterate, diverged for linear φ above threshold', () => {
    const r = degreeMeanField(2, SINGLE_CLASS, { fourier: { maxIter: 3 } });
    expect(r.fourier?.status).toBe('maxIter');
    expect(r.fourier?.iterations).toBe(3);
    expect(r.fourier?.delta0).toBeGreaterThan(0);
    const linear = degreeMeanField(1.2, lognormalDegreeClasses({ cv: 1, nodes: 8 }), { phi: 'linear' });
    expect(linear.status).toBe('diverged');
    expect(linear.classes).toHaveLength(0);
  });

  it('g_c = (1 + CV²)^(−ρ/2) is the bulk-radius law; the transition sits there', () => {
    for (const [cv, rho] of [[1, 1], [1, 0.5], [2, 0.3], [1, -0.5]]) {
      const classes = lognormalDegreeClasses({ cv, degreeCorrelation: rho });
      const gc = degreeCriticalGain(classes) as number;
      // Gauss–Hermite with 40 nodes integrates e^{(1+ρ)σz} to ~1e-14 relative.
      expect(Math.abs(gc - (1 + cv * cv) ** (-rho / 2))).toBeLessThan(1e-12);
      expect(meanFieldVariance(0.99 * gc, classes, nonlinearity('tanh')).status).toBe('quiescent');
      expect(meanFieldVariance(1.01 * gc, classes, nonlinearity('tanh')).status).toBe('chaotic');
    }
    // On realised degrees g_c equals 1/radius of degreeHeterogeneousRadius at g = 1, K = mean degree.
    const inDegrees = [10, 20, 30, 40, 150];
    const outDegrees = [40, 10, 60, 20, 120];
    const classes = networkDegreeClasses({ inDegrees, outDegrees });
    const radius = degreeHeterogeneousRadius({ weightVariance: 1 / 50, inDegrees, outDegrees });
    expect(Math.abs((degreeCriticalGain(classes) as number) - 1 / radius)).toBeLessThan(1e-12);
  });

  it('ρ = 0: degree heterogeneity lowers the variance at fixed g (Wainrib & Galtier 2015); per-class variance ∝ κ_in', () => {
    const homogeneous = degreeMeanField(2, SINGLE_CLASS, { tauMax: 10 });
    const heterogeneous = degreeMeanField(2, lognormalDegreeClasses({ cv: 1, nodes: 16 }), { tauMax: 10 });
    expect(heterogeneous.delta0).toBeLessThan(homogeneous.delta0);
    for (const c of heterogeneous.classes) expect(c.varX).toBeCloseTo(c.kappaIn * heterogeneous.delta0, 12);
    // Hubs saturate: Var φ grows sublinearly with κ_in.
    const [low, high] = [heterogeneous.classes[4], heterogeneous.classes[11]];
    expect(high.varPhi / low.varPhi).toBeLessThan(high.kappaIn / low.kappaIn);
  });

  it('networkDegreeClasses groups neurons by in-degree with their mean out-degree', () => {
    const c = networkDegreeClasses({ inDegrees: [2, 4, 2, 0], outDegrees: [1, 3, 3, 1], k: 2 });
    expect(Array.from(c.kappaIn)).toEqual([0, 1, 2]);
    expect(Array.from(c.weight)).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(c.kappaOut)).toEqual([0.5, 1, 1.5]); // out-degree means 1, 2, 3 over the mean 2
    expect(() => networkDegreeClasses({ inDegrees: [1], outDegrees: [1, 2] })).toThrow(/inDegrees and outDegrees must be/);
    expect(() => lognormalDegreeClasses({ cv: -1 })).toThrow(/lognormalDegreeClasses: cv must be ≥ 0/);
  });
});

describe('degree-class DMFT against simulation (lognormal model, realised degrees)', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  /** Per-neuron ⟨x²⟩ over the recording (no mean removed: DMFT's Δ_i(0)). */
  function secondMoments(values: Float64Array, nSamples: number, n: number): Float64Array {
    const m = new Float64Array(n);
    for (let s = 0; s < nSamples; s++) for (let u = 0; u < n; u++) m[u] += values[s * n + u] ** 2 / nSamples;
    return m;
  }

  it('per-class variance ∝ κ_in and one normalised autocorrelation for all classes (N = 4000, K = 100, CV = 1, g = 2)', async () => {
    // N = 4000, K = 100, T = 150 after a transient of 30, dt = 0.1 (RK4), seed 'deg-var'. Statistical
    // error of a quintile's mean ⟨x²⟩: √(2τ_int/T)/√800 ≈ 0.9%; the rest is finite N and K (quenched
    // fluctuations of each neuron's input variance, O(1/√k_in) per neuron, and of D0, O(1/√N)):
    // measured deviations up to 3.6% (T = 200) and 5.6% (T = 150, this seed): a window this short still
    // carries the network's collective fluctuation. 7% is the "few percent" of the issue with that margin.
    const [n, k, g] = [4000, 100, 2];
    using net = lognormalNetwork(rt, { n, k, cv: 1, g, seed: 'deg-var' });
    const { inDegree, outDegree } = degreesOf(rt, net.matrix as CsrMatrix);
    const theory = degreeMeanField(g, networkDegreeClasses({ inDegrees: inDegree, outDegrees: outDegree, k }), { tauMax: 30, dtau: 0.1 });
    const run = await simulateRate(rt, { connectivity: net }, { t: 180, dt: 0.1, transient: 30, seed: 1, record: { units: 'all', every: 2 } });
    const rec = run.recording!;
    const m2 = secondMoments(rec.values, rec.nSamples, n);
    const order = Array.from(inDegree.keys()).sort((a, b) => inDegree[a] - inDegree[b]);
    const quintiles = Array.from({ length: 5 }, (_, b) => order.slice((b * n) / 5, ((b + 1) * n) / 5));
    for (const idx of quintiles) {
      const simulated = idx.reduce((s, i) => s + m2[i], 0) / idx.length;
      const predicted = idx.reduce((s, i) => s + (inDegree[i] / k) * theory.delta0, 0) / idx.length;
      expect(Math.abs(simulated / predicted - 1)).toBeLessThan(0.07);
    }
    // The normalised autocorrelation is the same in every class (η = 0): the quintiles' τ½ (no mean
    // removed, as DMFT defines Δ) agree within 10% of each other (measured max/min − 1: 3.7 to 5.6%;
    // the lowest quintile has k_in ≈ 23 inputs, so finite-K corrections O(1/k_in) ≈ 4% apply). Against the theory's τ½ = 5.76 the network as a
    // whole is off by +8 to +18% in single runs and seeds (−15% in another seed): the collective
    // finite-N fluctuation of one network over T = 150, which the same-network class comparison cancels.
    const ac = autocorrelation(rt, rec, { sampleDt: rec.sampleDt, maxLag: 100, removeMean: false });
    const pooled = ensembleAutocorrelation(quintiles.map((idx) => unitAverage(ac, idx)), rec.sampleDt);
    const halves = pooled.members.map((m) => m.tauHalf);
    expect(Math.max(...halves) / Math.min(...halves) - 1).toBeLessThan(0.1);
    expect(Math.abs(pooled.timescales.tauHalf.mean / theory.timescales.tauHalf - 1)).toBeLessThan(0.3);
  });

  it('sub-unity chaos: CV = 1 with correlated in/out degrees is active at g = 0.85 while its CV = 0 twin is silent', async () => {
    // Theory: g_c = 0.713 on these realised degrees (0.707 for the lognormal law), so g = 0.85 is chaotic;
    // the CV = 0 twin has g_c = 1 and decays like e^{−(1 − 0.85)t}: q < 1e-8 by t = 100.
    // Near onset (τ½ ≈ 15) finite N shifts q by several percent (measured +5%): 20% bound.
    const [n, k, g] = [4000, 100, 0.85];
    using het = lognormalNetwork(rt, { n, k, cv: 1, degreeCorrelation: 1, g, seed: 'sub-unity' });
    using twin = lognormalNetwork(rt, { n, k, cv: 0, g, seed: 'sub-unity' });
    const { inDegree, outDegree } = degreesOf(rt, het.matrix as CsrMatrix);
    const theory = degreeMeanField(g, networkDegreeClasses({ inDegrees: inDegree, outDegrees: outDegree, k }), { tauMax: 1 });
    expect(theory.status).toBe('chaotic');
    expect(theory.criticalG as number).toBeLessThan(0.75);
    const meanKappa = inDegree.reduce((s, d) => s + d, 0) / (n * k);
    const active = await simulateRate(rt, { connectivity: het }, { t: 180, dt: 0.1, transient: 50, seed: 1, record: false });
    expect(Math.abs(active.summary.q / (meanKappa * theory.delta0) - 1)).toBeLessThan(0.2);
    const silent = await simulateRate(rt, { connectivity: twin }, { t: 110, dt: 0.1, transient: 100, seed: 1, record: false });
    expect(silent.summary.q).toBeLessThan(1e-8);
    expect(degreeMeanField(g, SINGLE_CLASS).status).toBe('quiescent');
  });
});
