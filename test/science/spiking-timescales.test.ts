/**
 * The block-network mean-field theory of Poisson-GLM networks (src/theory/spiking-timescales.ts)
 * against (1) its own closed forms checked by quadrature, and (2) direct simulation of the same
 * network with SpikingNetwork's GLM neurons (type 2), analysed with the library's spike tools.
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { correlationTimeMs, expectedAutocovariance, glmBlockComparison } from '../../src/analysis/spiking-timescales.js';
import { autocorrelation } from '../../src/analysis/timescales.js';
import { erf } from '../../src/dynamics/nonlinearity.js';
import { gaussianExpectation, gaussianPairExpectation, gaussLegendreRule } from '../../src/theory/quadrature.js';
import {
  bivariateNormalExcess, glmBlockTheory, glmNeuronAutocorrelation, glmNeuronTimescale, integratedTimescale, kernelAutocorrelation,
} from '../../src/theory/spiking-timescales.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';

describe('GLM mean-field closed forms', () => {
  it('the Gauss–Legendre rule integrates x^d over [−1, 1] exactly for d < 2n (2/(d + 1) for even d, 0 for odd)', () => {
    for (const n of [1, 2, 5, 16]) {
      const { nodes, weights } = gaussLegendreRule(n);
      for (let d = 0; d < 2 * n; d++) {
        const sum = nodes.reduce((s, x, k) => s + weights[k] * x ** d, 0);
        // Exact in exact arithmetic; the rounding of n terms of size ≤ 2 stays below 1e-14.
        expect(Math.abs(sum - (d % 2 === 0 ? 2 / (d + 1) : 0))).toBeLessThan(1e-14);
      }
    }
    expect(() => gaussLegendreRule(0)).toThrow(/gaussLegendreRule: n must be an integer/);
  });

  it('Φ₂(x, x; ρ) − Φ(x)² (the closed form of Cov[ν(u₁), ν(u₂)]) equals the nested Gaussian pair quadrature', () => {
    // With φ(u) = Φ((u − θ)/σ) and u ~ N(0, q), Cov(φ(u₁), φ(u₂)) = excess(−θ/s, c/s²), s² = σ² + q.
    const sigma = 1.3;
    const q = 0.9;
    for (const theta of [-1, 0, 0.7, 2]) {
      for (const c of [0.1, 0.5, 0.89]) {
        const phi = (u: number) => 0.5 * (1 + erf((u - theta) / (sigma * Math.SQRT2)));
        const mean = gaussianExpectation((z) => phi(Math.sqrt(q) * z));
        const pair = gaussianPairExpectation(phi, phi, c, q) - mean * mean;
        const s2 = sigma ** 2 + q;
        // The nested rule is accurate to ~1e-13 for these smooth integrands; 16-point Gauss–Legendre to ~1e-15.
        expect(Math.abs(bivariateNormalExcess(-theta / Math.sqrt(s2), c / s2) - pair)).toBeLessThan(1e-10);
      }
    }
  });

  it('the kernel autocorrelation A(τ) = ∫κ(t)κ(t+τ)dt matches a trapezoid integral (τ_s ≠ τ_m and τ_s = τ_m)', () => {
    for (const [tm, ts] of [[10, 5], [8, 8], [4, 12]]) {
      const kappa = (t: number) => (Math.abs(ts - tm) < 1e-12 ? (t / tm) * Math.exp(-t / tm) : (ts / (ts - tm)) * (Math.exp(-t / ts) - Math.exp(-t / tm)));
      for (const lag of [0, 3, 20]) {
        const h = 0.001;
        let s = 0;
        for (let t = 0; t < 400; t += h) s += kappa(t) * kappa(t + lag) * h;
        // Trapezoid = rectangle here (κ(0) = 0), error O(h²·κ″) ≈ 1e-7.
        expect(Math.abs(kernelAutocorrelation(tm, ts, lag) - s)).toBeLessThan(1e-5);
      }
    }
  });
});

describe('GLM per-neuron autocorrelation', () => {
  const params = { neuron: comparisonNeuron, muMv: [6, 4], inDegree: [[80, 20], [80, 20]], weightMv: [[1, -4], [1, -4]], lagStepMs: 1 };
  it('averaged over the static input (trapezoid rule, through rate → x) it reproduces the block mean C̄ (Gauss–Hermite)', () => {
    const theory = glmBlockTheory(params);
    expect(theory.status).toBe('converged');
    for (let a = 0; a < 2; a++) {
      const b = theory.blocks[a];
      const s = Math.sqrt(comparisonNeuron.rateWidthMv ** 2 + b.input.dynamicVarianceMv2);
      const rateAt = (z: number) => comparisonNeuron.rateMaxHz * 0.5 * (1 + erf((b.input.meanMv + b.input.staticSdMv * z - comparisonNeuron.thetaMv) / (s * Math.SQRT2)));
      for (const k of [0, 5, 20]) {
        const mean = gaussianExpectation((z) => glmNeuronAutocorrelation(theory, a, rateAt(z))[k], 120, 8);
        // Both rules are accurate to ~1e-9 relative for this smooth integrand; the rate → x inversion
        // (60 bisections) to 1e-16; 1e-6 relative leaves room for the tails where Φ⁻¹ is steep.
        expect(Math.abs(mean - b.autocorrelationHz2[k])).toBeLessThan(1e-6 * b.autocorrelationHz2[0]);
      }
      // The timescale–rate relation at the quantile rates is the one reported there.
      for (const q of b.timescales) expect(glmNeuronTimescale(theory, a, q.rateHz)).toBeCloseTo(q.tauMs, 8);
      // Silent and saturated neurons have no continuous part.
      expect(glmNeuronAutocorrelation(theory, a, 0)[0]).toBe(0);
      expect(glmNeuronTimescale(theory, a, 0)).toBeNaN();
    }
  });

  it('populationSizes scales the dynamic input by the multapse factor 1 + K/N and leaves the static spread K J²⟨ν²⟩ alone', () => {
    // One inhibitory block, K = 50 of N = 100 (factor 1.5). Δ(0) = f·K J²(ν̄ A(0) + (A∗C̄)(0)) with
    // (A∗C̄)(0) ≥ 0 (C̄ > 0 here): bounded below by f times the closed-form rate term at the solved rate.
    const base = { neuron: comparisonNeuron, muMv: [6], inDegree: [[50]], weightMv: [[-1]], lagStepMs: 1 };
    const infinite = glmBlockTheory(base);
    const finite = glmBlockTheory({ ...base, populationSizes: [100] });
    expect(finite.status).toBe('converged');
    // Static spread V = τ_s² K J² ⟨ν²⟩ at each solution's own rates: V/⟨ν²⟩ is the same (τ_s² K J²).
    const ratio = (t: typeof finite) => t.blocks[0].input.staticSdMv ** 2 / ((t.blocks[0].rate.meanHz / 1000) ** 2 + (t.blocks[0].rate.sdHz / 1000) ** 2);
    expect(ratio(finite)).toBeCloseTo(comparisonNeuron.tauSynMs ** 2 * 50, 6);
    expect(ratio(infinite)).toBeCloseTo(comparisonNeuron.tauSynMs ** 2 * 50, 6);
    const rateTerm = (t: typeof finite) => 50 * (t.blocks[0].rate.meanHz / 1000) * kernelAutocorrelation(comparisonNeuron.tauMs, comparisonNeuron.tauSynMs, 0);
    expect(finite.blocks[0].input.dynamicVarianceMv2).toBeGreaterThan(1.5 * rateTerm(finite));
    expect(infinite.blocks[0].input.dynamicVarianceMv2).toBeGreaterThan(rateTerm(infinite));
    expect(infinite.blocks[0].input.dynamicVarianceMv2).toBeLessThan(1.5 * rateTerm(infinite));
  });

  it('integratedTimescale is ∫(c/c0)² of an exponential, τ/2 (trapezoid error O(h²/τ))', () => {
    const h = 0.01;
    const c = Float64Array.from({ length: 20001 }, (_, k) => Math.exp(-(k * h) / 4));
    expect(Math.abs(integratedTimescale(c, h) - 2)).toBeLessThan(1e-4);
  });
});

describe.each(BUILDS.slice(0, 1))('GLM block network: theory vs simulation [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  // N = 1000 (800 E, 200 I), K = 100, 3 s analysed: s.e. over neurons ≈ 1 Hz on rates and ≈ 10% of
  // C̄ at the compared lags; tolerances (3 s.e. + model tolerance) are in analysis/spiking-timescales.ts.
  it('rates (mean, spread) and the population spike autocovariance agree, and the test can tell a wrong drive', async () => {
    const comparison = await glmBlockComparison(rt, { seed: 'glm-sim' });
    expect(comparison.theory.status).toBe('converged');
    for (const block of comparison.blocks) {
      expect(block.rateMeanHz.agrees).toBe(true);
      expect(block.rateSdHz.agrees).toBe(true);
      for (const c of block.autocovarianceHz2) expect(c.agrees).toBe(true);
      // Rates spread over a wide range: the static input spread from random in-degrees is resolved.
      expect(block.rateSdHz.simulation).toBeGreaterThan(10);
    }
    expect(comparison.agrees).toBe(true);
    expect(comparison.warnings).toEqual([]);
    // The theory's timescale distribution is finite and ordered.
    const taus = comparison.theory.blocks[0].timescales.map((t) => t.tauMs);
    expect(taus.every((t) => t > 0 && Number.isFinite(t))).toBe(true);
    // Per-neuron autocorrelations by rate group (3 groups per block): amplitude and correlation time agree.
    for (const block of comparison.blocks) {
      expect(block.byRate).toHaveLength(3);
      for (const g of block.byRate) {
        expect(g.amplitudeHz2.agrees).toBe(true);
        expect(g.correlationTimeMs.agrees).toBe(true);
      }
    }
    // What the theory predicts per neuron: the amplitude depends strongly on the rate (the squared gain
    // of the erf, largest at ν_max/2), the shape hardly. The simulated low/middle amplitude ratio agrees
    // with the theory's (3 s.e. by the delta method + the 20% amplitude tolerance), and a rate-independent
    // amplitude (ratio 1) fails the same test.
    const [low, middle] = comparison.blocks[0].byRate;
    const ratio = low.amplitudeHz2.simulation / middle.amplitudeHz2.simulation;
    const ratioErr = ratio * Math.hypot(low.amplitudeHz2.stdErr / low.amplitudeHz2.simulation, middle.amplitudeHz2.stdErr / middle.amplitudeHz2.simulation);
    const theoryRatio = low.amplitudeHz2.theory / middle.amplitudeHz2.theory;
    expect(Math.abs(ratio - theoryRatio)).toBeLessThanOrEqual(3 * ratioErr + 0.2 * theoryRatio);
    expect(Math.abs(ratio - 1)).toBeGreaterThan(3 * ratioErr + 0.2);
    // Nearly constant timescales: τ_int over the 5–95% rate quantiles within ±15% of the median.
    for (const t of comparison.theory.blocks) {
      for (const q of t.timescales) expect(Math.abs(q.tauMs / t.medianTimescaleMs - 1)).toBeLessThan(0.15);
    }
    // Power of the timescale check: an input correlation decaying twice as slowly, ρ(τ/2), predicts the
    // middle E group's correlation time outside the tolerance of the same simulation.
    const e = comparison.theory.blocks[0];
    const slower = { ...comparison.theory, blocks: [{ ...e, inputCorrelation: e.inputCorrelation.map((_, k) => stretched(e.inputCorrelation, k / 2)) }] };
    const seconds = (comparison.params.tMs - 200) / 1000;
    const rate = middle.rateHz.mean;
    const slowTau = correlationTimeMs(expectedAutocovariance(glmNeuronAutocorrelation(slower, 0, rate), rate, seconds), comparison.params.correlationWindowMs).tauMs;
    const tau = middle.correlationTimeMs;
    expect(Math.abs(tau.simulation - slowTau)).toBeGreaterThan(3 * tau.stdErr + 0.1 * slowTau);
    // Power: the theory for a drive 3 mV higher lies outside the tolerance of the same simulation.
    const shifted = glmBlockTheory({
      neuron: comparison.params.neuron, muMv: [9, 7], inDegree: comparison.params.inDegree, weightMv: comparison.params.weightMv, populationSizes: comparison.params.sizes,
    });
    const sim = comparison.blocks[0].rateMeanHz;
    expect(Math.abs(sim.simulation - shifted.blocks[0].rate.meanHz)).toBeGreaterThan(3 * sim.stdErr + 0.12 * shifted.blocks[0].rate.meanHz);
  }, 120_000);

  // The correlation time's s.e. is a bootstrap over a group's neurons; it must match the spread over
  // independent networks and runs. Four seeds × 6 groups: Σ ((τ_sg − mean_g τ)/s.e._sg)² ~ χ² with
  // 18 degrees of freedom if the s.e. is right; accept χ²/18 in [0.27, 2.35] (its 0.1% and 99.9%
  // quantiles). Measured offline at T = 20 s (4 seeds): χ² = 17.5; T = 3 s (6 seeds, 30 dof): 25.1.
  it('the bootstrap s.e. of the per-group correlation time matches the spread over seeds', async () => {
    const runs = [];
    for (const seed of ['s1', 's2', 's3', 's4']) runs.push(await glmBlockComparison(rt, { seed }));
    const taus = runs.map((c) => c.blocks.flatMap((b) => b.byRate.map((g) => g.correlationTimeMs)));
    let chi2 = 0;
    for (let g = 0; g < taus[0].length; g++) {
      const mean = taus.reduce((s, r) => s + r[g].simulation, 0) / taus.length;
      for (const r of taus) chi2 += ((r[g].simulation - mean) / r[g].stdErr) ** 2;
    }
    const dof = taus[0].length * (taus.length - 1);
    expect(chi2 / dof).toBeGreaterThan(0.27);
    expect(chi2 / dof).toBeLessThan(2.35);
  }, 240_000);

  it('expectedAutocovariance is what the mean-removed estimator gives for Poisson counts: −(1 − k/M)·ν/T', () => {
    // i.i.d. counts: E[Ĉ(k)] = −(M − k)σ²/M² exactly, σ² = ν·1 ms. 2000 units of M = 200 one-ms bins at 50 Hz:
    // expected −250 Hz² at small k; the mean over units and lags 1–20 has s.e. ≈ 0.05/√200/√(2000·20)·1e6 ≈ 18 Hz².
    const units = 2000;
    const bins = 200;
    const rng = seedrandom('poisson-counts');
    const lambda = 0.05;
    const values = new Float64Array(bins * units);
    for (let k = 0; k < values.length; k++) {
      let count = 0;
      for (let p = Math.exp(-lambda), cdf = p, u = rng(); u > cdf; ) {
        count++;
        p *= lambda / count;
        cdf += p;
      }
      values[k] = count;
    }
    const ac = autocorrelation(rt, { values, nSamples: bins, nUnits: units }, { sampleDt: 1, maxLag: 21 });
    const expected = expectedAutocovariance(new Float64Array(151), 50, bins / 1000);
    let measured = 0;
    let predicted = 0;
    for (let k = 1; k <= 20; k++) {
      measured += (ac.population[k] * 1e6) / 20;
      predicted += expected[k] / 20;
    }
    expect(predicted).toBeCloseTo(-250 * (1 - 10.5 / bins), 9);
    expect(Math.abs(measured - predicted)).toBeLessThan(4 * 18);
    // Without the correction (prediction 0) the same data lie more than 8 s.e. away (≈ 14 expected).
    expect(Math.abs(measured)).toBeGreaterThan(8 * 18);
  });

  it('bad parameters name themselves', async () => {
    await expect(glmBlockComparison(rt, { muMv: [1] })).rejects.toThrow(/muMv/);
    await expect(glmBlockComparison(rt, { inDegree: [[1, -2], [1, 1]] })).rejects.toThrow(/inDegree\[0\]\[1\]/);
    expect(() => glmBlockTheory({ neuron: { ...comparisonNeuron, rateWidthMv: 0 }, muMv: [1], inDegree: [[1]], weightMv: [[1]] })).toThrow(/rateWidthMv/);
    await expect(glmBlockComparison(rt, { rateBins: 100 })).rejects.toThrow(/rateBins/);
    await expect(glmBlockComparison(rt, { correlationWindowMs: 2 })).rejects.toThrow(/correlationWindowMs/);
    expect(() => glmBlockTheory({ neuron: comparisonNeuron, muMv: [1], inDegree: [[1]], weightMv: [[1]], populationSizes: [1, 2] })).toThrow(/populationSizes must give one size per block/);
    expect(() => glmBlockTheory({ neuron: comparisonNeuron, muMv: [1], inDegree: [[1]], weightMv: [[1]], populationSizes: [0] })).toThrow(/populationSizes\[0\]/);
    const theory = glmBlockTheory({ neuron: comparisonNeuron, muMv: [1], inDegree: [[1]], weightMv: [[1]] });
    expect(() => glmNeuronAutocorrelation(theory, 1, 10)).toThrow(/glmNeuronAutocorrelation: block/);
    expect(() => glmNeuronAutocorrelation(theory, 0, -1)).toThrow(/rateHz/);
  });
});

const comparisonNeuron = { tauMs: 10, tauSynMs: 5, thetaMv: 10, rateWidthMv: 5, rateMaxHz: 100 };
/** c at fractional index x by linear interpolation. */
const stretched = (c: Float64Array, x: number) => c[Math.floor(x)] + (x - Math.floor(x)) * ((c[Math.ceil(x)] ?? 0) - c[Math.floor(x)]);
