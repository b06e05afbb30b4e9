/** Runs the spiking kernels (WASM and reference) on one case: shared by kernel and parity tests. */
import { expect } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { XoshiroRef } from '../../src/reference/rng.js';
import { spikingPresynapticCsrRef, spikingRunRef } from '../../src/reference/spiking.js';
import { seedWords } from '../../src/random/seed.js';
import type { CsrArrays } from '../../src/linalg/csr.js';
import { toInternal, toUser, typeLayout } from '../../src/dynamics/spiking-params.js';

export interface KernelCase {
  n: number;
  /** Per-neuron type 0/1/2 (LIF/QIF/GLM), μ, v(0). */
  types: Int32Array;
  mu: Float64Array;
  v0: Float64Array;
  table: Float64Array;
  integrator: number;
  csr: CsrArrays & { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array };
  f32: boolean;
  delaySteps: number;
  nSteps: number;
  /** Spike-buffer capacity in pairs (≥ n); small values exercise the early return. */
  capacity: number;
  recIdx: Int32Array;
  seed: string;
}

export interface KernelResult {
  spikes: Int32Array;
  v: Float64Array;
  cur: Float64Array;
  refr: Int32Array;
  rec: Float64Array;
}

/** The presynaptic layout of `csr` by the reference (weights rounded to f32 if asked). */
export function presynapticRef(c: KernelCase) {
  const { nRows, nCols, rowPtr, colIdx, values } = c.csr;
  const { internal } = typeLayout(c.types);
  const preRowPtr = new Int32Array(nCols + 1);
  const postIdx = new Int32Array(values.length);
  const weights = c.f32 ? new Float32Array(values.length) : new Float64Array(values.length);
  spikingPresynapticCsrRef(nRows, nCols, rowPtr, colIdx, values, internal, preRowPtr, new Int32Array(nCols), postIdx, weights);
  return { preRowPtr, postIdx, weights };
}

export function runReference(c: KernelCase): KernelResult {
  const { preRowPtr, postIdx, weights } = presynapticRef(c);
  const layout = typeLayout(c.types);
  const v = toInternal(c.v0, layout);
  const cur = new Float64Array(c.n);
  const refr = new Int32Array(c.n);
  const ring = new Int32Array(c.delaySteps * c.n);
  const ringCounts = new Int32Array(c.delaySteps);
  const rec = new Float64Array(2 * c.nSteps * c.recIdx.length);
  const spikes = new Int32Array(2 * c.n * c.nSteps);
  const status = new Int32Array(1);
  const rng = new XoshiroRef(seedWords(c.seed));
  const done = spikingRunRef(
    c.n, layout.nLif, layout.glmFrom, layout.perm, toInternal(c.mu, layout), c.table, c.integrator, v, cur, refr, rng, preRowPtr, postIdx,
    weights, c.delaySteps, ring, ringCounts, c.recIdx.map((i) => layout.internal[i]), c.recIdx.length, rec, 0, c.nSteps,
    spikes, spikes.length / 2, status, new Int32Array(c.n),
  );
  expect(done).toBe(c.nSteps);
  return { spikes: spikes.slice(0, 2 * status[0]), v: toUser(v, layout), cur: toUser(cur, layout), refr: toUser(refr, layout), rec };
}

/** The WASM kernels on the same case, resuming after every early return of spiking_run_f64. */
export function runWasm(rt: Runtime, c: KernelCase): KernelResult {
  const { core } = rt;
  return rt.scope(() => {
    const nnz = c.csr.values.length;
    const rowPtr = rt.i32From(c.csr.rowPtr);
    const colIdx = rt.i32From(c.csr.colIdx);
    const vals = rt.f64From(c.csr.values);
    const layout = typeLayout(c.types);
    const preRowPtr = rt.i32(c.n + 1);
    const postIdx = rt.i32(nnz);
    const weights = c.f32 ? rt.i32(nnz) : rt.f64(nnz);
    core.spiking_presynaptic_csr(
      c.n, c.n, rowPtr.ptr, colIdx.ptr, vals.ptr, rt.i32From(layout.internal).ptr, preRowPtr.ptr, rt.i32(c.n).ptr, postIdx.ptr,
      weights.ptr, c.f32 ? 1 : 0, 0,
    );
    const ref = presynapticRef(c);
    expect(preRowPtr.toArray()).toEqual(ref.preRowPtr);
    expect(postIdx.toArray()).toEqual(ref.postIdx);
    const perm = rt.i32From(layout.perm);
    const mu = rt.f64From(toInternal(c.mu, layout));
    const table = rt.f64From(c.table);
    const v = rt.f64From(toInternal(c.v0, layout));
    const cur = rt.f64(c.n);
    const refr = rt.i32(c.n);
    const rng = rt.rng(c.seed);
    const ring = rt.i32(Math.max(c.delaySteps * c.n, 1));
    const ringCounts = rt.i32(Math.max(c.delaySteps, 1));
    const nRec = c.recIdx.length;
    const recIdx = rt.i32From(c.recIdx.length ? c.recIdx.map((i) => layout.internal[i]) : [0]);
    const scratch = rt.i32(c.n);
    const rec = rt.f64(Math.max(2 * c.nSteps * nRec, 1));
    const buffer = rt.i32(2 * c.capacity);
    const status = rt.i32(1);
    const pairs: number[] = [];
    for (let step = 0; step < c.nSteps; ) {
      const done = core.spiking_run_f64(
        c.n, layout.nLif, layout.glmFrom, perm.ptr, mu.ptr, table.ptr, c.integrator, v.ptr, cur.ptr, refr.ptr, rng.statePtr,
        preRowPtr.ptr, postIdx.ptr, weights.ptr, c.f32 ? 1 : 0, c.delaySteps, ring.ptr, ringCounts.ptr,
        recIdx.ptr, nRec, rec.ptr + 16 * step * nRec, step, c.nSteps - step, buffer.ptr, c.capacity, status.ptr, scratch.ptr,
      );
      expect(done).toBeGreaterThan(0);
      for (const x of buffer.view().subarray(0, 2 * status.view()[0])) pairs.push(x);
      step += done;
    }
    return {
      spikes: Int32Array.from(pairs), v: toUser(v.toArray(), layout), cur: toUser(cur.toArray(), layout),
      refr: toUser(refr.toArray(), layout), rec: rec.toArray().subarray(0, 2 * c.nSteps * nRec),
    };
  });
}

