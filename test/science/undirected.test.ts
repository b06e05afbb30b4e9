import { beforeAll, describe, expect, it } from 'vitest';
import { connectivityStats, type CsrMatrix, load, lognormalNetwork, type Runtime } from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

describe('undirected lognormal networks', () => {
  it('have a symmetric adjacency, k_in = k_out with the lognormal spread, and corr(w_ij, w_ji) = η on every edge', () => {
    const [n, k, cv, eta] = [3000, 40, 0.8, 0.6];
    using net = lognormalNetwork(rt, { n, k, cv, eta, g: 1, undirected: true, seed: 'undirected' });
    const s = connectivityStats(net);
    expect(s.symmetricAdjacency).toBe(true);
    expect(s.reciprocity).toBe(1);
    const { rowPtr, colIdx } = (net.matrix as CsrMatrix).toArrays();
    const edges = new Set<string>();
    for (let i = 0; i < n; i++) for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) edges.add(`${i},${colIdx[e]}`);
    for (const key of edges) {
      const [i, j] = key.split(',');
      expect(edges.has(`${j},${i}`)).toBe(true);
    }
    expect(s.inDegree).toEqual(s.outDegree);
    // Degree mean and CV: the draws' sampling error (CV/√n ≈ 1.5% of K; the CV estimate's error ≈ 3%
    // for a lognormal of CV 0.8 at n = 3000), plus the erased pairs (a fraction ≈ ⟨k²⟩/(⟨k⟩ n) ≈ 2%).
    expect(Math.abs(s.inDegree.mean / k - 1)).toBeLessThan(0.05);
    expect(Math.abs((s.inDegree.cv as number) / cv - 1)).toBeLessThan(0.1);
    expect(net.info.erasedEntries / net.info.placedEdges).toBeLessThan(0.05);
    // η over ~60 000 pairs: standard error (1 − η²)/√pairs ≈ 0.003; 5 of them.
    expect(Math.abs((s.eta as number) - eta)).toBeLessThan(0.015);
    expect(net.params.undirected).toBe(true);
  });

  it('reproduce from the seed and reject options that do not apply', () => {
    using a = lognormalNetwork(rt, { n: 200, k: 10, cv: 1, undirected: true, seed: 3 });
    using b = lognormalNetwork(rt, { n: 200, k: 10, cv: 1, undirected: true, seed: 3 });
    expect((a.matrix as CsrMatrix).toArrays()).toEqual((b.matrix as CsrMatrix).toArrays());
    expect(() => lognormalNetwork(rt, { n: 200, k: 10, undirected: true, degreeCorrelation: 0.5 })).toThrow(/degreeCorrelation does not apply/);
    expect(() => lognormalNetwork(rt, { n: 200, k: 10, undirected: 1 as unknown as boolean })).toThrow(/undirected must be a boolean/);
  });
});
