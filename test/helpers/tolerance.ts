import { expect } from 'vitest';

/** Unit roundoff of f64: u = 2⁻⁵³. */
export const U = 2 ** -53;

/** γ_n = n·u / (1 − n·u) (Higham, Accuracy and Stability of Numerical Algorithms, Lemma 3.1). */
export function gamma(n: number): number {
  return (n * U) / (1 - n * U);
}

/**
 * Two summation orders of Σ a_i b_i each satisfy |ŝ − s| ≤ γ_n Σ|a_i b_i|; their difference is
 * bounded by twice that.
 */
export function dotDiffBound(absSum: number, n: number): number {
  return 2 * gamma(Math.max(n, 1)) * absSum;
}

/** Distance in units in the last place between two finite doubles of the same sign region. */
export function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  const buf = new Float64Array([a, b]);
  const bits = new BigInt64Array(buf.buffer);
  // Map the sign-magnitude bit patterns onto a monotone integer line.
  const key = (x: bigint) => (x < 0n ? -(x & 0x7fffffffffffffffn) : x);
  const d = key(bits[0]) - key(bits[1]);
  return Number(d < 0n ? -d : d);
}

/** Asserts equal lengths and max_i |got_i − want_i| ≤ bound. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, bound: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  expect(worst).toBeLessThanOrEqual(bound);
}
