/**
 * Plain-TS dense eigensolvers, same argument order as assembly/kernels/dense-eig.ts (arrays instead
 * of pointers, row-major n×n). Ported from JAMA's EigenvalueDecomposition (public domain; as in
 * ml-matrix), itself from EISPACK orthes/hqr2/tred2/tql2, with an iteration cap on every QR loop.
 * The WASM kernels run the same operations except that the Hessenberg updates use SIMD dot/axpy,
 * so results agree to rounding, not bit for bit.
 */

/**
 * Householder reduction A = Q H Qᵀ to upper Hessenberg form, in place on a (n×n row-major).
 * With wantZ, z (n×n) receives Qᵀ (row k = k-th column of Q, so later updates run along rows).
 * Entries of a below the subdiagonal keep the reflectors (the accumulation reads them).
 * work: f64[2n] scratch (reflector and row of products).
 */
export function hessenbergRef(a: Float64Array, n: number, z: Float64Array, wantZ: boolean, work: Float64Array): void {
  const high = n - 1;
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0.0;
    for (let i = m; i <= high; i++) scale += Math.abs(a[i * n + m - 1]);
    if (scale === 0.0) continue;
    let h = 0.0;
    for (let i = high; i >= m; i--) {
      work[i] = a[i * n + m - 1] / scale;
      h += work[i] * work[i];
    }
    let g = Math.sqrt(h);
    if (work[m] > 0.0) g = -g;
    h -= work[m] * g;
    work[m] -= g;
    // Left: rows m..high of A ← (I − u uᵀ/h) A, via the row of products f_j = Σ_i u_i A_ij.
    for (let j = m; j < n; j++) work[n + j] = 0.0;
    for (let i = m; i <= high; i++) for (let j = m; j < n; j++) work[n + j] += work[i] * a[i * n + j];
    for (let i = m; i <= high; i++) {
      const ui = work[i] / h;
      for (let j = m; j < n; j++) a[i * n + j] -= work[n + j] * ui;
    }
    // Right: A ← A (I − u uᵀ/h), one row dot product at a time.
    for (let i = 0; i <= high; i++) {
      let f = 0.0;
      for (let j = m; j <= high; j++) f += work[j] * a[i * n + j];
      f /= h;
      for (let j = m; j <= high; j++) a[i * n + j] -= f * work[j];
    }
    work[m] *= scale;
    a[m * n + m - 1] = scale * g;
  }
  if (!wantZ) return;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) z[i * n + j] = i === j ? 1.0 : 0.0;
  // Qᵀ ← Qᵀ (I − u uᵀ/h) from the last reflector back, one row of Qᵀ (column of Q) at a time.
  for (let m = high - 1; m >= 1; m--) {
    const hm = a[m * n + m - 1];
    if (hm === 0.0) continue;
    for (let i = m + 1; i <= high; i++) work[i] = a[i * n + m - 1];
    const scale = 1.0 / work[m] / hm;
    for (let j = m; j <= high; j++) {
      let g = 0.0;
      for (let i = m; i <= high; i++) g += work[i] * z[j * n + i];
      g *= scale;
      for (let i = m; i <= high; i++) z[j * n + i] += g * work[i];
    }
  }
}

/**
 * Francis double-shift QR on upper Hessenberg h (n×n, in place) with Wilkinson's exceptional shifts
 * at iterations 10 and 30 of one eigenvalue. Eigenvalues go to (wr, wi); complex pairs are adjacent
 * with wi > 0 first. job 0: eigenvalues only (only the active window is updated); job 1: h becomes
 * the real Schur form T and z (holding Qᵀ from the Hessenberg reduction) Zᵀ, the Schur vectors as
 * rows, A = Z T Zᵀ; job 2: the Schur form T alone (z untouched).
 * At most maxSweeps sweeps in all. info[0] = sweeps done; info[1] = number of leading eigenvalues
 * that did not converge (0 on success; wr/wi[info[1]..n) are valid either way).
 */
export function hqrRef(
  h: Float64Array, n: number, z: Float64Array, job: number, wr: Float64Array, wi: Float64Array,
  maxSweeps: number, info: Int32Array,
): void {
  const eps = Number.EPSILON;
  const schur = job !== 0; // keep the whole quasi-triangular T (not only the active window)
  const wantZ = job === 1; // and accumulate Z
  let norm = 0.0;
  for (let i = 0; i < n; i++) for (let j = i > 0 ? i - 1 : 0; j < n; j++) norm += Math.abs(h[i * n + j]);
  let nn = n - 1;
  let exshift = 0.0;
  let iter = 0;
  let sweeps = 0;
  let p = 0.0, q = 0.0, r = 0.0, s = 0.0, w = 0.0, x = 0.0, y = 0.0, zz = 0.0;
  while (nn >= 0) {
    // Look for a single small subdiagonal element.
    let l = nn;
    while (l > 0) {
      s = Math.abs(h[(l - 1) * n + l - 1]) + Math.abs(h[l * n + l]);
      if (s === 0.0) s = norm;
      if (Math.abs(h[l * n + l - 1]) <= eps * s) break; // ≤, not JAMA's <: a zero block (s = 0) must deflate
      l--;
    }
    if (l === nn) {
      // One root found.
      h[nn * n + nn] += exshift;
      wr[nn] = h[nn * n + nn];
      wi[nn] = 0.0;
      nn--;
      iter = 0;
    } else if (l === nn - 1) {
      // Two roots found.
      w = h[nn * n + nn - 1] * h[(nn - 1) * n + nn];
      p = (h[(nn - 1) * n + nn - 1] - h[nn * n + nn]) / 2.0;
      q = p * p + w;
      zz = Math.sqrt(Math.abs(q));
      h[nn * n + nn] += exshift;
      h[(nn - 1) * n + nn - 1] += exshift;
      x = h[nn * n + nn];
      if (q >= 0.0) {
        // Real pair; rotate the 2×2 block to upper triangular when the Schur form is wanted.
        zz = p >= 0.0 ? p + zz : p - zz;
        wr[nn - 1] = x + zz;
        wr[nn] = wr[nn - 1];
        if (zz !== 0.0) wr[nn] = x - w / zz;
        wi[nn - 1] = 0.0;
        wi[nn] = 0.0;
        if (schur) {
          x = h[nn * n + nn - 1];
          s = Math.abs(x) + Math.abs(zz);
          p = x / s;
          q = zz / s;
          r = Math.sqrt(p * p + q * q);
          p /= r;
          q /= r;
          for (let j = nn - 1; j < n; j++) {
            zz = h[(nn - 1) * n + j];
            h[(nn - 1) * n + j] = q * zz + p * h[nn * n + j];
            h[nn * n + j] = q * h[nn * n + j] - p * zz;
          }
          for (let i = 0; i <= nn; i++) {
            zz = h[i * n + nn - 1];
            h[i * n + nn - 1] = q * zz + p * h[i * n + nn];
            h[i * n + nn] = q * h[i * n + nn] - p * zz;
          }
          if (wantZ) {
            for (let i = 0; i < n; i++) {
              zz = z[(nn - 1) * n + i];
              z[(nn - 1) * n + i] = q * zz + p * z[nn * n + i];
              z[nn * n + i] = q * z[nn * n + i] - p * zz;
            }
          }
        }
      } else {
        wr[nn - 1] = x + p;
        wr[nn] = x + p;
        wi[nn - 1] = zz;
        wi[nn] = -zz;
      }
      nn -= 2;
      iter = 0;
    } else {
      if (sweeps >= maxSweeps) break;
      // Form the shift.
      x = h[nn * n + nn];
      y = 0.0;
      w = 0.0;
      if (l < nn) {
        y = h[(nn - 1) * n + nn - 1];
        w = h[nn * n + nn - 1] * h[(nn - 1) * n + nn];
      }
      if (iter === 10) {
        // Wilkinson's original ad hoc shift.
        exshift += x;
        for (let i = 0; i <= nn; i++) h[i * n + i] -= x;
        s = Math.abs(h[nn * n + nn - 1]) + Math.abs(h[(nn - 1) * n + nn - 2]);
        x = 0.75 * s;
        y = x;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        // MATLAB's ad hoc shift.
        s = (y - x) / 2.0;
        s = s * s + w;
        if (s > 0.0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2.0 + s);
          for (let i = 0; i <= nn; i++) h[i * n + i] -= s;
          exshift += s;
          x = 0.964;
          y = x;
          w = x;
        }
      }
      iter++;
      sweeps++;
      // Look for two consecutive small subdiagonal elements.
      let m = nn - 2;
      while (m >= l) {
        zz = h[m * n + m];
        r = x - zz;
        s = y - zz;
        p = (r * s - w) / h[(m + 1) * n + m] + h[m * n + m + 1];
        q = h[(m + 1) * n + m + 1] - zz - r - s;
        r = h[(m + 2) * n + m + 1];
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        const lhs = Math.abs(h[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
        const rhs = eps * (Math.abs(p) * (Math.abs(h[(m - 1) * n + m - 1]) + Math.abs(zz) + Math.abs(h[(m + 1) * n + m + 1])));
        if (lhs < rhs) break;
        m--;
      }
      for (let i = m + 2; i <= nn; i++) {
        h[i * n + i - 2] = 0.0;
        if (i > m + 2) h[i * n + i - 3] = 0.0;
      }
      // Double QR step on rows l..nn and columns m..nn (the whole matrix for the Schur form).
      const jEnd = schur ? n - 1 : nn;
      const iStart = schur ? 0 : l;
      for (let k = m; k <= nn - 1; k++) {
        const notLast = k !== nn - 1;
        if (k !== m) {
          p = h[k * n + k - 1];
          q = h[(k + 1) * n + k - 1];
          r = notLast ? h[(k + 2) * n + k - 1] : 0.0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0.0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0.0) s = -s;
        if (s === 0.0) continue;
        if (k !== m) h[k * n + k - 1] = -s * x;
        else if (l !== m) h[k * n + k - 1] = -h[k * n + k - 1];
        p += s;
        x = p / s;
        y = q / s;
        zz = r / s;
        q /= p;
        r /= p;
        // Row modification.
        for (let j = k; j <= jEnd; j++) {
          p = h[k * n + j] + q * h[(k + 1) * n + j];
          if (notLast) {
            p += r * h[(k + 2) * n + j];
            h[(k + 2) * n + j] -= p * zz;
          }
          h[k * n + j] -= p * x;
          h[(k + 1) * n + j] -= p * y;
        }
        // Column modification.
        const iEnd = k + 3 < nn ? k + 3 : nn;
        for (let i = iStart; i <= iEnd; i++) {
          p = x * h[i * n + k] + y * h[i * n + k + 1];
          if (notLast) {
            p += zz * h[i * n + k + 2];
            h[i * n + k + 2] -= p * r;
          }
          h[i * n + k] -= p;
          h[i * n + k + 1] -= p * q;
        }
        if (wantZ) {
          // Accumulate transformations.
          for (let i = 0; i < n; i++) {
            p = x * z[k * n + i] + y * z[(k + 1) * n + i];
            if (notLast) {
              p += zz * z[(k + 2) * n + i];
              z[(k + 2) * n + i] -= p * r;
            }
            z[k * n + i] -= p;
            z[(k + 1) * n + i] -= p * q;
          }
        }
      }
    }
  }
  info[0] = sweeps;
  info[1] = nn + 1;
}

/** The complex quotient (xr + i·xi)/(yr + i·yi) as [re, im] (Smith's algorithm). */
function cdiv(xr: number, xi: number, yr: number, yi: number): [number, number] {
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr;
    const d = yr + r * yi;
    return [(xr + r * xi) / d, (xi - r * xr) / d];
  }
  const r = yr / yi;
  const d = yi + r * yr;
  return [(r * xr + xi) / d, (r * xi - xr) / d];
}

/**
 * Eigenvectors of the quasi-triangular T (in h, overwritten by X; EISPACK hqr2's back-substitution):
 * column j of X (rows 0..j) is the eigenvector of (wr[j], wi[j]) when wi[j] = 0; a pair with
 * wi[j] > 0 stores the real part in column j and the imaginary part in column j + 1 (rows 0..j + 1)
 * for the eigenvalue wr[j] + i·wi[j]. Returns false (h untouched) when T = 0.
 */
function backSubstitute(h: Float64Array, n: number, wr: ArrayLike<number>, wi: ArrayLike<number>): boolean {
  const eps = Number.EPSILON;
  let norm = 0.0;
  for (let i = 0; i < n; i++) for (let j = i > 0 ? i - 1 : 0; j < n; j++) norm += Math.abs(h[i * n + j]);
  if (norm === 0.0) return false;
  let p = 0.0, q = 0.0, r = 0.0, s = 0.0, t = 0.0, w = 0.0, x = 0.0, y = 0.0, zz = 0.0;
  for (let nn = n - 1; nn >= 0; nn--) {
    p = wr[nn];
    q = wi[nn];
    if (q === 0.0) {
      // Real vector.
      let l = nn;
      h[nn * n + nn] = 1.0;
      for (let i = nn - 1; i >= 0; i--) {
        w = h[i * n + i] - p;
        r = 0.0;
        for (let j = l; j <= nn; j++) r += h[i * n + j] * h[j * n + nn];
        if (wi[i] < 0.0) {
          zz = w;
          s = r;
        } else {
          l = i;
          if (wi[i] === 0.0) {
            h[i * n + nn] = w !== 0.0 ? -r / w : -r / (eps * norm);
          } else {
            // Solve the real 2×2 system.
            x = h[i * n + i + 1];
            y = h[(i + 1) * n + i];
            q = (wr[i] - p) * (wr[i] - p) + wi[i] * wi[i];
            t = (x * s - zz * r) / q;
            h[i * n + nn] = t;
            h[(i + 1) * n + nn] = Math.abs(x) > Math.abs(zz) ? (-r - w * t) / x : (-s - y * t) / zz;
          }
          // Overflow control.
          t = Math.abs(h[i * n + nn]);
          if (eps * t * t > 1.0) for (let j = i; j <= nn; j++) h[j * n + nn] /= t;
        }
      }
    } else if (q < 0.0) {
      // Complex vector (last component chosen imaginary so that the pair is normalised).
      let l = nn - 1;
      if (Math.abs(h[nn * n + nn - 1]) > Math.abs(h[(nn - 1) * n + nn])) {
        h[(nn - 1) * n + nn - 1] = q / h[nn * n + nn - 1];
        h[(nn - 1) * n + nn] = -(h[nn * n + nn] - p) / h[nn * n + nn - 1];
      } else {
        [h[(nn - 1) * n + nn - 1], h[(nn - 1) * n + nn]] = cdiv(0.0, -h[(nn - 1) * n + nn], h[(nn - 1) * n + nn - 1] - p, q);
      }
      h[nn * n + nn - 1] = 0.0;
      h[nn * n + nn] = 1.0;
      for (let i = nn - 2; i >= 0; i--) {
        let ra = 0.0;
        let sa = 0.0;
        for (let j = l; j <= nn; j++) {
          ra += h[i * n + j] * h[j * n + nn - 1];
          sa += h[i * n + j] * h[j * n + nn];
        }
        w = h[i * n + i] - p;
        if (wi[i] < 0.0) {
          zz = w;
          r = ra;
          s = sa;
        } else {
          l = i;
          if (wi[i] === 0.0) {
            [h[i * n + nn - 1], h[i * n + nn]] = cdiv(-ra, -sa, w, q);
          } else {
            // Solve the complex 2×2 system.
            x = h[i * n + i + 1];
            y = h[(i + 1) * n + i];
            let vr = (wr[i] - p) * (wr[i] - p) + wi[i] * wi[i] - q * q;
            const vi = (wr[i] - p) * 2.0 * q;
            if (vr === 0.0 && vi === 0.0) {
              vr = eps * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(zz));
            }
            [h[i * n + nn - 1], h[i * n + nn]] = cdiv(x * r - zz * ra + q * sa, x * s - zz * sa - q * ra, vr, vi);
            if (Math.abs(x) > Math.abs(zz) + Math.abs(q)) {
              h[(i + 1) * n + nn - 1] = (-ra - w * h[i * n + nn - 1] + q * h[i * n + nn]) / x;
              h[(i + 1) * n + nn] = (-sa - w * h[i * n + nn] - q * h[i * n + nn - 1]) / x;
            } else {
              [h[(i + 1) * n + nn - 1], h[(i + 1) * n + nn]] = cdiv(-r - y * h[i * n + nn - 1], -s - y * h[i * n + nn], zz, q);
            }
          }
          t = Math.max(Math.abs(h[i * n + nn - 1]), Math.abs(h[i * n + nn]));
          if (eps * t * t > 1.0) {
            for (let j = i; j <= nn; j++) {
              h[j * n + nn - 1] /= t;
              h[j * n + nn] /= t;
            }
          }
        }
      }
    }
  }
  return true;
}

/**
 * Eigenvectors from the real Schur form (after hqrRef with job 1 and info[1] = 0): back-substitution
 * on T (overwritten), then zᵀ ← (Z·X)ᵀ. Row j of z is the eigenvector of (wr[j], wi[j]) when
 * wi[j] = 0; a pair with wi[j] > 0 stores the real part in row j and the imaginary part in row j + 1.
 * work: f64[n] scratch (one row of the product).
 */
export function schurVectorsRef(h: Float64Array, n: number, z: Float64Array, wr: Float64Array, wi: Float64Array, work: Float64Array): void {
  if (!backSubstitute(h, n, wr, wi)) return;
  // Back transformation (Z·X)ᵀ = Xᵀ·Zᵀ with X upper triangular (in h): row j of zᵀ becomes
  // Σ_{k≤j} X_kj·(row k); descending j leaves the rows k < j it reads untouched.
  for (let j = n - 1; j >= 0; j--) {
    for (let i = 0; i < n; i++) work[i] = 0.0;
    for (let k = 0; k <= j; k++) {
      const xkj = h[k * n + j];
      for (let i = 0; i < n; i++) work[i] += xkj * z[k * n + i];
    }
    for (let i = 0; i < n; i++) z[j * n + i] = work[i];
  }
}

/**
 * Reciprocal eigenvalue condition numbers s_j = |yⱼᴴxⱼ|/(‖xⱼ‖‖yⱼ‖) of the real Schur form T (dtrsna's
 * S): right vectors by back-substitution on T, left ones on R = P·Tᵀ·P (P the reversal; eigenvalues
 * wr[n−1−i], −wi[n−1−i]) with ȳ = P·(eigenvector of R). work: f64[2n² + 2n]; s ≡ 1 for T = 0;
 * s = 0 when yᴴx vanishes or the vectors overflow. Entries below the quasi-triangle are ignored.
 */
export function schurConditionRef(t: Float64Array, n: number, wr: Float64Array, wi: Float64Array, work: Float64Array, s: Float64Array): void {
  const nn = n * n;
  const right = work.subarray(0, nn);
  const left = work.subarray(nn, 2 * nn);
  const wrR = work.subarray(2 * nn, 2 * nn + n);
  const wiR = work.subarray(2 * nn + n, 2 * nn + 2 * n);
  right.set(t.subarray(0, nn));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // T_ab with a = n−1−j, b = n−1−i: only the quasi-triangle (h keeps Householder vectors below it).
      const a = n - 1 - j;
      const b = n - 1 - i;
      left[i * n + j] = b >= a || (b === a - 1 && wi[a] < 0) ? t[a * n + b] : 0;
    }
    wrR[i] = wr[n - 1 - i];
    wiR[i] = -wi[n - 1 - i];
  }
  if (!backSubstitute(right, n, wr, wi)) {
    s.fill(1, 0, n);
    return;
  }
  backSubstitute(left, n, wrR, wiR);
  for (let j = 0; j < n; j++) {
    const pair = wi[j] > 0;
    const last = pair ? j + 1 : j;
    const q = n - 1 - last;
    // x lives on rows 0..last, ȳ = P·v on rows j..n−1 (v on R's rows 0..n−1−j): they meet on j..last.
    let dotRe = 0, dotIm = 0, xx = 0, zz = 0;
    for (let r = 0; r <= last; r++) {
      const xr = right[r * n + j];
      const xi = pair ? right[r * n + j + 1] : 0;
      xx += xr * xr + xi * xi;
      if (r < j) continue;
      const zRow = (n - 1 - r) * n;
      const zr = left[zRow + q];
      const zi = pair ? left[zRow + q + 1] : 0;
      dotRe += zr * xr - zi * xi;
      dotIm += zr * xi + zi * xr;
    }
    for (let r = 0; r <= n - 1 - j; r++) {
      const zr = left[r * n + q];
      const zi = pair ? left[r * n + q + 1] : 0;
      zz += zr * zr + zi * zi;
    }
    const scale = Math.sqrt(xx) * Math.sqrt(zz);
    s[j] = scale > 0 && scale < Number.MAX_VALUE ? Math.hypot(dotRe, dotIm) / scale : 0;
    if (pair) s[++j] = s[j - 1];
  }
}

/**
 * Householder tridiagonalisation of a symmetric a (n×n, in place; EISPACK tred2 as stored
 * transposed by ml-matrix): d ← diagonal, e[1..n) ← subdiagonal (e[0] = 0), and row i of a ← the
 * i-th column of Q, so A = Q·tridiag(d, e)·Qᵀ.
 */
export function symTridiagonalizeRef(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = a[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0.0;
    let h = 0.0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0.0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = a[j * n + i - 1];
        a[j * n + i] = 0.0;
        a[i * n + j] = 0.0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0.0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0.0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        a[i * n + j] = f;
        g = e[j] + a[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += a[j * n + k] * d[k];
          e[k] += a[j * n + k] * f;
        }
        e[j] = g;
      }
      f = 0.0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) a[j * n + k] -= f * e[k] + g * d[k];
        d[j] = a[j * n + i - 1];
        a[j * n + i] = 0.0;
      }
    }
    d[i] = h;
  }
  // Accumulate transformations.
  for (let i = 0; i < n - 1; i++) {
    a[i * n + n - 1] = a[i * n + i];
    a[i * n + i] = 1.0;
    const h = d[i + 1];
    if (h !== 0.0) {
      for (let k = 0; k <= i; k++) d[k] = a[(i + 1) * n + k] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0.0;
        for (let k = 0; k <= i; k++) g += a[(i + 1) * n + k] * a[j * n + k];
        for (let k = 0; k <= i; k++) a[j * n + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) a[(i + 1) * n + k] = 0.0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = a[j * n + n - 1];
    a[j * n + n - 1] = 0.0;
  }
  a[(n - 1) * n + n - 1] = 1.0;
  e[0] = 0.0;
}

/**
 * Implicit QL with Wilkinson shifts on the symmetric tridiagonal (d, e): d diagonal f64[n], e[1..n)
 * subdiagonal (e[i] couples i − 1 and i; e[0] ignored); both overwritten. With wantZ, the rotations
 * are applied to the rows of z (n×n: identity for the tridiagonal's own vectors, or the Q of
 * symTridiagonalizeRef), so row i of z becomes the unit eigenvector of d[i]. On success d is sorted
 * ascending (rows of z with it). At most maxSweeps sweeps; info[0] = sweeps, info[1] = number of
 * eigenvalues not converged (then d[0..n − info[1]) hold the converged ones, unsorted).
 */
export function symTridiagonalQlRef(
  d: Float64Array, e: Float64Array, n: number, z: Float64Array, wantZ: boolean, maxSweeps: number, info: Int32Array,
): void {
  const eps = Number.EPSILON;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0.0;
  let f = 0.0;
  let tst1 = 0.0;
  let sweeps = 0;
  let l = 0;
  for (; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let failed = false;
      do {
        if (sweeps >= maxSweeps) {
          failed = true;
          break;
        }
        sweeps++;
        // Compute the implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2.0 * e[l]);
        let r = Math.hypot(p, 1.0);
        if (p < 0.0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        // Implicit QL transformation.
        p = d[m];
        let c = 1.0, c2 = 1.0, c3 = 1.0;
        const el1 = e[l + 1];
        let s = 0.0, s2 = 0.0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (wantZ) {
            for (let k = 0; k < n; k++) {
              h = z[(i + 1) * n + k];
              z[(i + 1) * n + k] = s * z[i * n + k] + c * h;
              z[i * n + k] = c * z[i * n + k] - s * h;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
      if (failed) break;
    }
    d[l] += f;
    e[l] = 0.0;
  }
  info[0] = sweeps;
  info[1] = n - l;
  if (l < n) return;
  // Selection sort ascending, rows of z alongside.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      if (wantZ) {
        for (let j = 0; j < n; j++) {
          p = z[i * n + j];
          z[i * n + j] = z[k * n + j];
          z[k * n + j] = p;
        }
      }
    }
  }
}
