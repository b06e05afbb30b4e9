/** Gaussian elimination with partial pivoting: x = A⁻¹ b for a small dense A (row-major, copied). */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[pivot * n + c])) pivot = r;
    for (let j = 0; j < n; j++) [m[c * n + j], m[pivot * n + j]] = [m[pivot * n + j], m[c * n + j]];
    [x[c], x[pivot]] = [x[pivot], x[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      for (let j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let j = r + 1; j < n; j++) s -= m[r * n + j] * x[j];
    x[r] = s / m[r * n + r];
  }
  return x;
}
