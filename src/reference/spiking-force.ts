/**
 * Plain-TS readout spiking FORCE loop, the same steps in the same order as trainSpikingForce
 * (src/learning/spiking-force.ts, readout mode) with the reference kernels: the neurons advance with
 * the previous step's current (no synapses of their own), the spikes are filtered into s and r, z = Φᵀr,
 * e = z − f, an RLS update every learnEvery-th training step, then μ = bias + s + E z. Timed by the
 * benchmarks as "pure JS" and checked against the WASM run in the tests.
 */
import { gemvRef } from './gemv.js';
import { rlsInitRef, rlsUpdateRef } from './rls.js';
import { spikingFilterRef, spikingPresynapticCsrRef, spikingRunRef } from './spiking.js';

/** The kernels' integrator code of forward Euler, as trainSpikingForce uses (written out, as in ./spiking.ts). */
const EULER = 0;

export interface SpikingForceRefInput {
  /** Neurons, of which the first nLif are LIF (the kernels' storage order: no permutation). */
  n: number;
  nLif: number;
  m: number;
  /** Ω as CSR, row = postsynaptic. */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
  /** E, n×m row-major. */
  encoder: Float64Array;
  /** The kernels' per-type table for step dt. */
  table: Float64Array;
  v0: Float64Array;
  bias: Float64Array;
  /** Target samples × m (periodic). */
  target: Float64Array;
  dtMs: number;
  tauRiseMs: number;
  tauDecayMs: number;
  /** Default 'euler' (1 − dt/τ), as trainSpikingForce. */
  synapticFilter?: 'euler' | 'exponential';
  /** Default 'rls'; 'unnormalised' drops the factor 1/(1 + rᵀPr) of the decoder step. */
  decoderUpdate?: 'rls' | 'unnormalised';
  alpha: number;
  learnEvery: number;
  warmUpSteps: number;
  trainSteps: number;
  /** Steps after training, with Φ frozen (default 0). */
  testSteps?: number;
}

/** Runs warm-up, training (and test); returns Φ (m×n), Σ_a (z_a − f_a)²/m per step and the spike count. */
export function spikingForceRef(input: SpikingForceRefInput): { decoder: Float64Array; meanSquaredError: Float64Array; spikes: number } {
  const { n, nLif, m, encoder, table, bias, target, dtMs, alpha, learnEvery, warmUpSteps, trainSteps } = input;
  const steps = warmUpSteps + trainSteps + (input.testSteps ?? 0);
  const nSamples = target.length / m;
  const nnz = input.values.length;
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const preRowPtr = new Int32Array(n + 1);
  const postIdx = new Int32Array(nnz);
  const weights = new Float64Array(nnz);
  spikingPresynapticCsrRef(n, n, input.rowPtr, input.colIdx, input.values, identity, preRowPtr, new Int32Array(n), postIdx, weights);
  const noSynapses = new Int32Array(n + 1);
  const none = { i32: new Int32Array(1), f64: new Float64Array(0) };
  const v = Float64Array.from(input.v0);
  const mu = Float64Array.from(bias);
  const [cur, s, h, r, hr, fb, k] = Array.from({ length: 7 }, () => new Float64Array(n));
  const refr = new Int32Array(n);
  const scratch = new Int32Array(n);
  const pairs = new Int32Array(2 * n);
  const status = new Int32Array(1);
  const z = new Float64Array(m);
  const e = new Float64Array(m);
  const decoder = new Float64Array(m * n);
  const p = new Float64Array(n * n);
  rlsInitRef(n, p, alpha);
  // Decay factors over one step: forward Euler 1 − dt/τ, or exactly exp(−dt/τ).
  const factor = (tau: number) => (input.synapticFilter === 'exponential' ? Math.exp(-dtMs / tau) : 1 - dtMs / tau);
  const [rise, decay] = [factor(input.tauRiseMs), factor(input.tauDecayMs)];
  const jump = 1000 / (input.tauRiseMs * input.tauDecayMs);
  const normalised = (input.decoderUpdate ?? 'rls') === 'rls';
  const meanSquaredError = new Float64Array(steps);
  let spikes = 0;
  for (let step = 0; step < steps; step++) {
    spikingRunRef(n, nLif, n, identity, mu, table, EULER, v, cur, refr, null, noSynapses, postIdx, weights, 0, none.i32, none.i32,
      none.i32, 0, none.f64, step, 1, pairs, n, status, scratch);
    const count = status[0];
    spikes += count;
    spikingFilterRef(n, count, pairs, preRowPtr, postIdx, weights, rise, decay, dtMs, jump, s, h, r, hr);
    const row = (step % nSamples) * m;
    gemvRef(decoder, m, n, r, z);
    let se = 0;
    for (let a = 0; a < m; a++) {
      e[a] = z[a] - target[row + a];
      se += e[a] * e[a];
    }
    meanSquaredError[step] = se / m;
    if (step >= warmUpSteps && step < warmUpSteps + trainSteps && (step - warmUpSteps) % learnEvery === 0) {
      rlsUpdateRef(n, m, p, r, decoder, e, k, normalised);
    }
    gemvRef(encoder, n, m, z, fb);
    for (let i = 0; i < n; i++) mu[i] = bias[i] + s[i] + fb[i];
  }
  return { decoder, meanSquaredError, spikes };
}
