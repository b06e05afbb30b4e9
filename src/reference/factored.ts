/** Plain-TS dense form of a factored operator, same argument order as assembly/kernels/factored.ts. */

export function factoredAddDenseRef(u: Float64Array, s: Float64Array, v: Float64Array, rank: number, n: number,
                                   out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < rank; a++) {
      const coef = s[a] * u[a * n + i];
      for (let j = 0; j < n; j++) out[i * n + j] += coef * v[a * n + j];
    }
  }
}
