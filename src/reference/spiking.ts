/**
 * Plain-TS spiking kernels, same argument order and the same operations in the same order as
 * assembly/kernels/spiking.ts (see its doc comment for the model, the step order, the layout by
 * type and the per-type table), so that deterministic runs give identical spikes. Typed arrays replace
 * pointers; the weights' type (Float64Array or Float32Array) replaces the weightsF32 flag.
 * Draws come from a RefGenerator, whose normals may differ from WASM's in the last bits.
 */
import { erfRef } from './activation.js';
import type { RefGenerator } from './rng.js';

/**
 * The per-type table's field offsets and the integrator codes, written out from the kernel's doc
 * (assembly/kernels/spiking.ts) rather than imported, so that the reference stays independent of
 * the code it checks; the identical-spike tests fail if the two layouts ever differ.
 */
const F = {
  a: 0, b: 1, cM: 2, cS: 3, invDeltaV: 4, negVT: 5, theta: 6, vReset: 7, refractorySteps: 8, noise: 9,
  poissonLambda: 10, poissonExp: 11, poissonWeight: 12, p22: 13, p20: 14, p21: 15, p11: 16, glmRateDt: 17, glmInvWidth: 18,
} as const;
const SPIKING_STRIDE = 19;
const TYPE_GLM = 2;

function erf(x: number): number {
  const y = new Float64Array(1);
  erfRef(Float64Array.of(x), y);
  return y[0];
}
const SPIKING_INTEGRATORS = { euler: 0, exact: 1 } as const;

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

/** Steps (1), (2), (4) for neurons [from, to) of one type; internal indices of spikes appended to `list` at `at`. */
function update(
  from: number, to: number, type: number, table: Float64Array, integrator: number, mu: Float64Array,
  v: Float64Array, cur: Float64Array, refr: Int32Array, rng: RefGenerator | null, list: Int32Array, at: number,
): number {
  const p = (field: number) => par(table, type, field);
  let count = 0;
  for (let i = from; i < to; i++) {
    const vi = v[i];
    const ii = cur[i];
    const quad = p(F.invDeltaV) * ((p(F.a) * vi) * (p(F.negVT) + vi));
    let r = refr[i];
    let vNew = vi;
    let iNew: number;
    if (integrator === SPIKING_INTEGRATORS.euler) {
      iNew = p(F.cS) * -ii + ii;
      if (r === 0) vNew = p(F.cM) * (ii + mu[i] + quad - p(F.b) * vi) + vi;
    } else {
      iNew = p(F.p11) * ii;
      if (r === 0) vNew = p(F.p22) * vi + p(F.p20) * mu[i] + p(F.p21) * ii + p(F.cM) * quad;
    }
    if (r === 0 && p(F.noise) !== 0) vNew += p(F.noise) * (rng as RefGenerator).normal();
    if (p(F.poissonLambda) > 0) iNew += poissonCount(rng as RefGenerator, p(F.poissonLambda), p(F.poissonExp)) * p(F.poissonWeight);
    if (type === TYPE_GLM) {
      const rateDt = p(F.glmRateDt) * (0.5 * (1 + erf((vNew - p(F.theta)) * p(F.glmInvWidth))));
      if ((rng as RefGenerator).uniform() < -Math.expm1(-rateDt)) list[at + count++] = i;
    } else if (r > 0) {
      r--;
    } else if (vNew > p(F.theta)) {
      list[at + count++] = i;
      vNew = p(F.vReset);
      r = p(F.refractorySteps);
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
  n: number, nLif: number, glmFrom: number, perm: Int32Array, mu: Float64Array, table: Float64Array, integrator: number,
  v: Float64Array, cur: Float64Array, refr: Int32Array, rng: RefGenerator | null,
  preRowPtr: Int32Array, postIdx: Int32Array, weights: Float64Array | Float32Array,
  delaySteps: number, ring: Int32Array, ringCounts: Int32Array,
  recIdx: Int32Array, nRec: number, rec: Float64Array, fromStep: number, nSteps: number,
  spikes: Int32Array, spikeCapacity: number, status: Int32Array, scratch: Int32Array,
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
    const lif = update(0, nLif, 0, table, integrator, mu, v, cur, refr, rng, scratch, 0);
    const qif = update(nLif, glmFrom, 1, table, integrator, mu, v, cur, refr, rng, scratch, lif);
    const glm = update(glmFrom, n, TYPE_GLM, table, integrator, mu, v, cur, refr, rng, scratch, lif + qif);
    // This step's spikes in the user's numbering, increasing.
    const users = Array.from(scratch.subarray(0, lif + qif + glm), (k) => perm[k]).sort((x, y) => x - y);
    users.forEach((user, k) => {
      spikes[2 * (written + k)] = user;
      spikes[2 * (written + k) + 1] = step;
    });
    const count = users.length;
    if (delaySteps === 0) {
      propagate(spikes, 2 * written, count, 2, preRowPtr, postIdx, weights, cur);
    } else {
      const slot = step % delaySteps;
      propagate(ring, slot * n, ringCounts[slot], 1, preRowPtr, postIdx, weights, cur);
      ring.set(users, slot * n);
      ringCounts[slot] = count;
    }
    written += count;
  }
  status[0] = written;
  return s;
}

/** spiking_presynaptic_csr: the transposed (presynaptic) layout, targets (as internal indices) in increasing user order. */
export function spikingPresynapticCsrRef(
  nRows: number, nCols: number, rowPtr: Int32Array, colIdx: Int32Array, vals: Float64Array | Float32Array, internal: Int32Array,
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
      postIdx[pos] = internal[i];
      weights[pos] = vals[k];
    }
  }
}

/** spiking_filter_f64: one step of double-exponential filtering of the listed spikes into (s, h) and (r, hr). */
export function spikingFilterRef(
  n: number, count: number, spikes: Int32Array, preRowPtr: Int32Array, postIdx: Int32Array, weights: Float64Array,
  riseFactor: number, decayFactor: number, dt: number, jump: number,
  s: Float64Array, h: Float64Array, r: Float64Array, hr: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    s[i] = riseFactor * s[i] + dt * h[i];
    h[i] = decayFactor * h[i];
    r[i] = riseFactor * r[i] + dt * hr[i];
    hr[i] = decayFactor * hr[i];
  }
  for (let k = 0; k < count; k++) {
    const j = spikes[2 * k];
    hr[j] += jump;
    for (let q = preRowPtr[j]; q < preRowPtr[j + 1]; q++) h[postIdx[q]] += jump * weights[q];
  }
}
