/**
 * The plain-TS spiking FORCE loop (src/reference/spiking-force.ts, the benchmark's "pure JS") against
 * trainSpikingForce on the same Ω, E, v(0) and table: same spikes, hence the same decoders and errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, sinesTarget, trainSpikingForce } from '../../src/index.js';
import { spikingForceSetup } from '../../src/learning/spiking-force.js';
import { type SpikingForceRefInput, spikingForceRef } from '../../src/reference/spiking-force.js';

type Variant = Pick<SpikingForceRefInput, 'synapticFilter' | 'decoderUpdate'>;

describe('spiking FORCE reference loop', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  const cases: [string, 'lif' | 'mixed', Variant][] = [
    ['lif', 'lif', {}],
    ['mixed', 'mixed', {}],
    // Nicola & Clopath's variants: exp(−dt/τ) filters and the decoder step without 1/(1 + rᵀPr).
    ['lif, exponential filters, unnormalised decoder step', 'lif', { synapticFilter: 'exponential', decoderUpdate: 'unnormalised' }],
    ['mixed, unnormalised decoder step', 'mixed', { decoderUpdate: 'unnormalised' }],
  ];
  it.each(cases)('gives the WASM run\'s spikes, decoders and errors (%s, n = 60)', async (_, neuron, variant) => {
    const target = sinesTarget({ dt: 0.05, period: 200, amplitudes: [1], scale: 1 });
    const options = { target, n: 60, neuron, warmUpPeriods: 1, trainPeriods: 1, testPeriods: 1, seed: 5, keepSpikes: true, ...variant };
    const wasm = await trainSpikingForce(rt, options);
    const { settings: S, network: net } = spikingForceSetup(rt, options);
    const ref = spikingForceRef({
      n: S.n, nLif: net.nLif, m: 1, ...net.omega, encoder: net.encoder, table: net.table, v0: net.v0, bias: net.bias,
      target: target.values, dtMs: S.dtMs, tauRiseMs: S.tauRiseMs, tauDecayMs: S.tauDecayMs, alpha: S.alpha,
      learnEvery: S.learnEvery, warmUpSteps: S.steps.warmUp, trainSteps: S.steps.train, testSteps: S.steps.test, ...variant,
    });
    const spikes = wasm.spikes as { neuron: Int32Array };
    expect(spikes.neuron.length).toBeGreaterThan(100);
    // Identical spikes; sums may be ordered differently in the WASM gemv/RLS, so the reals agree to ~1e-9
    // relative (600 steps of rounding on O(1) quantities), far below the change one extra spike makes.
    expect(ref.spikes).toBe(spikes.neuron.length);
    const scale = Math.max(...wasm.weights.decoder.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    for (let j = 0; j < S.n; j++) expect(Math.abs(ref.decoder[j] - wasm.weights.decoder[j])).toBeLessThan(1e-9 * scale);
    const { meanSquaredError } = wasm.traces;
    for (let k = 0; k < meanSquaredError.length; k++) {
      expect(Math.abs(ref.meanSquaredError[k] - meanSquaredError[k])).toBeLessThan(1e-9 * (1 + meanSquaredError[k]));
    }
  });

  it('each variant changes the run: the decoders differ from the default run far beyond rounding (lif, n = 60)', async () => {
    const target = sinesTarget({ dt: 0.05, period: 200, amplitudes: [1], scale: 1 });
    const base = { target, n: 60, warmUpPeriods: 1, trainPeriods: 1, testPeriods: 1, seed: 5 };
    const [plain, exponential, unnormalised] = await Promise.all([{}, { synapticFilter: 'exponential' }, { decoderUpdate: 'unnormalised' }]
      .map((variant) => trainSpikingForce(rt, { ...base, ...(variant as Variant) })));
    expect(exponential.params.synapticFilter).toBe('exponential');
    expect(unnormalised.params.decoderUpdate).toBe('unnormalised');
    const scale = Math.max(...plain.weights.decoder.map(Math.abs));
    // 1e-6·scale is 10³ times the reference tolerance above: a real change of the learning, not rounding.
    for (const other of [exponential, unnormalised]) {
      const change = Math.max(...other.weights.decoder.map((w, j) => Math.abs(w - plain.weights.decoder[j])));
      expect(change).toBeGreaterThan(1e-6 * scale);
    }
    await expect(trainSpikingForce(rt, { ...base, synapticFilter: 'exact' as never })).rejects.toThrow(/synapticFilter must be one of/);
    await expect(trainSpikingForce(rt, { ...base, decoderUpdate: 'lms' as never })).rejects.toThrow(/decoderUpdate must be one of/);
  });
});
