/**
 * Localisation of eigenvectors: how many neurons carry a mode, and whether it sits on high-degree
 * neurons (unstable modes of degree-heterogeneous networks localise there).
 */
import type { ComplexVector } from '../linalg/eigen/types.js';
import { requireFiniteArray } from '../validate.js';
import { pearson } from './statistics.js';

/** |v_i|² of a real or complex vector. */
function weights(where: string, v: ArrayLike<number> | ComplexVector): Float64Array {
  if (v !== null && typeof v === 'object' && 're' in v && 'im' in v) {
    requireFiniteArray(where, 'v.re', v.re);
    requireFiniteArray(where, 'v.im', v.im);
    if (v.re.length !== v.im.length) throw new RangeError(`${where}: v.re and v.im differ in length`);
    return Float64Array.from(v.re, (re, i) => re * re + v.im[i] * v.im[i]);
  }
  requireFiniteArray(where, 'v', v);
  return Float64Array.from(v as ArrayLike<number>, (x) => x * x);
}

/**
 * Inverse participation ratio IPR = Σ|v_i|⁴ / (Σ|v_i|²)²: 1/n for a vector spread evenly over n
 * entries, 1 for a vector on a single entry (scale-invariant). NaN for the zero vector.
 */
export function inverseParticipationRatio(v: ArrayLike<number> | ComplexVector): number {
  const w = weights('inverseParticipationRatio', v);
  let s2 = 0;
  let s4 = 0;
  for (const wi of w) {
    s2 += wi;
    s4 += wi * wi;
  }
  return s4 / (s2 * s2);
}


/**
 * Pearson correlation between an eigenvector's weights |v_i|² and the neurons' degrees: positive
 * when the mode sits on high-degree neurons.
 */
export function eigenvectorDegreeCorrelation(v: ArrayLike<number> | ComplexVector, degrees: ArrayLike<number>): number {
  const w = weights('eigenvectorDegreeCorrelation', v);
  requireFiniteArray('eigenvectorDegreeCorrelation', 'degrees', degrees);
  if (degrees.length !== w.length) {
    throw new RangeError(`eigenvectorDegreeCorrelation: degrees has length ${degrees.length}, expected the vector's length ${w.length}`);
  }
  return pearson(w, degrees);
}
