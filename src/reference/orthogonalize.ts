/** Plain-TS QR of row vectors, same argument order as assembly/kernels/orthogonalize.ts. */
import { orthogonalizeRef } from './arnoldi.js';

export function orthQrRowsRef(a: Float64Array, nVec: number, len: number, r: Float64Array, h: Float64Array, scratch: Float64Array): number {
  for (let j = 0; j < nVec; j++) {
    const row = a.subarray(j * len, (j + 1) * len);
    let original = 0;
    for (let i = 0; i < len; i++) original += row[i] * row[i];
    original = Math.sqrt(original);
    const norm = orthogonalizeRef(a, len, j, row, h, scratch);
    r[j] = norm;
    if (!(norm > 1e-10 * original)) return j;
    for (let i = 0; i < len; i++) row[i] *= 1 / norm;
  }
  return -1;
}
