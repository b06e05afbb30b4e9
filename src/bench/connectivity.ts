/**
 * Generation benchmark: a lognormal degree-heterogeneous network (configuration model, weights
 * with partial symmetry) built by the WASM generator (lognormalNetwork) and by the pure-JS
 * generator (src/reference: the same steps and draws on a u32-half xoshiro256**), from the same
 * seed. Each side runs a few times; medians are reported. Networks take seconds to build, so
 * single timed runs replace tinybench's sampling here.
 */
import { lognormalNetwork, MAX_STUB_TRIES } from '../connectivity/lognormal.js';
import { lognormalLogParams } from '../random/rng.js';
import { deriveSeed, seedWords } from '../random/seed.js';
import { lognormalArraysRef } from '../reference/connectivity.js';
import { XoshiroFastRef } from '../reference/rng.js';
import type { CsrMatrix } from '../linalg/csr.js';
import type { Runtime } from '../runtime.js';
import type { BenchResult } from './kernels.js';

export interface ConnectivityBenchOptions {
  /** n = 10⁴ instead of 10⁵ and one run per side. */
  quick?: boolean;
  seed?: number | string;
  onCase?: (done: number, total: number, label: string) => void;
}

/** The benchmarked network: CV 1 degrees, correlated in/out degrees, η on reciprocated pairs. */
export const LOGNORMAL_BENCH = { k: 100, cv: 1, degreeCorrelation: 0.5, g: 1, j0: 0, eta: 0.5 } as const;

export function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function runConnectivityBench(rt: Runtime, options: ConnectivityBenchOptions = {}): Promise<BenchResult[]> {
  const n = options.quick ? 10_000 : 100_000;
  const runs = options.quick ? 1 : 3;
  const seed = deriveSeed(options.seed ?? 'bench', 'lognormal', n);
  const { k, cv, degreeCorrelation, g, j0, eta } = LOGNORMAL_BENCH;
  const { mu, sigma } = lognormalLogParams({ mean: k, cv });
  let nnz = 0;
  options.onCase?.(0, 2, `lognormal network n=${n} (WASM)`);
  const wasmMs = medianMs(runs, () => {
    using net = lognormalNetwork(rt, { n, ...LOGNORMAL_BENCH, seed });
    nnz = (net.matrix as CsrMatrix).nnz;
  });
  options.onCase?.(1, 2, `lognormal network n=${n} (JS)`);
  const jsMs = medianMs(runs, () => {
    const arrays = lognormalArraysRef(new XoshiroFastRef(seedWords(seed)), n, k, mu, sigma, degreeCorrelation, g, j0, eta, MAX_STUB_TRIES);
    if (arrays.colIdx.length !== nnz) throw new Error('bench: WASM and JS generators built different networks');
  });
  options.onCase?.(2, 2, 'done');
  return [{ kernel: 'lognormal network', n, nnz, wasmMs, jsMs, speedup: jsMs / wasmMs }];
}
