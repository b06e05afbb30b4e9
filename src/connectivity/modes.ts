/** Random mode vectors shared by the random-mode and low-rank models. */
import { axpy, scale } from '../linalg/blas1.js';
import type { Runtime } from '../runtime.js';
import type { F64Buffer } from '../wasm/arena.js';

/** target ← ρ·base + √(1−ρ²)·target: unit-variance target stays unit-variance, corr(base, target) = ρ. */
export function mixModes(rt: Runtime, base: F64Buffer, target: F64Buffer, rho: number): F64Buffer {
  scale(rt, Math.sqrt(1 - rho * rho), target);
  return axpy(rt, rho, base, target);
}
