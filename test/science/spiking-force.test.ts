/**
 * Spiking FORCE (Nicola & Clopath 2017): RLS on the filtered spike rates is ridge regression on those
 * rates, the LIF and theta presets learn a 5 Hz sine, and a run that cannot learn says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LEARNED_NRMSE } from '../../src/learning/force.js';
import { analyseForceConnectivity, eigenvalueOutliers, load, type Runtime, sinesTarget, trainSpikingForce } from '../../src/index.js';
import { DRIFT_NRMSE, SPIKING_FORCE_LIF_READOUT } from '../../src/learning/spiking-force.js';
import { spikingFilterRef } from '../../src/reference/spiking.js';
import { solve } from '../helpers/solve.js';
import { U } from '../helpers/tolerance.js';

/** 5 Hz sine, one output, on the 0.05 ms grid of the LIF preset. */
const sine5Hz = () => sinesTarget({ dt: 0.05, period: 200, amplitudes: [1], scale: 1 });

/** Amplitude of the best-fitting 5 Hz sinusoid a·sin + b·cos to the recorded output over each test period. */
function fittedAmplitudes(traces: { output: Float64Array; warmUpSteps: number; trainSteps: number; testSteps: number }): number[] {
  const period = 4000;
  const start = traces.warmUpSteps + traces.trainSteps;
  const amplitudes = [];
  for (let from = start; from < start + traces.testSteps; from += period) {
    let [a, b] = [0, 0];
    for (let k = from; k < from + period; k++) {
      const phase = (2 * Math.PI * k) / period;
      a += traces.output[k] * Math.sin(phase);
      b += traces.output[k] * Math.cos(phase);
    }
    amplitudes.push((2 * Math.hypot(a, b)) / period);
  }
  return amplitudes;
}

describe('spiking FORCE', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('after training, the decoders equal the ridge solution on the same filtered rates (n = 80)', async () => {
    const target = sine5Hz();
    const n = 80;
    const result = await trainSpikingForce(rt, { target, n, warmUpPeriods: 1, trainPeriods: 1, testPeriods: 1, keepSpikes: true, seed: 3 });
    const { alpha, learnEveryMs } = result.params as unknown as { alpha: number; learnEveryMs: number };
    expect(learnEveryMs).toBe(SPIKING_FORCE_LIF_READOUT.learnEveryMs);
    const spikes = result.spikes as { neuron: Int32Array; step: Int32Array };
    // Filtered rates rebuilt from the recorded spikes by the reference filter (no synapses needed for r).
    const [dt, rise, decay, jump] = [0.05, 1 - 0.05 / 2, 1 - 0.05 / 20, 1000 / (2 * 20)];
    const r = new Float64Array(n);
    const hr = new Float64Array(n);
    const none = new Float64Array(n);
    const noTargets = new Int32Array(n + 1);
    const { warmUpSteps, trainSteps } = result.traces;
    const learnEvery = Math.round(learnEveryMs / dt);
    const rows: Float64Array[] = [];
    const f: number[] = [];
    let next = 0;
    for (let k = 0; k < warmUpSteps + trainSteps; k++) {
      const list: number[] = [];
      for (; next < spikes.step.length && spikes.step[next] === k; next++) list.push(spikes.neuron[next], k);
      spikingFilterRef(n, list.length / 2, Int32Array.from(list), noTargets, new Int32Array(0), new Float64Array(0),
        rise, decay, dt, jump, none, none, r, hr);
      if (k >= warmUpSteps && (k - warmUpSteps) % learnEvery === 0) {
        rows.push(Float64Array.from(r));
        f.push(target.values[k % target.nSamples]);
      }
    }
    expect(rows.length).toBe(result.updates);
    // Not vacuous: the network fires and the rates vary.
    expect(result.meanRateHz.train).toBeGreaterThan(1);
    const t = rows.length;
    const gram = new Float64Array(n * n);
    const rhs = new Float64Array(n);
    let frobenius2 = 0;
    for (let i = 0; i < n; i++) {
      gram[i * n + i] = alpha;
      for (let s = 0; s < t; s++) {
        rhs[i] += rows[s][i] * f[s];
        frobenius2 += rows[s][i] ** 2;
        for (let j = 0; j < n; j++) gram[i * n + j] += rows[s][i] * rows[s][j];
      }
    }
    const ridge = solve(gram, rhs, n);
    // As for rate FORCE's RLS: κ₂(RᵀR + αI) ≤ (α + ‖R‖_F²)/α, error O(κ·(n + t)·u) relative to ‖w‖∞.
    const kappa = (alpha + frobenius2) / alpha;
    const scale = Math.max(...ridge.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    for (let j = 0; j < n; j++) {
      expect(Math.abs(result.weights.decoder[j] - ridge[j])).toBeLessThanOrEqual(16 * kappa * (n + t) * U * scale);
    }
  });

  it('uncoupled neurons (G = Q = 0) fire at their closed-form rates: LIF with refractoriness, theta f = √I', async () => {
    const target = sinesTarget({ dt: 0.05, period: 100, amplitudes: [1], scale: 1 });
    const run = (neuron: 'lif' | 'qif', bias: number) => trainSpikingForce(rt, {
      target, neuron, n: 10, G: 0, Q: 0, warmUpPeriods: 1, trainPeriods: 1, testPeriods: 40, seed: 2,
      ...(neuron === 'lif' ? { biasLif: bias } : { biasQif: bias }),
    });
    // LIF: T = τ_ref + τ_m ln((μ − v_reset)/(μ − v_peak)) = 2 + 10 ln(35/10) ms → 68.8 Hz. Euler shortens
    // the rise by ~dt/(2τ_m) = 0.25% and the threshold test adds half a step (0.2%); counting over 4 s
    // is good to 1/(4 s) = 0.25 Hz: 1% covers all three (measured 69.0 Hz).
    const lif = await run('lif', -30);
    expect(Math.abs(lif.meanRateHz.test / (1000 / (2 + 10 * Math.log(35 / 10))) - 1)).toBeLessThan(0.01);
    // Theta: (1000/π ms) dU/dt = U² + I between ±U_peak takes T = (1000/π)(2/√I) atan(U_peak/√I) ms
    // (1000/√I ms, f = √I Hz, for U_peak → ∞): I = 400, U_peak = 1000 → 20.26 Hz. Euler on the fast
    // part near the peak and the count: 2% (measured 20.25 Hz).
    const theta = await run('qif', 400);
    const period = (1000 / Math.PI) * (2 / 20) * Math.atan(1000 / 20);
    expect(Math.abs(theta.meanRateHz.test / (1000 / period) - 1)).toBeLessThan(0.02);
  });

  // Measured (n = 1000, 0.4 s free run, 5 s of training as in the paper, 1 s test) with the LIF readout defaults
  // (SPIKING_FORCE_LIF_READOUT: Q = 20, RLS every 1.25 ms): seeds 1–3 test NRMSE 0.087, 0.058, 0.063 (first test
  // period 0.057, 0.060, 0.086). The bound is the 0.1 itself (runs are deterministic per seed; the worst
  // seed is 13 % below it); 0.15 over the first period. The paper's Q = 10, RLS every 2.5 ms gave 0.265, 0.297,
  // 0.248 (first period 0.186, 0.110, 0.075): the case below keeps that failure flagged.
  it.each([1, 2, 3])('the LIF readout defaults learn a 5 Hz sine below NRMSE 0.1 (n = 1000, 5 s of training, seed %i)', async (seed) => {
    const result = await trainSpikingForce(rt, { target: sine5Hz(), n: 1000, warmUpPeriods: 2, trainPeriods: 25, testPeriods: 5, seed });
    expect(result.params.Q).toEqual({ lif: 20, qif: 1e4 });
    expect(result.testError).toBeLessThan(DRIFT_NRMSE);
    expect(result.testErrorFirstPeriod).toBeLessThan(0.15);
    expect(result.learned).toBe(true);
    expect(result.warnings).toEqual([]);
    // The output is the target's sinusoid: each test period's fitted amplitude within 15 % of 1.
    for (const amplitude of fittedAmplitudes(result.traces)) expect(Math.abs(amplitude - 1)).toBeLessThan(0.15);
    // Firing stays in the paper's range (tens of Hz), so the learning is not a rate artefact.
    expect(result.meanRateHz.test).toBeGreaterThan(5);
    expect(result.meanRateHz.test).toBeLessThan(100);
  }, 120_000); // ~6 CPU s; 32 s wall measured at load 8

  // The paper's LIF values (Q = 10, RLS every 2.5 ms), seed 3: 0.248 over the window, 0.075 over its first period
  // (measured): the phase drifts at constant amplitude, and the run says so.
  it('with the paper\'s Q = 10 and RLS every 2.5 ms the LIF output drifts, and the drift warning says so (n = 1000, seed 3)', async () => {
    const result = await trainSpikingForce(rt, {
      target: sine5Hz(), n: 1000, Q: 10, learnEveryMs: 2.5, warmUpPeriods: 2, trainPeriods: 25, testPeriods: 5, seed: 3,
    });
    expect(result.testError).toBeGreaterThan(DRIFT_NRMSE);
    expect(result.testError).toBeLessThan(0.35);
    expect(result.learned).toBe(true);
    const drift = (w: string) => /grows over the frozen test window/.test(w);
    expect(result.warnings.filter((w) => !drift(w))).toEqual([]);
    // The warning appears exactly when the test error is past 0.1 and twice its first period.
    expect(result.warnings.some(drift)).toBe(result.testError > DRIFT_NRMSE && result.testError > 2 * result.testErrorFirstPeriod);
    expect(result.warnings.some(drift)).toBe(true);
    // What drifts is the phase: each test period's fitted amplitude stays within 15 % of 1.
    for (const amplitude of fittedAmplitudes(result.traces)) expect(Math.abs(amplitude - 1)).toBeLessThan(0.15);
  }, 60_000);

  // Measured (seed 1, this case): test NRMSE 0.190, first test period 0.085; with 5 s of training and
  // 2 s of test (seed 42) 0.144. Bound as above. The theta model is our reading of the paper (file comment).
  it('the theta preset learns a 5 Hz sine (n = 1000, 2 s of training)', async () => {
    const result = await trainSpikingForce(rt, { target: sine5Hz(), neuron: 'qif', n: 1000, warmUpPeriods: 2, trainPeriods: 10, testPeriods: 5, seed: 1 });
    expect(result.testError).toBeLessThan(0.3);
    expect(result.learned).toBe(true);
  }, 60_000);

  // Measured (n = 1000, 5 s of training, 1 s test): fracQif 0.5 seeds 1, 2: test NRMSE 0.085, 0.104;
  // fracQif 0.2 seed 1: 0.177; theta alone seeds 2, 3: 0.247, 0.170. Bound as for LIF.
  it.each([1, 2])('a mixed network, half theta neurons, learns a 5 Hz sine (n = 1000, seed %i)', async (seed) => {
    const result = await trainSpikingForce(rt, {
      target: sine5Hz(), neuron: 'mixed', fracQif: 0.5, n: 1000, warmUpPeriods: 2, trainPeriods: 25, testPeriods: 5, seed,
    });
    expect(Array.from(result.types).filter((t) => t === 1).length).toBe(500);
    expect(result.testError).toBeLessThan(0.3);
    expect(result.learned).toBe(true);
  }, 60_000);

  it('Ω has the closed-form bulk radius √(mean G²/p); training adds outliers to Ω + EΦᵀ (n = 400, mixed)', async () => {
    const result = await trainSpikingForce(rt, {
      target: sine5Hz(), neuron: 'mixed', fracQif: 0.25, n: 400, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 1, keepConnectivity: true, seed: 4,
    });
    // 300 LIF rows with G = 0.04 and 100 theta rows with G = 10: √((300·0.04² + 100·10²)/400/0.1).
    expect(result.bulkRadius).toBeCloseTo(Math.sqrt((300 * 0.04 ** 2 + 100 * 100) / 400 / 0.1), 12);
    const { n, J0 } = result.connectivity!;
    // Measured: Ω's spectral radius is 1.027 × the closed form (inside the default 5 % margin for the
    // finite-n edge); J = Ω + EΦᵀ has 4 outliers (largest 12.0 ± 18.1i against a bulk of 15.8).
    const untrained = eigenvalueOutliers(rt, { n, values: J0 }, { bulkRadius: result.bulkRadius });
    expect(untrained.count).toBe(0);
    expect(untrained.spectralRadius / result.bulkRadius).toBeGreaterThan(0.85);
    const analysis = analyseForceConnectivity(rt, result);
    expect(analysis.outliers.bulkRadius).toBe(result.bulkRadius);
    expect(analysis.outliers.count).toBeGreaterThanOrEqual(1);
  });

  it('without feedback (Q = 0) the readout cannot keep the sine going with frozen weights, and says so', async () => {
    const result = await trainSpikingForce(rt, { target: sine5Hz(), n: 300, Q: 0, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 3, seed: 1 });
    expect(result.testError).toBeGreaterThan(LEARNED_NRMSE);
    expect(result.learned).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/not learned: test NRMSE/);
  }, 60_000);
});
