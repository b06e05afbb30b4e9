/**
 * Recurrent spiking FORCE: each trained neuron's synaptic input s_a + ΔJ_a·r_S follows its own target.
 * RLS with one P over the plastic inputs equals, row by row, the ridge solution on the same filtered
 * rates (rebuilt here from the recorded spikes by the plain-TS filter); small networks learn a sine
 * per neuron; a network that cannot says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LEARNED_NRMSE } from '../../src/learning/force.js';
import { load, type Runtime, sinesTarget, trainRecurrentSpikingForce } from '../../src/index.js';
import { spikingFilterRef, spikingPresynapticCsrRef } from '../../src/reference/spiking.js';
import { solve } from '../helpers/solve.js';
import { U } from '../helpers/tolerance.js';

/** m phase-shifted 5 Hz sines on the 0.05 ms grid. */
const sines5Hz = (m: number) => sinesTarget({ m, dt: 0.05, period: 200, amplitudes: [1], scale: 1 });

describe('recurrent spiking FORCE', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('each row of ΔJ is c_a × the ridge solution for f_a − s_a/c_a on the same filtered rates (n = 60, mixed, shared P)', async () => {
    const n = 60;
    const trained = [0, 7, 59]; // LIF, LIF, theta
    const plastic = Int32Array.from({ length: 40 }, (_, b) => (7 * b) % n).sort();
    const target = sines5Hz(trained.length);
    const result = await trainRecurrentSpikingForce(rt, {
      target, n, neuron: 'mixed', fracQif: 0.5, trainedNeurons: trained, plasticInputs: Array.from(plastic),
      warmUpPeriods: 1, trainPeriods: 1, testPeriods: 1, keepSpikes: true, keepConnectivity: true, seed: 5,
    });
    const { alpha } = result.params as unknown as { alpha: number };
    const { omega, targetScale, delta } = result.weights;
    expect(Array.from(targetScale)).toEqual([10, 10, 1e4]); // the presets' Q by type
    // Ω in presynaptic order for the reference filter, which rebuilds s (= Ω-filtered spikes) and r.
    const preRowPtr = new Int32Array(n + 1);
    const postIdx = new Int32Array(omega.values.length);
    const weights = new Float64Array(omega.values.length);
    spikingPresynapticCsrRef(n, n, omega.rowPtr, omega.colIdx, omega.values, Int32Array.from({ length: n }, (_, i) => i),
      preRowPtr, new Int32Array(n), postIdx, weights);
    const [dt, rise, decay, jump] = [0.05, 1 - 0.05 / 2, 1 - 0.05 / 20, 1000 / (2 * 20)];
    const [s, h, r, hr] = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const spikes = result.spikes as { neuron: Int32Array; step: Int32Array };
    const { warmUpSteps, trainSteps } = result.traces;
    const m = trained.length;
    const rows: Float64Array[] = [];
    const goals: Float64Array[] = [];
    let next = 0;
    for (let k = 0; k < warmUpSteps + trainSteps; k++) {
      const list: number[] = [];
      for (; next < spikes.step.length && spikes.step[next] === k; next++) list.push(spikes.neuron[next], k);
      spikingFilterRef(n, list.length / 2, Int32Array.from(list), preRowPtr, postIdx, weights, rise, decay, dt, jump, s, h, r, hr);
      if (k >= warmUpSteps && (k - warmUpSteps) % 50 === 0) {
        rows.push(Float64Array.from(plastic, (j) => r[j]));
        goals.push(Float64Array.from(trained, (i, a) => target.values[(k % target.nSamples) * m + a] - s[i] / targetScale[a]));
      }
    }
    expect(rows.length).toBe(result.updates);
    expect(result.meanRateHz.train).toBeGreaterThan(1);
    const nS = plastic.length;
    const t = rows.length;
    const gram = new Float64Array(nS * nS);
    let frobenius2 = 0;
    for (let i = 0; i < nS; i++) {
      gram[i * nS + i] = alpha;
      for (let q = 0; q < t; q++) {
        frobenius2 += rows[q][i] ** 2;
        for (let j = 0; j < nS; j++) gram[i * nS + j] += rows[q][i] * rows[q][j];
      }
    }
    // κ₂(RᵀR + αI) ≤ (α + ‖R‖_F²)/α; RLS and the solve differ by O(κ·(n + t)·u) relative to ‖w‖∞ (as for the readout).
    const kappa = (alpha + frobenius2) / alpha;
    const { dJ, J, J0 } = result.connectivity!;
    for (let a = 0; a < m; a++) {
      const rhs = Float64Array.from({ length: nS }, (_, i) => rows.reduce((sum, row, q) => sum + row[i] * goals[q][a], 0));
      const ridge = solve(gram, rhs, nS).map((w) => w * targetScale[a]);
      const scale = Math.max(...ridge.map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      for (let b = 0; b < nS; b++) {
        expect(Math.abs(delta[a * nS + b] - ridge[b])).toBeLessThanOrEqual(16 * kappa * (nS + t) * U * scale);
        expect(dJ[trained[a] * n + plastic[b]]).toBe(delta[a * nS + b]);
      }
    }
    // ΔJ lives on T×S only, and J = Ω + ΔJ.
    let elsewhere = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!(trained.includes(i) && plastic.includes(j))) elsewhere += Math.abs(dJ[i * n + j]);
    expect(elsewhere).toBe(0);
    for (let k = 0; k < n * n; k++) expect(J[k]).toBe(J0[k] + dJ[k]);
  });

  // Measured (one sine per trained neuron, phases tiling the period): theta n = 200, 20 trained, 2 s of
  // training, seeds 1, 2: test NRMSE 0.105, 0.083; LIF n = 300, 30 trained, 5 s: 0.233, 0.346 (with
  // 2 s 0.34, 0.40; all 300 neurons trained with n = 300 fail at 1.0; n = 500, all trained: 0.39, 0.67).
  // Bounds ≈ 1.3–2× the worst measured value, all below LEARNED_NRMSE.
  it.each([1, 2])('theta neurons learn one 5 Hz sine each (n = 200, 20 trained, seed %i)', async (seed) => {
    const result = await trainRecurrentSpikingForce(rt, { target: sines5Hz(20), n: 200, neuron: 'qif', warmUpPeriods: 2, trainPeriods: 10, testPeriods: 3, seed });
    expect(result.testError).toBeLessThan(0.2);
    expect(result.learned).toBe(true);
    expect(result.warnings).toEqual([]);
  }, 60_000);

  it.each([1, 2])('LIF neurons learn one 5 Hz sine each (n = 300, 30 trained, 5 s of training, seed %i)', async (seed) => {
    const result = await trainRecurrentSpikingForce(rt, { target: sines5Hz(30), n: 300, warmUpPeriods: 2, trainPeriods: 25, testPeriods: 3, seed });
    expect(result.testError).toBeLessThan(0.45);
    expect(result.learned).toBe(true);
    expect(result.meanRateHz.test).toBeGreaterThan(5);
  }, 60_000);

  it('with one plastic input for 20 phase-shifted sines the inputs cannot follow, and the result says so', async () => {
    const result = await trainRecurrentSpikingForce(rt, { target: sines5Hz(20), n: 200, neuron: 'qif', plasticInputs: 1, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 2, seed: 1 });
    expect(result.testError).toBeGreaterThan(LEARNED_NRMSE);
    expect(result.learned).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/not learned: test NRMSE/);
  }, 60_000);
});
