import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { type NeuronTypeParams, resolveTypeParams, spikingTable, typeLayout } from '../../src/dynamics/spiking-params.js';
import { SPIKING_INTEGRATORS } from '../../src/wasm/abi.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { type KernelCase, type KernelResult, presynapticRef, runReference, runWasm } from '../helpers/spiking.js';

/** An n-neuron mixed case: ~perRow random inputs a neuron, weights scaled by `coupling`. */
function makeCase(n: number, options: Partial<KernelCase> & { coupling?: number; lif?: NeuronTypeParams; qif?: NeuronTypeParams; dtMs?: number } = {}): KernelCase {
  const rng = seedrandom(`spiking-case-${n}`);
  const types = Int32Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0));
  const lif = resolveTypeParams('test', 'lif', options.lif);
  const qif = resolveTypeParams('test', 'qif', options.qif);
  const mu = Float64Array.from(types, (t) => (t ? qif.muMv : lif.muMv) + (rng() - 0.5));
  const csr = randomCsr(`spiking-csr-${n}`, n, n, Math.min(10, n));
  const coupling = options.coupling ?? 3;
  for (let k = 0; k < csr.values.length; k++) csr.values[k] *= coupling;
  return {
    n, types, mu, v0: randomArray(`spiking-v0-${n}`, n, 0, 20), table: spikingTable('test', { lif, qif }, options.dtMs ?? 0.1),
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
  ] as const)('%s (n=41): identical to the reference', (_, options) => {
    const c = makeCase(41, options as Partial<KernelCase>);
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

  it('noise draws from the generator: same seed, same spikes; another seed, other spikes', () => {
    const noisy = makeCase(30, { lif: { noiseSigmaMv: 2 }, qif: { noiseSigmaMv: 2 } });
    const a = runWasm(rt, noisy);
    expect(runWasm(rt, noisy).spikes).toEqual(a.spikes);
    expect(runWasm(rt, { ...noisy, seed: 'other' }).spikes).not.toEqual(a.spikes);
  });
});
