import { beforeAll, describe, expect, it } from 'vitest';
import {
  connectivityStats, eiNetwork, gaussianNetwork, load, lognormalNetwork, lowRankNetwork, matrixStats, network, randomModeNetwork, type Runtime,
} from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

describe('invalid parameters give a RangeError/TypeError naming the parameter', () => {
  it('gaussian', () => {
    expect(() => gaussianNetwork(rt, { n: 0 })).toThrow(/gaussianNetwork: n must be an integer in \[1, 11585\] \(got 0\)/);
    expect(() => gaussianNetwork(rt, { n: -3 })).toThrow(RangeError);
    expect(() => gaussianNetwork(rt, { n: 2.5 })).toThrow(/n must be an integer/);
    expect(() => gaussianNetwork(rt, { n: NaN })).toThrow(/n must be an integer .* \(got NaN\)/);
    expect(() => gaussianNetwork(rt, { n: 20_000 })).toThrow(/n must be an integer in \[1, 11585\]/);
    expect(() => gaussianNetwork(rt, { n: 10, g: NaN })).toThrow(/g must be a finite number \(got NaN\)/);
    expect(() => gaussianNetwork(rt, { n: 10, g: -1 })).toThrow(/g must be ≥ 0/);
    expect(() => gaussianNetwork(rt, { n: 10, eta: 1.5 })).toThrow(/eta must be in \[-1, 1\] \(got 1.5\)/);
    expect(() => gaussianNetwork(rt, { n: 10, eta: -1.01 })).toThrow(/eta must be in \[-1, 1\]/);
    expect(() => gaussianNetwork(rt, { n: 10, j0: Infinity })).toThrow(/j0 must be a finite number/);
    expect(() => gaussianNetwork(rt, { n: 10, selfCoupling: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(() => gaussianNetwork(rt, { n: 10, G: 2 } as never)).toThrow(/unknown option 'G'/);
    expect(() => gaussianNetwork(rt, null as never)).toThrow(/options must be an object/);
    expect(() => gaussianNetwork(rt, { n: 10, seed: NaN })).toThrow(/seed must be a finite number or a string/);
  });

  it('lognormal', () => {
    expect(() => lognormalNetwork(rt, { n: 100, k: 100 })).toThrow(/lognormalNetwork: k must satisfy 0 < k < n = 100 \(got 100\)/);
    expect(() => lognormalNetwork(rt, { n: 100, k: 150 })).toThrow(/k must satisfy 0 < k < n/);
    expect(() => lognormalNetwork(rt, { n: 100, k: 0 })).toThrow(/k must satisfy 0 < k < n/);
    expect(() => lognormalNetwork(rt, { n: 100, k: NaN })).toThrow(/k must be a finite number \(got NaN\)/);
    expect(() => lognormalNetwork(rt, { n: 100, k: 10, cv: -0.1 })).toThrow(/cv must be ≥ 0 \(got -0.1\)/);
    expect(() => lognormalNetwork(rt, { n: 100, k: 10, cv: NaN })).toThrow(/cv must be a finite number/);
    expect(() => lognormalNetwork(rt, { n: 100, k: 10, degreeCorrelation: 2 })).toThrow(/degreeCorrelation must be in \[-1, 1\]/);
    expect(() => lognormalNetwork(rt, { n: 100, k: 10, eta: -2 })).toThrow(/eta must be in \[-1, 1\]/);
    expect(() => lognormalNetwork(rt, { n: 0, k: 10 })).toThrow(/n must be an integer/);
    // Checked before anything is allocated: 2·10⁸ neurons × 10 edges do not fit in WASM memory.
    const before = rt.arena.liveHandles;
    expect(() => lognormalNetwork(rt, { n: 200_000_000, k: 10 })).toThrow(/edges exceed the .* that fit in WASM memory/);
    expect(rt.arena.liveHandles).toBe(before);
  });

  it('random-mode', () => {
    expect(() => randomModeNetwork(rt, { n: 10, spectrum: 'flat' as never })).toThrow(/spectrum must be one of 'power', 'exponential'/);
    expect(() => randomModeNetwork(rt, { n: 10, spectrum: [1, -1] })).toThrow(/spectrum\[1\] must be ≥ 0/);
    expect(() => randomModeNetwork(rt, { n: 10, spectrum: [0, 0] })).toThrow(/spectrum must have a finite, nonzero Σ s²/);
    expect(() => randomModeNetwork(rt, { n: 10, spectrum: [1, NaN] })).toThrow(/spectrum\[1\] must be a finite number/);
    expect(() => randomModeNetwork(rt, { n: 10, rank: 11 })).toThrow(/rank must be an integer in \[1, 10\]/);
    expect(() => randomModeNetwork(rt, { n: 10, rank: 3, spectrum: [1, 2] })).toThrow(/rank = 3 disagrees with the spectrum list of length 2/);
    expect(() => randomModeNetwork(rt, { n: 10, rank: 6, overlap: 0.5, orthonormal: true })).toThrow(/need 2·rank ≤ n/);
    expect(() => randomModeNetwork(rt, { n: 10, overlap: 1.5 })).toThrow(/overlap must be in \[-1, 1\]/);
    expect(() => randomModeNetwork(rt, { n: 10, alpha: -1 })).toThrow(/alpha must be ≥ 0/);
    expect(() => randomModeNetwork(rt, { n: 20_000 })).toThrow(/n must be an integer in \[1, 11585\]/);
    using matrixFree = randomModeNetwork(rt, { n: 20_000, rank: 2, dense: false });
    expect(matrixFree.matrix).toBeNull();
    expect(matrixFree.operator.nRows).toBe(20_000);
    expect(() => connectivityStats(matrixFree)).toThrow(/connectivityStats: the statistics need the dense J, but n = 20000 > 11585/);
  });

  it('ei and lowrank', () => {
    expect(() => eiNetwork(rt, { n: 100, k: 98 })).toThrow(/needs 78 excitatory and 20 inhibitory inputs per neuron, but there are only 80 excitatory and 20 inhibitory/);
    expect(() => eiNetwork(rt, { n: 100, k: 10, fracExc: 1.2 })).toThrow(/fracExc must be in \[0, 1\]/);
    expect(() => eiNetwork(rt, { n: 100, k: 10, inDegree: 'random' as never })).toThrow(/inDegree must be one of 'fixed', 'probability'/);
    expect(() => eiNetwork(rt, { n: 100, k: 10, gamma: -1 })).toThrow(/gamma must be ≥ 0/);
    expect(() => eiNetwork(rt, { n: 100, k: 10, jitter: -0.5 })).toThrow(/jitter must be ≥ 0/);
    expect(() => lowRankNetwork(rt, { n: 3, vectors: { m: [[1, 2]], n: [[1, 2, 3]] } })).toThrow(/vectors.m\[0\] has length 2, expected n = 3/);
    expect(() => lowRankNetwork(rt, { n: 2, vectors: { m: [[1, 2], [3, 4]], n: [[1, 2]] } })).toThrow(/must hold the same number of vectors/);
    expect(() => lowRankNetwork(rt, { n: 2, vectors: { m: [[1, NaN]], n: [[1, 2]] } })).toThrow(/vectors.m\[0\]\[1\] must be a finite number/);
    expect(() => lowRankNetwork(rt, { n: 5, rank: 0 })).toThrow(/rank must be an integer in \[1, 5\]/);
  });

  it('dispatcher and statistics', () => {
    expect(() => network(rt, { model: 'erdos' } as never)).toThrow(/network: model must be one of 'gaussian', 'lognormal', 'random-mode', 'ei', 'lowrank', 'sparse-gaussian' \(got "erdos"\)/);
    expect(() => network(rt, {} as never)).toThrow(/model must be one of/);
    using rect = rt.csr({ nRows: 2, nCols: 3, rowPtr: [0, 1, 1], colIdx: [2], values: [1] });
    expect(() => matrixStats(rt, rect)).toThrow(/connectivity must be square \(got 2×3\)/);
  });
});

describe('lifetimes', () => {
  it('networks free their buffers once; use after dispose throws', () => {
    const before = rt.arena.liveHandles;
    const net = network(rt, { model: 'random-mode', n: 30, rank: 4, seed: 1 });
    expect(rt.arena.liveHandles).toBeGreaterThan(before);
    net.dispose();
    net.dispose();
    expect(net.disposed).toBe(true);
    expect(rt.arena.liveHandles).toBe(before);
    {
      using x = rt.f64(30);
      expect(() => net.multiply(x)).toThrow(/after dispose/);
    }
    const options = [{ model: 'gaussian', n: 50 }, { model: 'lognormal', n: 50, k: 10 }, { model: 'ei', n: 50, k: 10 }, { model: 'lowrank', n: 50 }];
    for (const o of options) {
      using other = network(rt, o as never);
      expect(other.disposed).toBe(false);
    }
    expect(rt.arena.liveHandles).toBe(before);
  });
});
