/**
 * SpikingNetwork on f32 networks (issue 17): lognormalNetwork(rt, {dtype: 'f32'}) is simulated
 * directly (its f32 values go into the simulator's f32 weight store, no f64 copy). Checked against
 * (1) the f64 network of the same seed with weightPrecision 'f32': the same rounded weights, so the
 * same spikes bit for bit; (2) the f64 network's statistics: single spikes may diverge chaotically
 * after a rounding difference moves one, so rates and ISI CV are compared, within a bound set by
 * the run-to-run spread over v(0) seeds on the f64 network.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lognormalNetwork } from '../../src/connectivity/lognormal.js';
import { denseOfCsrArrays } from '../../src/linalg/csr.js';
import { CsrMatrixF32, load, type Runtime, SpikingNetwork, spikeStatistics } from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

/** N = 1000, K = 100, weights N(0, g²/K) with g = 10: J_c = 10 of the founding study, a chaotic asynchronous state. */
const NETWORK = { n: 1000, k: 100, g: 10, seed: 'spiking-f32' };
const T_MS = 2000;
const WINDOW = { t0Ms: 200, t1Ms: T_MS };

/** v(0) ~ U(0, 20) mV from `seed` (types stay those of the network seed: only v(0) varies run to run). */
const v0Of = (seed: string) => rt.scope(() => rt.rng(seed).uniform(NETWORK.n).toArray().map((u) => 20 * u));

type Weights = ConstructorParameters<typeof SpikingNetwork>[1]['weights'];

async function statistics(weights: Weights, v0: ArrayLike<number>) {
  using net = build(weights, v0);
  const run = await net.run({ tMs: T_MS });
  const s = spikeStatistics(rt, run.spikes as NonNullable<typeof run.spikes>, { ...WINDOW, types: net.types });
  return { rate: s.rateHz, cv: s.cv as number, spikes: run.spikes as NonNullable<typeof run.spikes>, precision: net.weightPrecision };
}

function build(weights: Weights, v0: ArrayLike<number>, weightPrecision?: 'f32' | 'f64') {
  return new SpikingNetwork(rt, { weights, v0, seed: NETWORK.seed, weightPrecision });
}

describe('SpikingNetwork with an f32 network', () => {
  it('takes the f32 CSR directly: f32 storage by default, the same spikes as the f64 network stored in f32', async () => {
    using f64 = lognormalNetwork(rt, NETWORK);
    using f32 = lognormalNetwork(rt, { ...NETWORK, dtype: 'f32' });
    expect(f32.matrix).toBeInstanceOf(CsrMatrixF32);
    const v0 = v0Of('v0-0');
    const fromF32 = await statistics(f32, v0);
    expect(fromF32.precision).toBe('f32');
    using stored = build(f64, v0, 'f32');
    const run = await stored.run({ tMs: T_MS });
    // The generator's f32 values are its f64 draws rounded to nearest, as the simulator's f32 store rounds them.
    expect(fromF32.spikes.neuron).toEqual(run.spikes?.neuron);
    expect(fromF32.spikes.step).toEqual(run.spikes?.step);
    // The f32 values widened exactly into f64 storage give a third, valid run (its own spikes).
    using widened = build(f32, v0, 'f64');
    expect(widened.weightPrecision).toBe('f64');
    expect((await widened.run({ tMs: 100 })).nSpikes).toBeGreaterThan(0);
  });

  it('a dense f32 matrix is the same network as its f32 CSR: identical spikes', async () => {
    using csr = lognormalNetwork(rt, { n: 200, k: 20, g: 10, dtype: 'f32', seed: 'dense-f32' });
    using dense = rt.denseF32(200, 200, denseOfCsrArrays((csr.matrix as CsrMatrixF32).toArrays()));
    const v0 = Float64Array.from({ length: 200 }, (_, i) => (i * 7919) % 20);
    const [a, b] = [await statistics(csr, v0), await statistics(dense, v0)];
    expect(b.precision).toBe('f32');
    expect(a.spikes.neuron.length).toBeGreaterThan(0);
    expect(b.spikes.neuron).toEqual(a.spikes.neuron);
    expect(b.spikes.step).toEqual(a.spikes.step);
  });

  it('f32 vs f64 on the same seed: rate and ISI CV within the run-to-run spread', async () => {
    using f64 = lognormalNetwork(rt, NETWORK);
    using f32 = lognormalNetwork(rt, { ...NETWORK, dtype: 'f32' });
    const seeds = ['v0-1', 'v0-2', 'v0-3', 'v0-4', 'v0-5'];
    const runs = [];
    for (const seed of seeds) runs.push(await statistics(f64, v0Of(seed)));
    const spread = (values: number[]) => {
      const m = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
    };
    const sdRate = spread(runs.map((r) => r.rate));
    const sdCv = spread(runs.map((r) => r.cv));
    const same = await statistics(f32, v0Of(seeds[0]));
    // f32 and f64 runs are, at worst (once a rounding difference moves a spike and chaos takes
    // over), two draws from the same stationary state, like two v(0) seeds: their difference has
    // SD √2·σ_seed, and 4·√2·σ bounds it (two-sided Gaussian tail 6·10⁻⁵); the floor (0.5% of the
    // value) keeps a σ estimated from 5 seeds from being too tight. (On this network the rounding,
    // 6·10⁻⁸ relative, moved no spike within 2 s when measured: the 0.1 ms spike grid absorbs it.)
    const bound = (sd: number, value: number) => Math.max(4 * Math.SQRT2 * sd, 0.005 * value);
    console.log(`f32 vs f64 (seed v0-1): rate ${same.rate.toFixed(3)} vs ${runs[0].rate.toFixed(3)} Hz (σ_seed ${sdRate.toFixed(3)}), ` +
      `CV ${same.cv.toFixed(4)} vs ${runs[0].cv.toFixed(4)} (σ_seed ${sdCv.toFixed(4)})`);
    expect(Math.abs(same.rate - runs[0].rate)).toBeLessThanOrEqual(bound(sdRate, runs[0].rate));
    expect(Math.abs(same.cv - runs[0].cv)).toBeLessThanOrEqual(bound(sdCv, runs[0].cv));
  });
});
