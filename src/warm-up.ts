import { network, type NetworkOptions } from './connectivity/index.js';
import { connectivityMotifs } from './analysis/motifs.js';
import { connectivityStats } from './connectivity/stats.js';
import { RecursiveLeastSquares } from './learning/rls.js';
import { eigDense } from './linalg/eigen/dense.js';
import { eigs, eigsh } from './linalg/eigen/krylov.js';
import { jacobianOperator } from './dynamics/jacobian.js';
import { NONLINEARITIES, nonlinearity } from './dynamics/nonlinearity.js';
import type { Runtime } from './runtime.js';

/**
 * Calls every kernel on small data. V8 compiles WASM lazily (Liftoff first, then TurboFan for
 * hot functions); calling each export once moves first-call compilation out of user timings.
 */
export function warmUp(rt: Runtime): void {
  const n = 64;
  rt.scope(() => {
    const rng = rt.rng('rnnkit-warm-up');
    const x = rng.normal(n);
    const y = rng.uniform(n);
    rng.lognormal(n, { mean: 1, cv: 1 });
    rng.rawWords(2);
    const { core } = rt;
    core.blas1_dot_f64(x.ptr, y.ptr, n);
    core.blas1_axpy_f64(0.5, x.ptr, y.ptr, n);
    core.blas1_scal_f64(0.5, y.ptr, n);
    core.blas1_nrm2_f64(y.ptr, n);
    for (const phi of NONLINEARITIES) {
      nonlinearity(phi).kernel(core, x.ptr, y.ptr, n);
      nonlinearity(phi).derivativeKernel(core, x.ptr, y.ptr, n);
    }
    const a = rt.dense(8, 8, x.view());
    const v = rt.f64(8);
    const w = a.multiply(v);
    a.multiplyTransposed(v, w);
    const s = rt.csr({ nRows: 2, nCols: 2, rowPtr: [0, 1, 2], colIdx: [1, 0], values: [1, 2] });
    const u = s.multiply(rt.f64(2));
    s.multiplyTransposed(rt.f64(2), u);
    // Eigensolvers: long single calls never leave baseline code, so run each kernel on work large
    // enough for V8 to tier it up before a user's first solve.
    const m = 48;
    const b = rt.dense(m, m, rng.normal(m * m).view());
    eigDense(rt, b, { vectors: true });
    eigDense(rt, b, { symmetric: true, vectors: true });
    eigs(rt, b, { k: 2, ncv: 8, maxRestarts: 2 });
    const entries = b.data.view();
    const symmetric = rt.dense(m, m, entries.map((v, i) => v + entries[(i % m) * m + Math.floor(i / m)]));
    eigsh(rt, symmetric, { k: 2, ncv: 8, maxRestarts: 2 });
    for (const phi of NONLINEARITIES) jacobianOperator(rt, b, x.view().subarray(0, m), phi).dispose();
    // RLS (P read out, divergence check) and the gather/scatter of recurrent training.
    const rls = new RecursiveLeastSquares(rt, { n, m: 2, alpha: 1 });
    rls.update(y, rt.f64(2));
    rls.covariance();
    rls.firstNonFinite();
    rls.dispose();
    const idx = rt.i32From([1, 0]);
    core.vec_gather_f64(2, idx.ptr, x.ptr, y.ptr);
    core.vec_scatter_f64(2, idx.ptr, y.ptr, x.ptr, 1);
    rng.dispose();
    const models: NetworkOptions[] = [
      { model: 'gaussian', n: 4 },
      { model: 'lognormal', n: 8, k: 2, cv: 1, eta: 0.5 },
      { model: 'ei', n: 8, k: 2, jitter: 0.1 },
      { model: 'ei', n: 8, k: 2, inDegree: 'probability' },
      { model: 'random-mode', n: 4, rank: 2, overlap: 0.5, orthonormal: true },
      { model: 'lowrank', n: 4 },
    ];
    for (const options of models) {
      const net = network(rt, options);
      connectivityStats(net);
      if (net.matrix) connectivityMotifs(rt, net.matrix);
      net.multiply(rt.f64(net.n));
      net.dispose();
    }
  });
}
