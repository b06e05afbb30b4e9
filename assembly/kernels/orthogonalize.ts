/**
 * QR of a block of row vectors by the project's one Gram–Schmidt (the DGKS-corrected classical
 * Gram–Schmidt of arnoldi.ts): row j is orthogonalised against rows 0 … j−1 and normalised, so
 * A = R Q with Q's rows orthonormal and R lower-triangular; r[j] = R_jj = ‖row j‖ after
 * orthogonalisation (Lyapunov exponents accumulate ln R_jj; Benettin et al. 1980).
 *
 * Memory: a f64[nVec·len] (rows, in place), r f64[nVec], h and scratch f64[nVec]. Returns −1, or the
 * first row whose norm fell to ≤ 1e-10 of its norm before orthogonalisation (numerically dependent:
 * rows from there on are left partial).
 */
import { arnoldi_orthogonalize_f64 } from "./arnoldi";
import { blas1_nrm2_f64, blas1_scal_f64 } from "./blas1";
import { setF64 } from "./inline/memory";

export function orth_qr_rows_f64(aPtr: usize, nVec: i32, len: i32, rPtr: usize, hPtr: usize, scratchPtr: usize): i32 {
  const rowBytes = <usize>len << 3;
  for (let j = 0; j < nVec; j++) {
    const row = aPtr + <usize>j * rowBytes;
    const original = blas1_nrm2_f64(row, len);
    const norm = arnoldi_orthogonalize_f64(aPtr, len, j, row, hPtr, scratchPtr);
    setF64(rPtr, j, norm);
    if (!(norm > 1e-10 * original)) return j;
    blas1_scal_f64(1.0 / norm, row, len);
  }
  return -1;
}
