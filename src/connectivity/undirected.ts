/**
 * The undirected variant of the lognormal model: one degree per neuron (k_in = k_out = k, lognormal
 * with mean K and coefficient of variation CV), a symmetric adjacency from an erased configuration
 * model (stubs shuffled and paired; self-loops and repeated pairs dropped and counted), and weights
 * (w_ij, w_ji) bivariate normal N(J0/K, g²/K) with correlation η on every edge, so that every
 * neuron's partners are reciprocal (the memory term of THEORY.md §3 needs that).
 */
import type { Dtype } from '../linalg/f32.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { lognormalSpectralLaw } from '../theory/spectral-laws.js';
import { degreeTargets, rowPointers } from './degrees.js';
import { csrOfValues, fillPairNormalValues, Network, requireEdgeCount, valuesBuffer } from './network.js';
import { degreesOf } from './stats.js';

export interface UndirectedParams {
  n: number; k: number; cv: number; g: number; j0: number; eta: number; seed: Seed; dtype: Dtype;
}

export function undirectedLognormalNetwork(rt: Runtime, p: UndirectedParams, where: string): Network {
  const { n, k, cv, g, j0, eta, seed, dtype } = p;
  const built = rt.scope(() => {
    const rng = rt.rng(seed);
    const draws = rng.lognormal(n, { mean: k, cv }).toArray();
    const degree = degreeTargets(draws, draws, n).inDegree;
    let stubCount = degree.reduce((s, d) => s + d, 0);
    // An odd stub total leaves one stub unpaired: take it from the largest degree.
    let oddStub = 0;
    if (stubCount % 2 === 1) {
      degree[degree.indexOf(Math.max(...degree))]--;
      stubCount--;
      oddStub = 1;
    }
    requireEdgeCount(where, stubCount, dtype);
    const stubs = new Int32Array(stubCount);
    for (let i = 0, s = 0; i < n; i++) for (let d = 0; d < degree[i]; d++) stubs[s++] = i;
    const uniforms = rng.uniform(Math.max(1, stubCount)).toArray();
    for (let s = stubCount - 1; s > 0; s--) { // Fisher–Yates
      const r = Math.min(s, Math.floor(uniforms[s] * (s + 1)));
      const tmp = stubs[s];
      stubs[s] = stubs[r];
      stubs[r] = tmp;
    }
    const neighbours: number[][] = Array.from({ length: n }, () => []);
    for (let s = 0; s + 1 < stubCount; s += 2) {
      neighbours[stubs[s]].push(stubs[s + 1]);
      neighbours[stubs[s + 1]].push(stubs[s]);
    }
    // Erase self-loops and repeated pairs (symmetrically, since both ends list each pair).
    let dropped = 0;
    const lengths = new Int32Array(n);
    const rows = neighbours.map((list, i) => {
      list.sort((a, b) => a - b);
      const kept: number[] = [];
      for (const j of list) {
        if (j === i || kept[kept.length - 1] === j) dropped++;
        else kept.push(j);
      }
      lengths[i] = kept.length;
      return kept;
    });
    const rowPtr = rt.i32From(rowPointers(lengths));
    const nnz = lengths.reduce((s, d) => s + d, 0);
    const colIdx = rt.i32(nnz);
    const cols = colIdx.view();
    for (let i = 0, e = 0; i < n; i++) for (const j of rows[i]) cols[e++] = j;
    const values = valuesBuffer(rt, dtype, nnz, where);
    fillPairNormalValues(rt, rng, n, rowPtr, colIdx, values, j0 / k, g / Math.sqrt(k), eta);
    return { rowPtr, colIdx, values, drawnStubs: stubCount + oddStub, dropped, oddStub };
  });
  const matrix = csrOfValues(rt, n, built.rowPtr, built.colIdx, built.values);
  const { inDegree, outDegree } = degreesOf(rt, matrix);
  return new Network({
    rt, model: 'lognormal', n, seed, matrix,
    params: { n, k, cv, degreeCorrelation: 1, g, j0, eta, undirected: true, dtype },
    theory: lognormalSpectralLaw({ inDegrees: inDegree, outDegrees: outDegree, k, g, j0, eta, reciprocity: 1 }),
    info: {
      undirected: 1,
      drawnEdges: built.drawnStubs,
      placedEdges: matrix.nnz,
      // Directed entries lost to erased self-loops and repeated pairs (two per erased pair end), and
      // the stub left over when the degree total was odd.
      erasedEntries: built.dropped,
      unpairedStubs: built.oddStub,
    },
  });
}
