/**
 * Plain-TS rate-network kernels with the same argument order as assembly/kernels/rate.ts, plus a
 * whole reference step (Euler or RK4 with a dense or CSR product and Math's tanh) that the
 * benchmarks time as "pure JS" and the tests compare trajectories with.
 */
import { gemvRef } from './gemv.js';
import { spmvCsrRef } from './spmv.js';

export function rateDerivRef(n: number, x: Float64Array, h: Float64Array, d: Float64Array | null, invTau: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = (d ? h[i] - x[i] + d[i] : h[i] - x[i]) * invTau;
}

export function rateStageRef(n: number, x: Float64Array, k: Float64Array, c: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = x[i] + c * k[i];
}

export function rateRk4CombineRef(n: number, x: Float64Array, k1: Float64Array, k2: Float64Array, k3: Float64Array,
                                  k4: Float64Array, dt: number): void {
  for (let i = 0; i < n; i++) x[i] += (dt / 6) * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
}


/** J as a product y = J·x: dense row-major or CSR. */
export type ReferenceMatrix =
  | { kind: 'dense'; n: number; values: Float64Array }
  | { kind: 'csr'; n: number; rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array };

function product(J: ReferenceMatrix, x: Float64Array, y: Float64Array): void {
  if (J.kind === 'dense') gemvRef(J.values, J.n, J.n, x, y);
  else spmvCsrRef(J.rowPtr, J.colIdx, J.values, J.n, x, y);
}

/** State and scratch of the reference tanh network τ dx/dt = −x + J tanh(x) + d. */
export class RateNetworkRef {
  readonly x: Float64Array;
  readonly #r: Float64Array;
  readonly #h: Float64Array;
  readonly #stage: Float64Array;
  readonly #k: Float64Array[];

  constructor(readonly J: ReferenceMatrix, readonly drive: Float64Array, readonly tau = 1) {
    const n = J.n;
    this.x = new Float64Array(n);
    this.#r = new Float64Array(n);
    this.#h = new Float64Array(n);
    this.#stage = new Float64Array(n);
    this.#k = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  }

  #f(x: Float64Array, out: Float64Array): void {
    const n = this.J.n;
    for (let i = 0; i < n; i++) this.#r[i] = Math.tanh(x[i]);
    product(this.J, this.#r, this.#h);
    rateDerivRef(n, x, this.#h, this.drive, 1 / this.tau, out);
  }

  step(dt: number, integrator: 'euler' | 'rk4'): void {
    const n = this.J.n;
    const [k1, k2, k3, k4] = this.#k;
    const x = this.x;
    this.#f(x, k1);
    if (integrator === 'euler') {
      rateStageRef(n, x, k1, dt, x);
      return;
    }
    rateStageRef(n, x, k1, dt / 2, this.#stage);
    this.#f(this.#stage, k2);
    rateStageRef(n, x, k2, dt / 2, this.#stage);
    this.#f(this.#stage, k3);
    rateStageRef(n, x, k3, dt, this.#stage);
    this.#f(this.#stage, k4);
    rateRk4CombineRef(n, x, k1, k2, k3, k4, dt);
  }
}
