import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, sparseGaussianNetwork, SpikingNetwork } from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

describe('SpikingNetwork: bad input names the parameter', () => {
  const weights = () => rt.csr({ nRows: 3, nCols: 3, rowPtr: [0, 1, 1, 2], colIdx: [1, 0], values: [1, -1] });

  it.each([
    ['weights of the wrong kind', { weights: [1, 2, 3] }, TypeError, /weights must be a CsrMatrix, a DenseMatrix or a Network/],
    ['types of the wrong length', { types: [0, 1] }, RangeError, /types must hold one 0 \(LIF\), 1 \(QIF\) or 2 \(GLM\) per neuron \(n = 3\)/],
    ['a type that is not 0, 1 or 2', { types: [0, 3, 1] }, RangeError, /types\[1\] must be an integer in \[0, 2\]/],
    ['types and fracQif together', { types: [0, 1, 0], fracQif: 0.5 }, RangeError, /types or fracQif, not both/],
    ['fracQif outside [0, 1]', { fracQif: 1.5 }, RangeError, /fracQif must be in \[0, 1\]/],
    ['mu of the wrong length', { mu: [1, 2] }, RangeError, /mu must have one value per neuron \(n = 3, got 2\)/],
    ['a NaN in v0', { v0: [0, Number.NaN, 0] }, RangeError, /v0\[1\] must be a finite number/],
    ['dtMs = 0', { dtMs: 0 }, RangeError, /dtMs must be > 0/],
    ['an unknown integrator', { integrator: 'rk4' }, RangeError, /integrator must be one of 'euler', 'exact'/],
    ['an unknown neuron parameter', { lif: { tau: 10 } }, RangeError, /unknown lif parameter 'tau'/],
    ['V_reset above θ', { qif: { vResetMv: 120 } }, RangeError, /qif.vResetMv must be below qif.thetaMv/],
    ['a negative τ_s', { lif: { tauSynMs: -5 } }, RangeError, /lif.tauSynMs must be > 0/],
    ['a delay that is not a whole number of steps', { delayMs: 0.25 }, RangeError, /delayMs must be a whole number of steps/],
    ['Poisson input too dense for one step', { lif: { poisson: { rateHz: 1e4, weight: 1, count: 1e3 } } }, RangeError, /λ = count·rate·dt = 1000/],
    ['an unknown weight precision', { weightPrecision: 'f16' }, RangeError, /weightPrecision must be one of 'f64', 'f32'/],
  ])('%s', (_, params, type, message) => {
    using w = weights();
    expect(() => new SpikingNetwork(rt, { weights: w, ...params } as never)).toThrow(type);
    expect(() => new SpikingNetwork(rt, { weights: w, ...params } as never)).toThrow(message);
  });

  it('non-square weights, weights of another runtime, and disposed weights are refused', async () => {
    using rect = rt.csr({ nRows: 2, nCols: 3, rowPtr: [0, 0, 0], colIdx: [], values: [] });
    expect(() => new SpikingNetwork(rt, { weights: rect })).toThrow(/weights must be square \(got 2×3\)/);
    const other = await load();
    using foreign = sparseGaussianNetwork(other, { n: 10, seed: 1 });
    expect(() => new SpikingNetwork(rt, { weights: foreign })).toThrow(/weights belongs to another rnnkit runtime/);
    const gone = weights();
    gone.dispose();
    expect(() => new SpikingNetwork(rt, { weights: gone })).toThrow(/weights \(I32Buffer\)|weights \(F64Buffer\) used after dispose/);
  });

  it('run options are checked; a disposed network cannot run', async () => {
    using w = weights();
    const net = new SpikingNetwork(rt, { weights: w });
    await expect(net.run({ tMs: 0 })).rejects.toThrow(/tMs must be > 0/);
    await expect(net.run({ tMs: 0.01 })).rejects.toThrow(/shorter than one step/);
    await expect(net.run({ tMs: 10, record: { neurons: [3] } })).rejects.toThrow(/record.neurons\[0\] must be an integer in \[0, 2\]/);
    await expect(net.run({ tMs: 10, rateBinMs: 0.01 })).rejects.toThrow(/rateBinMs must be at least one step/);
    await expect(net.run({ tMs: 10, chunkSteps: 0 })).rejects.toThrow(/chunkSteps must be an integer ≥ 1/);
    expect(() => net.setState({ v: [1, 2] })).toThrow(/v must have one value per neuron/);
    net.dispose();
    net.dispose();
    await expect(net.run({ tMs: 10 })).rejects.toThrow(/SpikingNetwork used after dispose/);
    expect(() => net.state()).toThrow(/used after dispose/);
  });

  it('an aborted run stops with an AbortError saying when', async () => {
    using w = sparseGaussianNetwork(rt, { n: 200, g: 5, seed: 2 });
    using net = new SpikingNetwork(rt, { weights: w });
    const controller = new AbortController();
    const run = net.run({ tMs: 10_000, chunkSteps: 100, signal: controller.signal, onProgress: (done) => done >= 500 && controller.abort() });
    await expect(run).rejects.toThrow(/cancelled at t = 50\.0 ms/);
  });
});
