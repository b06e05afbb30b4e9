import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { NEURON_KINDS, type NeuronTypeParams, resolveTypeParams, spikingTable, typeLayout } from '../../src/dynamics/spiking-params.js';
import { SPIKING_INTEGRATORS } from '../../src/wasm/abi.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { spikingFilterRef } from '../../src/reference/spiking.js';
import { F32Buffer } from '../../src/wasm/arena.js';
import { type KernelCase, type KernelResult, presynapticRef, runReference, runWasm } from '../helpers/spiking.js';

type CaseOptions = Partial<KernelCase> & {
  coupling?: number; lif?: NeuronTypeParams; qif?: NeuronTypeParams; glm?: NeuronTypeParams; dtMs?: number;
  /** Every third neuron (i ≡ 2 mod 3) becomes a Poisson-GLM neuron. */
  withGlm?: boolean;
};

/** An n-neuron mixed case: ~perRow random inputs a neuron, weights scaled by `coupling`. */
function makeCase(n: number, options: CaseOptions = {}): KernelCase {
  const rng = seedrandom(`spiking-case-${n}`);
  const types = Int32Array.from({ length: n }, (_, i) => (options.withGlm && i % 3 === 2 ? 2 : rng() < 0.5 ? 1 : 0));
  const params = {
    lif: resolveTypeParams('test', 'lif', options.lif), qif: resolveTypeParams('test', 'qif', options.qif),
    glm: resolveTypeParams('test', 'glm', options.glm),
  };
  const mu = Float64Array.from(types, (t) => params[NEURON_KINDS[t]].muMv + (rng() - 0.5));
  const csr = randomCsr(`spiking-csr-${n}`, n, n, Math.min(10, n));
  const coupling = options.coupling ?? 3;
  for (let k = 0; k < csr.values.length; k++) csr.values[k] *= coupling;
  return {
    n, types, mu, v0: randomArray(`spiking-v0-${n}`, n, 0, 20), table: spikingTable('test', params, options.dtMs ?? 0.1),
    integrator: SPIKING_INTEGRATORS.euler, csr, f32: false, delaySteps: 0, nSteps: 2000, capacity: 4 * n + 64,
    recIdx: Int32Array.from({ length: Math.min(n, 3) }, (_, i) => i), seed: `spiking-drive-${n}`, ...options,
  };
}

function expectIdentical(wasm: KernelResult, ref: KernelResult): void {
  expect(wasm.spikes.length).toBe(ref.spikes.length);
  expect(wasm.spikes).toEqual(ref.spikes);
  expect(wasm.v).toEqual(ref.v);
  expect(wasm.cur).toEqual(ref.cur);
  expect(wasm.refr).toEqual(ref.refr);
  expect(wasm.rec).toEqual(ref.rec);
}

describe.each(BUILDS)('spiking kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([1, 2, 3, 16, 17, 200])('Euler, f64 weights (n=%i): identical spikes, state and recording', (n) => {
    const c = makeCase(n);
    const ref = runReference(c);
    expect(ref.spikes.length).toBeGreaterThan(0);
    expectIdentical(runWasm(rt, c), ref);
  });

  it.each([
    ['exact integrator', { integrator: SPIKING_INTEGRATORS.exact }],
    ['f32 weights', { f32: true }],
    ['delay of 7 steps', { delaySteps: 7 }],
    ['refractory 2 ms (scalar path)', { lif: { refractoryMs: 2 }, qif: { refractoryMs: 1 } }],
    ['Poisson input (scalar path)', { lif: { muMv: 15, poisson: { rateHz: 10, weight: 0.5, count: 100 } } }],
    ['spike buffer of exactly n pairs (a return after nearly every step)', { capacity: 41 }],
    ['strong coupling', { coupling: 30 }],
    ['LIF, QIF and Poisson-GLM neurons (every third)', { withGlm: true }],
    ['GLM neurons, exact integrator and a delay', { withGlm: true, integrator: SPIKING_INTEGRATORS.exact, delaySteps: 3 }],
    ['GLM neurons beside deterministic LIF/QIF (SIMD path for those)', { withGlm: true, glm: { rateMaxHz: 400 } }],
  ] as const)('%s (n=41): identical to the reference', (_, options) => {
    const c = makeCase(41, options as CaseOptions);
    const ref = runReference(c);
    expect(ref.spikes.length).toBeGreaterThan(0);
    expectIdentical(runWasm(rt, c), ref);
  });

  it('f32 weights are the f64 weights rounded to nearest', () => {
    const c = makeCase(50, { f32: true });
    const ref = presynapticRef(c);
    const f64 = presynapticRef({ ...c, f32: false });
    expect(ref.weights).toEqual(Float32Array.from(f64.weights));
    expect(Array.from(ref.weights).some((w, k) => w !== f64.weights[k])).toBe(true);
  });

  it('f32 values are read as stored: the layout equals the reference on the same f32 values, for f32 and f64 weights', () => {
    const c = makeCase(50);
    const values32 = Float32Array.from(c.csr.values);
    for (const f32 of [true, false]) {
      // The reference widens the f32 values exactly; WASM must give the same layout bit for bit.
      const ref = presynapticRef({ ...c, f32, csr: { ...c.csr, values: Float64Array.from(values32) } });
      rt.scope(() => {
        const nnz = values32.length;
        const vals = new F32Buffer(rt.arena, nnz, 'test');
        vals.view().set(values32);
        const preRowPtr = rt.i32(c.n + 1);
        const postIdx = rt.i32(nnz);
        const weights = f32 ? rt.i32(nnz) : rt.f64(nnz);
        rt.core.spiking_presynaptic_csr(
          c.n, c.n, rt.i32From(c.csr.rowPtr).ptr, rt.i32From(c.csr.colIdx).ptr, vals.ptr, rt.i32From(typeLayout(c.types).internal).ptr,
          preRowPtr.ptr, rt.i32(c.n).ptr, postIdx.ptr, weights.ptr, f32 ? 1 : 0, 1,
        );
        expect(preRowPtr.toArray()).toEqual(ref.preRowPtr);
        expect(postIdx.toArray()).toEqual(ref.postIdx);
        const stored = f32 ? new Float32Array(weights.toArray().buffer) : weights.toArray();
        expect(stored).toEqual(ref.weights);
        vals.dispose();
      });
    }
  });

  it('the presynaptic layout is the transpose: every (i, j, w) once, targets increasing per source', () => {
    const c = makeCase(60);
    const { perm } = typeLayout(c.types);
    const ref = presynapticRef(c);
    const { preRowPtr, weights } = ref;
    const postIdx = ref.postIdx.map((k) => perm[k]);
    const entries = (rows: Int32Array, cols: Int32Array, vals: ArrayLike<number>, transposed: boolean) => {
      const out: string[] = [];
      for (let r = 0; r < rows.length - 1; r++) {
        for (let k = rows[r]; k < rows[r + 1]; k++) out.push(transposed ? `${cols[k]},${r},${vals[k]}` : `${r},${cols[k]},${vals[k]}`);
      }
      return out.sort();
    };
    expect(entries(preRowPtr, postIdx, weights, true)).toEqual(entries(c.csr.rowPtr, c.csr.colIdx, c.csr.values, false));
    for (let j = 0; j < c.n; j++) {
      for (let k = preRowPtr[j] + 1; k < preRowPtr[j + 1]; k++) expect(postIdx[k]).toBeGreaterThanOrEqual(postIdx[k - 1]);
    }
  });

  it('GLM neurons spike and draw from the generator: same seed, same spikes; another seed, other spikes', () => {
    const c = makeCase(30, { withGlm: true });
    const a = runWasm(rt, c);
    const glmSpikes = a.spikes.filter((neuron, k) => k % 2 === 0 && c.types[neuron] === 2).length;
    expect(glmSpikes).toBeGreaterThan(0);
    expect(runWasm(rt, c).spikes).toEqual(a.spikes);
    expect(runWasm(rt, { ...c, seed: 'other' }).spikes).not.toEqual(a.spikes);
  });

  it('noise draws from the generator: same seed, same spikes; another seed, other spikes', () => {
    const noisy = makeCase(30, { lif: { noiseSigmaMv: 2 }, qif: { noiseSigmaMv: 2 } });
    const a = runWasm(rt, noisy);
    expect(runWasm(rt, noisy).spikes).toEqual(a.spikes);
    expect(runWasm(rt, { ...noisy, seed: 'other' }).spikes).not.toEqual(a.spikes);
  });

  it('double-exponential filter: identical to the reference over 300 steps of random spikes', () => {
    const c = makeCase(37);
    const { preRowPtr, postIdx, weights } = presynapticRef(c);
    const rng = seedrandom('filter-spikes');
    const n = c.n;
    const dt = 0.05;
    const [rise, decay, jump] = [1 - dt / 2, 1 - dt / 20, 1000 / (2 * 20)];
    const ref = [randomArray('fs', n), randomArray('fh', n), randomArray('fr', n), randomArray('fhr', n)];
    const got = rt.scope(() => {
      const bufs = ref.map((a) => rt.f64From(a));
      const [pre, post, w] = [rt.i32From(preRowPtr), rt.i32From(postIdx), rt.f64From(weights as Float64Array)];
      const spikes = rt.i32(2 * n);
      for (let step = 0; step < 300; step++) {
        const list = Array.from({ length: n }, (_, j) => j).filter(() => rng() < 0.1);
        const pairs = Int32Array.from(list.flatMap((j) => [j, step]));
        spikes.view().set(pairs);
        spikingFilterRef(n, list.length, pairs, preRowPtr, postIdx, weights as Float64Array, rise, decay, dt, jump, ref[0], ref[1], ref[2], ref[3]);
        rt.core.spiking_filter_f64(n, list.length, spikes.ptr, pre.ptr, post.ptr, w.ptr, rise, decay, dt, jump,
          bufs[0].ptr, bufs[1].ptr, bufs[2].ptr, bufs[3].ptr);
      }
      return bufs.map((b) => b.toArray());
    });
    for (let k = 0; k < 4; k++) expect(got[k]).toEqual(ref[k]);
  });

  it('double-exponential filter: one spike gives a rate kernel of unit area, Σ r·dt = 1', () => {
    // Euler: hr_k = J·d^k, Σ r = dt·Σ hr/(1 − a) = dt·J/((1 − d)(1 − a)) = J·τ_r·τ_d/dt, so with
    // J = 1/(τ_r τ_d) the area Σ r·dt is 1; after 20 000 steps (1000 ms) the tail is below e^{-40}.
    const [dt, tauR, tauD] = [0.05, 2, 20];
    const area = rt.scope(() => {
      const [s, h, r, hr] = [rt.f64(1), rt.f64(1), rt.f64(1), rt.f64(1)];
      const spikes = rt.i32From([0, 0]);
      const [pre, post, w] = [rt.i32From([0, 0]), rt.i32(1), rt.f64(1)];
      let sum = 0;
      for (let k = 0; k < 20_000; k++) {
        rt.core.spiking_filter_f64(1, k === 0 ? 1 : 0, spikes.ptr, pre.ptr, post.ptr, w.ptr, 1 - dt / tauR, 1 - dt / tauD, dt,
          1 / (tauR * tauD), s.ptr, h.ptr, r.ptr, hr.ptr);
        sum += r.view()[0] * dt;
      }
      return sum;
    });
    // 20 000 additions of terms ≤ 1: rounding below 1e-11.
    expect(Math.abs(area - 1)).toBeLessThan(1e-11);
  });
});
