/**
 * Plain-TS spiking kernels, same argument order and the same operations in the same order as
 * assembly/kernels/spiking.ts (see its doc comment for the model, the step order and the
 * per-type table), so that deterministic runs give identical spikes. Typed arrays replace
 * pointers; the weights' type (Float64Array or Float32Array) replaces the weightsF32 flag.
 * Draws come from a RefGenerator, whose normals may differ from WASM's in the last bits.
 */
import { SPIKING_FIELDS as F, SPIKING_INTEGRATORS, SPIKING_STRIDE } from '../wasm/abi.js';
import type { RefGenerator } from './rng.js';

const par = (table: Float64Array, type: number, field: number): number => table[type * SPIKING_STRIDE + field];

function poissonCount(rng: RefGenerator, lambda: number, expMinusLambda: number): number {
  const u = rng.uniform();
  let k = 0;
  let p = expMinusLambda;
  let cdf = p;
  while (u >= cdf && p > 0) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** Steps (1), (2), (4) of one step for neurons [from, to); spikes appended to `spikes` at pair `at`. */
function update(
  from: number, to: number, types: Int32Array, mu: Float64Array, table: Float64Array, integrator: number,
  v: Float64Array, cur: Float64Array, refr: Int32Array, rng: RefGenerator | null, step: number,
  spikes: Int32Array, at: number,
): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const t = types[i];
    const cM = par(table, t, F.cM);
    const vi = v[i];
    const ii = cur[i];
    const quad = par(table, t, F.invDeltaV) * ((par(table, t, F.a) * vi) * (par(table, t, F.negVT) + vi));
    let r = refr[i];
    let vNew = vi;
    let iNew: number;
    if (integrator === SPIKING_INTEGRATORS.euler) {
      iNew = par(table, t, F.cS) * -ii + ii;
      if (r === 0) vNew = cM * (ii + mu[i] + quad - par(table, t, F.b) * vi) + vi;
    } else {
      iNew = par(table, t, F.p11) * ii;
      if (r === 0) vNew = par(table, t, F.p22) * vi + par(table, t, F.p20) * mu[i] + par(table, t, F.p21) * ii + cM * quad;
    }
    if (r === 0) {
      const noise = par(table, t, F.noise);
      if (noise !== 0) vNew += noise * (rng as RefGenerator).normal();
    }
    const lambda = par(table, t, F.poissonLambda);
    if (lambda > 0) iNew += poissonCount(rng as RefGenerator, lambda, par(table, t, F.poissonExp)) * par(table, t, F.poissonWeight);
    if (r > 0) {
      r--;
    } else if (vNew > par(table, t, F.theta)) {
      spikes[2 * (at + count)] = i;
      spikes[2 * (at + count) + 1] = step;
      count++;
      vNew = par(table, t, F.vReset);
      r = par(table, t, F.refractorySteps);
    }
    v[i] = vNew;
    cur[i] = iNew;
    refr[i] = r;
  }
  return count;
}

function propagate(
  list: ArrayLike<number>, first: number, count: number, stride: number,
  preRowPtr: Int32Array, postIdx: Int32Array, weights: Float64Array | Float32Array, cur: Float64Array,
): void {
  for (let k = 0; k < count; k++) {
    const j = list[first + k * stride];
    for (let s = preRowPtr[j]; s < preRowPtr[j + 1]; s++) cur[postIdx[s]] += weights[s];
  }
}

/** spiking_run_f64: up to nSteps steps from fromStep; returns steps done, status[0] = pairs written. */
export function spikingRunRef(
  n: number, types: Int32Array, mu: Float64Array, table: Float64Array, integrator: number,
  v: Float64Array, cur: Float64Array, refr: Int32Array, rng: RefGenerator | null,
  preRowPtr: Int32Array, postIdx: Int32Array, weights: Float64Array | Float32Array,
  delaySteps: number, ring: Int32Array, ringCounts: Int32Array,
  recIdx: Int32Array, nRec: number, rec: Float64Array,
  fromStep: number, nSteps: number, spikes: Int32Array, spikeCapacity: number, status: Int32Array,
): number {
  let written = 0;
  let s = 0;
  for (; s < nSteps; s++) {
    if (spikeCapacity - written < n) break;
    const step = fromStep + s;
    for (let r = 0; r < nRec; r++) {
      rec[2 * (s * nRec + r)] = v[recIdx[r]];
      rec[2 * (s * nRec + r) + 1] = cur[recIdx[r]];
    }
    const count = update(0, n, types, mu, table, integrator, v, cur, refr, rng, step, spikes, written);
    if (delaySteps === 0) {
      propagate(spikes, 2 * written, count, 2, preRowPtr, postIdx, weights, cur);
    } else {
      const slot = step % delaySteps;
      propagate(ring, slot * n, ringCounts[slot], 1, preRowPtr, postIdx, weights, cur);
      for (let k = 0; k < count; k++) ring[slot * n + k] = spikes[2 * (written + k)];
      ringCounts[slot] = count;
    }
    written += count;
  }
  status[0] = written;
  return s;
}

/** spiking_presynaptic_csr: the transposed (presynaptic) layout, targets in increasing order. */
export function spikingPresynapticCsrRef(
  nRows: number, nCols: number, rowPtr: Int32Array, colIdx: Int32Array, vals: Float64Array,
  preRowPtr: Int32Array, cursor: Int32Array, postIdx: Int32Array, weights: Float64Array | Float32Array,
): void {
  cursor.fill(0, 0, nCols);
  for (let k = 0; k < rowPtr[nRows]; k++) cursor[colIdx[k]]++;
  let offset = 0;
  for (let j = 0; j < nCols; j++) {
    preRowPtr[j] = offset;
    const count = cursor[j];
    cursor[j] = offset;
    offset += count;
  }
  preRowPtr[nCols] = offset;
  for (let i = 0; i < nRows; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const pos = cursor[colIdx[k]]++;
      postIdx[pos] = i;
      weights[pos] = vals[k];
    }
  }
}
