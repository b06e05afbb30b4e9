import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, sinesTarget, trainSpikingForce } from '../../src/index.js';

describe('spiking FORCE: invalid input names the parameter', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });
  const target = sinesTarget({ dt: 0.05, period: 20, amplitudes: [1], scale: 1 });
  const small = { target, n: 20, warmUpPeriods: 0, trainPeriods: 1, testPeriods: 1 };

  it('rejects bad options before allocating', async () => {
    await expect(trainSpikingForce(rt, { ...small, neuron: 'izhikevich' as never })).rejects.toThrow(/trainSpikingForce: neuron must be one of 'lif', 'qif', 'mixed'/);
    await expect(trainSpikingForce(rt, { ...small, fracQif: 0.3 })).rejects.toThrow(/fracQif needs neuron 'mixed'/);
    await expect(trainSpikingForce(rt, { ...small, neuron: 'mixed', fracQif: 1.5 })).rejects.toThrow(/fracQif/);
    await expect(trainSpikingForce(rt, { ...small, learnEveryMs: 0.07 })).rejects.toThrow(/learnEveryMs must be a whole number of steps dtMs = 0.05/);
    await expect(trainSpikingForce(rt, { ...small, dtMs: 0.1 })).rejects.toThrow(/target.dt = 0.05 differs from dtMs = 0.1/);
    await expect(trainSpikingForce(rt, { ...small, alpha: 0 })).rejects.toThrow(/alpha must be > 0/);
    await expect(trainSpikingForce(rt, { ...small, p: 0 })).rejects.toThrow(/p must be in \(0, 1\]/);
    await expect(trainSpikingForce(rt, { ...small, n: 1 })).rejects.toThrow(/\bn\b/);
    await expect(trainSpikingForce(rt, { ...small, G: Number.NaN })).rejects.toThrow(/\bG\b/);
    await expect(trainSpikingForce(rt, { ...small, typo: 1 } as never)).rejects.toThrow(/unknown option 'typo'/);
  });

  it('same seed, same bits; the arena is left as it was', async () => {
    const before = rt.arena.liveHandles;
    const a = await trainSpikingForce(rt, { ...small, seed: 5 });
    const b = await trainSpikingForce(rt, { ...small, seed: 5 });
    expect(b.weights.decoder).toEqual(a.weights.decoder);
    expect(b.traces.output).toEqual(a.traces.output);
    expect(rt.arena.liveHandles).toBe(before);
    // The presets by type (Q = 20 for LIF in readout training of an all-LIF network, SPIKING_FORCE_LIF_READOUT), or the given gain for every type.
    expect(a.params.G).toEqual({ lif: 0.04, qif: 10 });
    expect(a.params.Q).toEqual({ lif: 20, qif: 1e4 });
    expect(a.params.learnEveryMs).toBe(1.25);
    const given = await trainSpikingForce(rt, { ...small, seed: 5, G: 0.1 });
    expect(given.params.G).toEqual({ lif: 0.1, qif: 0.1 });
    // Ω is linear in G (same mask and normals; the zero-mean shift is linear): 0.1/0.04 = 2.5 times,
    // up to the rounding of G·x·scale and of the row mean (a few ulps of the row's largest entry).
    const [base, scaled] = [a.weights.omega, given.weights.omega];
    expect(scaled.colIdx).toEqual(base.colIdx);
    const largest = Math.max(...Array.from(base.values, Math.abs));
    expect(largest).toBeGreaterThan(0);
    for (let k = 0; k < base.values.length; k++) expect(Math.abs(scaled.values[k] - 2.5 * base.values[k])).toBeLessThan(1e-13 * largest);
    // Each row of Ω has zero mean over its nonzeros.
    for (let i = 0; i < base.nRows; i++) {
      const row = base.values.subarray(base.rowPtr[i], base.rowPtr[i + 1]);
      if (row.length > 0) expect(Math.abs(row.reduce((x, y) => x + y, 0))).toBeLessThan(1e-14 * row.length * largest);
    }
  });
});
