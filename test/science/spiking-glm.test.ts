/**
 * Poisson-GLM neurons (SpikingNetwork type 2) under constant drive: with v held at μ (v(0) = μ, no
 * input), each step spikes with p = 1 − e^{−ν dt}, ν = ν_max Φ((μ − θ)/σ_ν), independently, so the
 * count over S steps is Binomial(S, p): mean S·p and Fano factor 1 − p (≈ 1: a Poisson process).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { SpikingNetwork } from '../../src/dynamics/spiking.js';
import { erf } from '../../src/dynamics/nonlinearity.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';

describe.each(BUILDS)('Poisson-GLM neuron statistics [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([[10, 'at θ'], [2, 'below θ']])('μ = %d mV (%s): counts are Binomial(S, 1 − e^{−ν dt}); Fano ≈ 1', async (muMv) => {
    const n = 500;
    const glm = { thetaMv: 10, rateWidthMv: 4, rateMaxHz: 100, muMv };
    const weights = rt.csr({ nRows: n, nCols: n, rowPtr: new Int32Array(n + 1), colIdx: new Int32Array(0), values: new Float64Array(0) });
    using net = new SpikingNetwork(rt, { weights, types: new Int32Array(n).fill(2), glm, v0: new Float64Array(n).fill(muMv), seed: 'glm-stat' });
    const steps = 20_000;
    const run = await net.run({ tMs: steps * net.dtMs });
    const counts = new Float64Array(n);
    for (const i of run.spikes!.neuron) counts[i]++;
    const nu = (glm.rateMaxHz / 1000) * 0.5 * (1 + erf((muMv - glm.thetaMv) / (Math.SQRT2 * glm.rateWidthMv)));
    const p = -Math.expm1(-nu * net.dtMs);
    const mean = counts.reduce((s, c) => s + c, 0) / n;
    const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / (n - 1);
    // 4 s.e. of the mean of n binomial counts; the Fano factor's s.e. is ≈ √(2/(n−1)) for near-Poisson counts.
    expect(Math.abs(mean - steps * p)).toBeLessThan(4 * Math.sqrt((steps * p * (1 - p)) / n));
    expect(Math.abs(variance / mean - (1 - p))).toBeLessThan(4 * Math.sqrt(2 / (n - 1)));
    // v stays at μ: the GLM has no reset.
    expect(net.state().v.every((v) => Math.abs(v - muMv) < 1e-9 * Math.max(1, muMv))).toBe(true);
    weights.dispose();
  });

  it('rejects a refractory GLM and GLM parameters out of range, naming them', () => {
    const weights = rt.csr({ nRows: 2, nCols: 2, rowPtr: new Int32Array(3), colIdx: new Int32Array(0), values: new Float64Array(0) });
    expect(() => new SpikingNetwork(rt, { weights, types: [2, 2], glm: { refractoryMs: 2 } })).toThrow(/glm\.refractoryMs/);
    expect(() => new SpikingNetwork(rt, { weights, types: [2, 2], glm: { rateWidthMv: 0 } })).toThrow(/glm\.rateWidthMv/);
    expect(() => new SpikingNetwork(rt, { weights, types: [2, 2], glm: { rateMaxHz: -1 } })).toThrow(/glm\.rateMaxHz/);
    expect(() => new SpikingNetwork(rt, { weights, types: [3, 0] })).toThrow(/types/);
    // ν_max·dt = 1000 Hz · 0.1 ms = 0.1 > 0.05: at most one spike per step would undercount the rate by ~5%.
    expect(() => new SpikingNetwork(rt, { weights, types: [2, 0], glm: { rateMaxHz: 1000 }, dtMs: 0.1 })).toThrow(/dtMs = 0\.1 is too long for glm\.rateMaxHz = 1000/);
    // The bound applies to GLM neurons only: LIF/QIF networks with the same glm parameters are accepted.
    using lifOnly = new SpikingNetwork(rt, { weights, types: [0, 1], glm: { rateMaxHz: 1000 }, dtMs: 0.1 });
    expect(lifOnly.n).toBe(2);
    weights.dispose();
  });
});
