/**
 * One fixed step of forward Euler or classical RK4 for a system whose state is a list of WASM
 * vectors of length n (a network state, or a state with tangent vectors), given its derivative.
 *   Euler: y ← y + dt·f(t, y)
 *   RK4:   k1 = f(t, y), k2 = f(t + dt/2, y + dt/2·k1), k3 = f(t + dt/2, y + dt/2·k2),
 *          k4 = f(t + dt, y + dt·k3),  y ← y + dt/6·(k1 + 2k2 + 2k3 + k4)
 */
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, disposeAll, F64Buffer } from '../wasm/arena.js';

/** A vector in WASM memory, known by its address: an F64Buffer or a row of one. */
export interface VectorRef {
  readonly ptr: number;
}

/** A row of a block of rows of length n (the pointer is re-read, so a disposed block throws). */
export function rowOf(block: VectorRef, row: number, n: number): VectorRef {
  return { get ptr() { return block.ptr + 8 * row * n; } };
}

export type Derivative = (states: readonly VectorRef[], t: number, out: readonly VectorRef[]) => void;

/** Scratch for one system of m vectors: stage points and the four slopes. */
export class OdeScratch implements Disposable {
  readonly stage: F64Buffer[];
  readonly k: [F64Buffer[], F64Buffer[], F64Buffer[], F64Buffer[]];

  constructor(arena: Arena, n: number, m: number) {
    const vectors = () => Array.from({ length: m }, () => new F64Buffer(arena, n, 'OdeScratch'));
    this.stage = vectors();
    this.k = [vectors(), vectors(), vectors(), vectors()];
  }

  dispose(): void {
    disposeAll([...this.stage, ...this.k.flat()]);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

export function odeStep(
  core: CoreExports, n: number, integrator: 'euler' | 'rk4', dt: number, t: number,
  y: readonly VectorRef[], scratch: OdeScratch, f: Derivative,
): void {
  const [k1, k2, k3, k4] = scratch.k;
  const { stage } = scratch;
  const toStage = (k: readonly VectorRef[], c: number) => {
    for (let i = 0; i < y.length; i++) core.rate_stage_f64(n, y[i].ptr, k[i].ptr, c, stage[i].ptr);
  };
  f(y, t, k1);
  if (integrator === 'euler') {
    for (let i = 0; i < y.length; i++) core.rate_stage_f64(n, y[i].ptr, k1[i].ptr, dt, y[i].ptr);
    return;
  }
  toStage(k1, dt / 2);
  f(stage, t + dt / 2, k2);
  toStage(k2, dt / 2);
  f(stage, t + dt / 2, k3);
  toStage(k3, dt);
  f(stage, t + dt, k4);
  for (let i = 0; i < y.length; i++) {
    core.rate_rk4_combine_f64(n, y[i].ptr, k1[i].ptr, k2[i].ptr, k3[i].ptr, k4[i].ptr, dt);
  }
}
