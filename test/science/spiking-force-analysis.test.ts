/**
 * Analysis of trained spiking connectivity: Krylov outliers equal the dense solver's, population
 * strengths match their closed forms (Ω: RMS G_post/√(n p); ΔJ = EΦᵀ: from the factors), and the
 * motif statistics of Ω, Ω + ΔJ and ΔJ equal the brute-force O(n³) averages, with the untrained Ω
 * at the i.i.d. level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyseForceConnectivity, denseEigenvalues, eigenvalueOutliers, krylovEigenvalues, load, type Runtime, sinesTarget,
  trainRecurrentSpikingForce, trainSpikingForce,
} from '../../src/index.js';
import { motifsBruteForceRef } from '../../src/reference/motifs.js';

const sines5Hz = (m: number) => sinesTarget({ m, dt: 0.05, period: 200, amplitudes: [1], scale: 1 });
const modulus = (e: { re: number; im: number }) => Math.hypot(e.re, e.im);

describe('trained spiking connectivity', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('Krylov outliers equal the dense solver\'s (readout mixed n = 400, recurrent LIF n = 300) and Ω has none', async () => {
    const readout = await trainSpikingForce(rt, {
      target: sines5Hz(1), neuron: 'mixed', fracQif: 0.25, n: 400, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 1, keepConnectivity: true, seed: 4,
    });
    const recurrent = await trainRecurrentSpikingForce(rt, { target: sines5Hz(30), n: 300, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 1, keepConnectivity: true, seed: 1 });
    let total = 0;
    for (const result of [readout, recurrent]) {
      const { n, J, J0 } = result.connectivity!;
      const options = { bulkRadius: result.bulkRadius };
      const dense = eigenvalueOutliers(rt, { n, values: J }, { ...options, solver: denseEigenvalues });
      const krylov = eigenvalueOutliers(rt, { n, values: J }, { ...options, solver: krylovEigenvalues });
      expect(krylov.count).toBe(dense.count);
      // Both solvers reach residuals ~1e-10·|λ|; outliers are well separated, so their condition numbers
      // are small (measured: 4 and 2 outliers, differences ≤ 4e-15 relative): 1e-8 leaves room for κ up to 100.
      for (const [k, v] of krylov.values.entries()) expect(Math.hypot(v.re - dense.values[k].re, v.im - dense.values[k].im)).toBeLessThan(1e-8 * modulus(v));
      expect(Math.abs(krylov.spectralRadius - dense.spectralRadius)).toBeLessThan(1e-8 * dense.spectralRadius);
      expect(eigenvalueOutliers(rt, { n, values: J0 }, { ...options, solver: krylovEigenvalues }).count).toBe(0);
      total += dense.count;
      expect(analyseForceConnectivity(rt, result).outliers.count).toBe(dense.count);
    }
    expect(total).toBeGreaterThan(0); // not vacuous: training made outliers
  }, 120_000);

  it('population strengths: Ω\'s RMS is G_post/√(n p) by block; ΔJ = EΦᵀ\'s follows from the factors (n = 400, mixed)', async () => {
    const n = 400;
    const p = 0.1;
    const result = await trainSpikingForce(rt, {
      target: sines5Hz(1), neuron: 'mixed', fracQif: 0.5, n, warmUpPeriods: 1, trainPeriods: 3, testPeriods: 1, keepConnectivity: true, seed: 6,
    });
    const { populations } = analyseForceConnectivity(rt, result);
    const { types } = result;
    const G = [0.04, 10];
    const { encoder, decoder } = result.weights;
    for (const [pair, s] of Object.entries(populations!)) {
      const [pre, post] = pair.split('→').map((name) => (name === 'LIF' ? 0 : 1));
      expect(s.J0.count).toBe(pre === post ? 200 * 199 : 200 * 200);
      // Ω_ij = G_i·N(0,1)·[U < p]/(√n p): mean square G_i²·p/(n p²). w² has kurtosis 3/p = 30, so the block's
      // mean square (~4·10⁴ entries) has relative sd √(30/4·10⁴) ≈ 2.7 %, the RMS half that: 6 % is > 4 sd.
      expect(Math.abs(s.J0.rms / (G[post] / Math.sqrt(n * p)) - 1)).toBeLessThan(0.06);
      // ΔJ_ij = E_i Φ_j: its mean square over the block from the factors.
      let squares = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) if (i !== j && types[i] === post && types[j] === pre) squares += (encoder[i] * decoder[j]) ** 2;
      }
      expect(s.dJ.rms).toBeCloseTo(Math.sqrt(squares / s.dJ.count), 10);
    }
    // Composition: the QIF-post blocks are stronger by about G_qif/G_lif = 250 (Ω) and Q_qif/Q_lif = 1000 (ΔJ).
    const ratio = populations!['LIF→QIF']!.dJ.rms / populations!['LIF→LIF']!.dJ.rms;
    expect(ratio).toBeGreaterThan(500);
    expect(ratio).toBeLessThan(2000);
  }, 60_000);

  it('motifs of Ω, Ω + ΔJ and ΔJ equal the brute-force averages; untrained Ω is at the i.i.d. level (n = 60)', async () => {
    const n = 60;
    for (const result of [
      await trainSpikingForce(rt, { target: sines5Hz(1), n, warmUpPeriods: 1, trainPeriods: 2, testPeriods: 1, keepConnectivity: true, seed: 2 }),
      await trainRecurrentSpikingForce(rt, { target: sines5Hz(6), n, neuron: 'qif', warmUpPeriods: 1, trainPeriods: 2, testPeriods: 1, keepConnectivity: true, seed: 2 }),
    ]) {
      const { motifs } = analyseForceConnectivity(rt, result);
      for (const key of ['J0', 'J', 'dJ'] as const) {
        const brute = motifsBruteForceRef(result.connectivity![key], n);
        // Sums of n³ terms against O(n²) sums: both exact to ~n·u relative to Σ|terms| ≤ 1 (normalised).
        for (const statistic of ['reciprocal', 'convergent', 'divergent', 'chain'] as const) {
          expect(Math.abs(motifs[key][statistic] - brute[statistic])).toBeLessThan(1e-10);
        }
      }
      // Ω's entries are independent (rows shifted to zero mean): each statistic ~ 0 ± √2/n; 5 sd.
      for (const statistic of ['reciprocal', 'divergent', 'chain'] as const) expect(Math.abs(motifs.J0[statistic])).toBeLessThan(5 * Math.SQRT2 / n);
    }
  }, 60_000);
});
