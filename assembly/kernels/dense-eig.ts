/**
 * Dense eigensolvers on row-major n×n f64 matrices (A_ij at i·n + j), all in place.
 *
 * - eig_hessenberg_f64: Householder reduction A = Q H Qᵀ (Golub & Van Loan, Matrix Computations,
 *   4th ed., Alg. 7.4.2), 10n³/3 flops (+4n³/3 for Q); row updates use SIMD dot/axpy.
 * - eig_hqr_f64: Francis implicit double-shift QR on H (G&VL Alg. 7.5.1–7.5.2) with Wilkinson's
 *   exceptional shifts, giving the real Schur form H = Z T Zᵀ (T quasi-triangular, 2×2 blocks for
 *   complex pairs); without Z only the active window is updated (about 10n³ flops in all).
 * - eig_schur_vectors_f64: eigenvectors by back-substitution on T, then Z·X (EISPACK hqr2).
 * - eig_schur_condition_f64: eigenvalue condition numbers from left and right vectors of T (dtrsna).
 * - eig_sym_tridiagonalize_f64 / eig_sym_tridiagonal_ql_f64: symmetric A = Q T Qᵀ (EISPACK tred2)
 *   and implicit QL with Wilkinson shifts on T (tql2; G&VL §8.3).
 *
 * Ported from JAMA (public domain) as in ml-matrix; src/reference/dense-eig.ts is the same algorithm
 * in plain TS with the same argument order. Every QR loop is capped by maxSweeps and reports how
 * many eigenvalues did not converge through info (i32[2]), so no input can make a kernel spin.
 * Memory: all pointers 16-byte aligned, buffers distinct; scratch (work) is passed in, nothing is
 * allocated. wantZ is 0/1; eig_hqr_f64's job is 0/1/2.
 */
import { blas1_axpy_f64, blas1_dot_f64 } from "./blas1";
import { blockTransposedProduct } from "./dense-blocks";
import { f64Addr as at, f64At as ld, setF64 as st } from "./inline/memory";


/**
 * Householder reduction A = Q H Qᵀ to upper Hessenberg form, in place on a (n×n row-major).
 * With wantZ, z (n×n) receives Qᵀ (row k = k-th column of Q, so later updates run along rows).
 * Entries of a below the subdiagonal keep the reflectors (the accumulation reads them).
 * work: f64[2n] scratch (reflector and row of products).
 */
export function eig_hessenberg_f64(aPtr: usize, n: i32, zPtr: usize, wantZ: bool, workPtr: usize): void {
  const high = n - 1;
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0.0;
    for (let i = m; i <= high; i++) scale += Math.abs(ld(aPtr, i * n + m - 1));
    if (scale == 0.0) continue;
    let h = 0.0;
    for (let i = high; i >= m; i--) {
      st(workPtr, i, ld(aPtr, i * n + m - 1) / scale);
      h += ld(workPtr, i) * ld(workPtr, i);
    }
    let g = Math.sqrt(h);
    if (ld(workPtr, m) > 0.0) g = -g;
    h -= ld(workPtr, m) * g;
    st(workPtr, m, ld(workPtr, m) - (g));
    // Left: rows m..high of A ← (I − u uᵀ/h) A, via the row of products f_j = Σ_i u_i A_ij.
    const fPtr = at(workPtr, n + m);
    memory.fill(fPtr, 0, <usize>(n - m) << 3);
    for (let i = m; i <= high; i++) blas1_axpy_f64(ld(workPtr, i), at(aPtr, i * n + m), fPtr, n - m);
    for (let i = m; i <= high; i++) blas1_axpy_f64(-ld(workPtr, i) / h, fPtr, at(aPtr, i * n + m), n - m);
    // Right: A ← A (I − u uᵀ/h), one row dot product at a time.
    for (let i = 0; i <= high; i++) {
      const rowPtr = at(aPtr, i * n + m);
      blas1_axpy_f64(-blas1_dot_f64(at(workPtr, m), rowPtr, n - m) / h, at(workPtr, m), rowPtr, n - m);
    }
    st(workPtr, m, ld(workPtr, m) * (scale));
    st(aPtr, m * n + m - 1, scale * g);
  }
  if (!wantZ) return;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) st(zPtr, i * n + j, i == j ? 1.0 : 0.0);
  for (let m = high - 1; m >= 1; m--) {
    const hm = ld(aPtr, m * n + m - 1);
    if (hm == 0.0) continue;
    for (let i = m + 1; i <= high; i++) st(workPtr, i, ld(aPtr, i * n + m - 1));
    const scale = 1.0 / ld(workPtr, m) / hm;
    for (let j = m; j <= high; j++) {
      const rowPtr = at(zPtr, j * n + m);
      blas1_axpy_f64(blas1_dot_f64(at(workPtr, m), rowPtr, n - m) * scale, at(workPtr, m), rowPtr, n - m);
    }
  }
}

/**
 * Applies one double-shift QR reflector to three consecutive rows a, b, c of Zᵀ (two when
 * !notLast): p = x·a + y·b (+ zz·c), c −= p·r, a −= p, b −= p·q. Elementwise, so the f64x2 lanes
 * perform exactly the scalar operations (bit-identical builds).
 */
function reflectRows(aPtr: usize, n: i32, notLast: bool, x: f64, y: f64, zz: f64, q: f64, r: f64): void {
  const rowBytes = <usize>n << 3;
  const bPtr = aPtr + rowBytes;
  const cPtr = bPtr + rowBytes;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vx = f64x2.splat(x), vy = f64x2.splat(y), vz = f64x2.splat(zz), vq = f64x2.splat(q), vr = f64x2.splat(r);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const a = v128.load(aPtr + o);
      const b = v128.load(bPtr + o);
      let p = f64x2.add(f64x2.mul(vx, a), f64x2.mul(vy, b));
      if (notLast) {
        const c = v128.load(cPtr + o);
        p = f64x2.add(p, f64x2.mul(vz, c));
        v128.store(cPtr + o, f64x2.sub(c, f64x2.mul(p, vr)));
      }
      v128.store(aPtr + o, f64x2.sub(a, p));
      v128.store(bPtr + o, f64x2.sub(b, f64x2.mul(p, vq)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const a = load<f64>(aPtr + o);
    const b = load<f64>(bPtr + o);
    let p = x * a + y * b;
    if (notLast) {
      const c = load<f64>(cPtr + o);
      p += zz * c;
      store<f64>(cPtr + o, c - p * r);
    }
    store<f64>(aPtr + o, a - p);
    store<f64>(bPtr + o, b - p * q);
  }
}

/**
 * The double-shift QR step's row modification on rows a, b, c (consecutive, row length n; two
 * rows when !notLast), columns j0..j1: p = a + q·b (+ r·c), c −= p·zz, a −= p·x, b −= p·y.
 * Elementwise, so the f64x2 lanes perform exactly the scalar operations.
 */
function modifyRows(aPtr: usize, n: i32, notLast: bool, j0: i32, j1: i32, q: f64, r: f64, x: f64, y: f64, zz: f64): void {
  const rowBytes = <usize>n << 3;
  const bPtr = aPtr + rowBytes;
  const cPtr = bPtr + rowBytes;
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    const vq = f64x2.splat(q), vr = f64x2.splat(r), vx = f64x2.splat(x), vy = f64x2.splat(y), vz = f64x2.splat(zz);
    for (; j + 1 <= j1; j += 2) {
      const o = <usize>j << 3;
      const a = v128.load(aPtr + o);
      const b = v128.load(bPtr + o);
      let p = f64x2.add(a, f64x2.mul(vq, b));
      if (notLast) {
        const c = v128.load(cPtr + o);
        p = f64x2.add(p, f64x2.mul(vr, c));
        v128.store(cPtr + o, f64x2.sub(c, f64x2.mul(p, vz)));
      }
      v128.store(aPtr + o, f64x2.sub(a, f64x2.mul(p, vx)));
      v128.store(bPtr + o, f64x2.sub(b, f64x2.mul(p, vy)));
    }
  }
  for (; j <= j1; j++) {
    const o = <usize>j << 3;
    const a = load<f64>(aPtr + o);
    const b = load<f64>(bPtr + o);
    let p = a + q * b;
    if (notLast) {
      const c = load<f64>(cPtr + o);
      p += r * c;
      store<f64>(cPtr + o, c - p * zz);
    }
    store<f64>(aPtr + o, a - p * x);
    store<f64>(bPtr + o, b - p * y);
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
export function eig_hqr_f64(
  hPtr: usize, n: i32, zPtr: usize, job: i32, wrPtr: usize, wiPtr: usize, maxSweeps: i32, infoPtr: usize,
): void {
  francisDoubleShift(hPtr, n, zPtr, job, wrPtr, wiPtr, 0, n - 1, maxSweeps, infoPtr);
}

/**
 * eig_hqr_f64 restricted to the diagonal block lo..hi of h (H[lo, lo−1] negligible, the rows below
 * hi already reduced): finds the eigenvalues lo..hi, updating whole rows and columns (and z) when
 * job asks for the Schur form, as the multishift solver needs for its small blocks and its
 * deflation window. info[1] = number of leading eigenvalues of the block (from lo) not converged.
 */
export function francisDoubleShift(
  hPtr: usize, n: i32, zPtr: usize, job: i32, wrPtr: usize, wiPtr: usize, lo: i32, hi: i32, maxSweeps: i32, infoPtr: usize,
): void {
  const eps = f64.EPSILON;
  const schur = job != 0; // keep the whole quasi-triangular T (not only the active window)
  const wantZ = job == 1; // and accumulate Z
  let norm = 0.0;
  for (let i = 0; i < n; i++) for (let j = i > 0 ? i - 1 : 0; j < n; j++) norm += Math.abs(ld(hPtr, i * n + j));
  let nn = hi;
  let exshift = 0.0;
  let iter = 0;
  let sweeps = 0;
  let p = 0.0, q = 0.0, r = 0.0, s = 0.0, w = 0.0, x = 0.0, y = 0.0, zz = 0.0;
  while (nn >= lo) {
    // Look for a single small subdiagonal element.
    let l = nn;
    while (l > lo) {
      s = Math.abs(ld(hPtr, (l - 1) * n + l - 1)) + Math.abs(ld(hPtr, l * n + l));
      if (s == 0.0) s = norm;
      if (Math.abs(ld(hPtr, l * n + l - 1)) <= eps * s) break; // ≤, not JAMA's <: a zero block (s = 0) must deflate
      l--;
    }
    if (l == nn) {
      // One root found.
      st(hPtr, nn * n + nn, ld(hPtr, nn * n + nn) + (exshift));
      st(wrPtr, nn, ld(hPtr, nn * n + nn));
      st(wiPtr, nn, 0.0);
      nn--;
      iter = 0;
    } else if (l == nn - 1) {
      // Two roots found.
      w = ld(hPtr, nn * n + nn - 1) * ld(hPtr, (nn - 1) * n + nn);
      p = (ld(hPtr, (nn - 1) * n + nn - 1) - ld(hPtr, nn * n + nn)) / 2.0;
      q = p * p + w;
      zz = Math.sqrt(Math.abs(q));
      st(hPtr, nn * n + nn, ld(hPtr, nn * n + nn) + (exshift));
      st(hPtr, (nn - 1) * n + nn - 1, ld(hPtr, (nn - 1) * n + nn - 1) + (exshift));
      x = ld(hPtr, nn * n + nn);
      if (q >= 0.0) {
        // Real pair; rotate the 2×2 block to upper triangular when the Schur form is wanted.
        zz = p >= 0.0 ? p + zz : p - zz;
        st(wrPtr, nn - 1, x + zz);
        st(wrPtr, nn, ld(wrPtr, nn - 1));
        if (zz != 0.0) st(wrPtr, nn, x - w / zz);
        st(wiPtr, nn - 1, 0.0);
        st(wiPtr, nn, 0.0);
        if (schur) {
          x = ld(hPtr, nn * n + nn - 1);
          s = Math.abs(x) + Math.abs(zz);
          p = x / s;
          q = zz / s;
          r = Math.sqrt(p * p + q * q);
          p /= r;
          q /= r;
          for (let j = nn - 1; j < n; j++) {
            zz = ld(hPtr, (nn - 1) * n + j);
            st(hPtr, (nn - 1) * n + j, q * zz + p * ld(hPtr, nn * n + j));
            st(hPtr, nn * n + j, q * ld(hPtr, nn * n + j) - p * zz);
          }
          for (let i = 0; i <= nn; i++) {
            zz = ld(hPtr, i * n + nn - 1);
            st(hPtr, i * n + nn - 1, q * zz + p * ld(hPtr, i * n + nn));
            st(hPtr, i * n + nn, q * ld(hPtr, i * n + nn) - p * zz);
          }
          if (wantZ) {
            for (let i = 0; i < n; i++) {
              zz = ld(zPtr, (nn - 1) * n + i);
              st(zPtr, (nn - 1) * n + i, q * zz + p * ld(zPtr, nn * n + i));
              st(zPtr, nn * n + i, q * ld(zPtr, nn * n + i) - p * zz);
            }
          }
        }
      } else {
        st(wrPtr, nn - 1, x + p);
        st(wrPtr, nn, x + p);
        st(wiPtr, nn - 1, zz);
        st(wiPtr, nn, -zz);
      }
      nn -= 2;
      iter = 0;
    } else {
      if (sweeps >= maxSweeps) break;
      // Form the shift.
      x = ld(hPtr, nn * n + nn);
      y = 0.0;
      w = 0.0;
      if (l < nn) {
        y = ld(hPtr, (nn - 1) * n + nn - 1);
        w = ld(hPtr, nn * n + nn - 1) * ld(hPtr, (nn - 1) * n + nn);
      }
      if (iter == 10) {
        // Wilkinson's original ad hoc shift.
        exshift += x;
        for (let i = lo; i <= nn; i++) st(hPtr, i * n + i, ld(hPtr, i * n + i) - (x));
        s = Math.abs(ld(hPtr, nn * n + nn - 1)) + Math.abs(ld(hPtr, (nn - 1) * n + nn - 2));
        x = 0.75 * s;
        y = x;
        w = -0.4375 * s * s;
      }
      if (iter == 30) {
        // MATLAB's ad hoc shift.
        s = (y - x) / 2.0;
        s = s * s + w;
        if (s > 0.0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2.0 + s);
          for (let i = lo; i <= nn; i++) st(hPtr, i * n + i, ld(hPtr, i * n + i) - (s));
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
        zz = ld(hPtr, m * n + m);
        r = x - zz;
        s = y - zz;
        p = (r * s - w) / ld(hPtr, (m + 1) * n + m) + ld(hPtr, m * n + m + 1);
        q = ld(hPtr, (m + 1) * n + m + 1) - zz - r - s;
        r = ld(hPtr, (m + 2) * n + m + 1);
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m == l) break;
        const lhs = Math.abs(ld(hPtr, m * n + m - 1)) * (Math.abs(q) + Math.abs(r));
        const rhs = eps * (Math.abs(p) * (Math.abs(ld(hPtr, (m - 1) * n + m - 1)) + Math.abs(zz) + Math.abs(ld(hPtr, (m + 1) * n + m + 1))));
        if (lhs < rhs) break;
        m--;
      }
      for (let i = m + 2; i <= nn; i++) {
        st(hPtr, i * n + i - 2, 0.0);
        if (i > m + 2) st(hPtr, i * n + i - 3, 0.0);
      }
      // Double QR step on rows l..nn and columns m..nn (the whole matrix for the Schur form).
      const jEnd = schur ? n - 1 : nn;
      const iStart = schur ? 0 : l;
      for (let k = m; k <= nn - 1; k++) {
        const notLast = k != nn - 1;
        if (k != m) {
          p = ld(hPtr, k * n + k - 1);
          q = ld(hPtr, (k + 1) * n + k - 1);
          r = notLast ? ld(hPtr, (k + 2) * n + k - 1) : 0.0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x == 0.0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0.0) s = -s;
        if (s == 0.0) continue;
        if (k != m) st(hPtr, k * n + k - 1, -s * x);
        else if (l != m) st(hPtr, k * n + k - 1, -ld(hPtr, k * n + k - 1));
        p += s;
        x = p / s;
        y = q / s;
        zz = r / s;
        q /= p;
        r /= p;
        modifyRows(at(hPtr, k * n), n, notLast, k, jEnd, q, r, x, y, zz);
        // Column modification.
        const iEnd = k + 3 < nn ? k + 3 : nn;
        for (let i = iStart; i <= iEnd; i++) {
          p = x * ld(hPtr, i * n + k) + y * ld(hPtr, i * n + k + 1);
          if (notLast) {
            p += zz * ld(hPtr, i * n + k + 2);
            st(hPtr, i * n + k + 2, ld(hPtr, i * n + k + 2) - (p * r));
          }
          st(hPtr, i * n + k, ld(hPtr, i * n + k) - (p));
          st(hPtr, i * n + k + 1, ld(hPtr, i * n + k + 1) - (p * q));
        }
        if (wantZ) {
          // Accumulate transformations.
          reflectRows(at(zPtr, k * n), n, notLast, x, y, zz, q, r);
        }
      }
    }
  }
  store<i32>(infoPtr, sweeps);
  store<i32>(infoPtr, nn + 1 - lo, 4);
}

/** Re of the complex quotient (xr + i·xi)/(yr + i·yi) (Smith's algorithm). */
// @ts-ignore: decorator
@inline function cdivRe(xr: f64, xi: f64, yr: f64, yi: f64): f64 {
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr;
    return (xr + r * xi) / (yr + r * yi);
  }
  const r = yr / yi;
  return (r * xr + xi) / (yi + r * yr);
}

/** Im of the complex quotient (xr + i·xi)/(yr + i·yi) (Smith's algorithm). */
// @ts-ignore: decorator
@inline function cdivIm(xr: f64, xi: f64, yr: f64, yi: f64): f64 {
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr;
    return (xi - r * xr) / (yr + r * yi);
  }
  const r = yr / yi;
  return (r * xi - xr) / (yi + r * yr);
}

/** Complex pairs back-substituted together by backSubstitute (their dot products interleave). */
// @ts-ignore: decorator
@inline const PAIR_GROUP: i32 = 4;
/** Per pair of a group: zz, r, s carried from a row with wi < 0 to the block row above it. */
const pairCarry: usize = memory.data(3 * 8 * PAIR_GROUP, 16);
/** (ra, sa) of each pair of a group, from groupDots. */
const groupSums: usize = memory.data(2 * 8 * PAIR_GROUP, 16);
/** The second sum of the last columnPairDot. */
let pairSa = 0.0;

/** Last two components of the complex pair (top − 1, top) with eigenvalue p + iq, q < 0 (hqr2). */
function startComplexPair(hPtr: usize, n: i32, top: i32, p: f64, q: f64): void {
  const nn = top;
  if (Math.abs(ld(hPtr, nn * n + nn - 1)) > Math.abs(ld(hPtr, (nn - 1) * n + nn))) {
    st(hPtr, (nn - 1) * n + nn - 1, q / ld(hPtr, nn * n + nn - 1));
    st(hPtr, (nn - 1) * n + nn, -(ld(hPtr, nn * n + nn) - p) / ld(hPtr, nn * n + nn - 1));
  } else {
    const xi = -ld(hPtr, (nn - 1) * n + nn);
    const yr = ld(hPtr, (nn - 1) * n + nn - 1) - p;
    st(hPtr, (nn - 1) * n + nn - 1, cdivRe(0.0, xi, yr, q));
    st(hPtr, (nn - 1) * n + nn, cdivIm(0.0, xi, yr, q));
  }
  st(hPtr, nn * n + nn - 1, 0.0);
  st(hPtr, nn * n + nn, 1.0);
}

/**
 * (ra, sa) = (ra0, sa0) + Σ_{j=from..to} T[i, j]·(X[j, top − 1], X[j, top]) in order of j; returns
 * ra, sa goes to pairSa. SIMD: the two columns are adjacent, one f64x2 lane each (same roundings).
 */
function columnPairDot(hPtr: usize, n: i32, i: i32, from: i32, to: i32, top: i32, ra0: f64, sa0: f64): f64 {
  const row = at(hPtr, i * n);
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.replace_lane(f64x2.splat(ra0), 1, sa0);
    for (let j = from; j <= to; j++) acc = f64x2.add(acc, f64x2.mul(v128.load64_splat(at(row, j)), v128.load(at(hPtr, j * n + top - 1))));
    pairSa = f64x2.extract_lane(acc, 1);
    return f64x2.extract_lane(acc, 0);
  }
  let ra = ra0, sa = sa0;
  for (let j = from; j <= to; j++) {
    const t = ld(row, j);
    ra += t * ld(hPtr, j * n + top - 1);
    sa += t * ld(hPtr, j * n + top);
  }
  pairSa = sa;
  return ra;
}

/**
 * groupSums[2k], [2k + 1] ← Σ_{j=l..low} T[i, j]·(X[j, top_k − 1], X[j, top_k]) for the g pairs
 * top_k = nn − 2k, all in one pass over j (SIMD: up to four independent f64x2 chains; a missing
 * pair repeats pair 0 and is ignored).
 */
function groupDots(hPtr: usize, n: i32, i: i32, l: i32, low: i32, g: i32, nn: i32): void {
  const row = at(hPtr, i * n);
  if (ASC_FEATURE_SIMD) {
    const c0 = at(hPtr, nn - 1), c1 = at(hPtr, (g > 1 ? nn - 2 : nn) - 1);
    const c2 = at(hPtr, (g > 2 ? nn - 4 : nn) - 1), c3 = at(hPtr, (g > 3 ? nn - 6 : nn) - 1);
    let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), a2 = f64x2.splat(0.0), a3 = f64x2.splat(0.0);
    for (let j = l; j <= low; j++) {
      const t = v128.load64_splat(at(row, j));
      const o = <usize>(j * n) << 3;
      a0 = f64x2.add(a0, f64x2.mul(t, v128.load(c0 + o)));
      a1 = f64x2.add(a1, f64x2.mul(t, v128.load(c1 + o)));
      a2 = f64x2.add(a2, f64x2.mul(t, v128.load(c2 + o)));
      a3 = f64x2.add(a3, f64x2.mul(t, v128.load(c3 + o)));
    }
    v128.store(groupSums, a0);
    v128.store(groupSums, a1, 16);
    v128.store(groupSums, a2, 32);
    v128.store(groupSums, a3, 48);
    return;
  }
  for (let k = 0; k < g; k++) {
    st(groupSums, 2 * k, columnPairDot(hPtr, n, i, l, low, nn - 2 * k, 0.0, 0.0));
    st(groupSums, 2 * k + 1, pairSa);
  }
}

/**
 * Row i of the complex eigenvector pair (top − 1, top) (eigenvalue p + iq = wr, wi[top], q < 0)
 * from its dot products (ra, sa) over j = l..top (hqr2): a row with wi[i] < 0 is carried (slot k
 * of pairCarry) to the 2×2 block row above it; otherwise X[i, ·] (and X[i + 1, ·] for a block)
 * are solved for and the pair's column is rescaled if it grew past 1/√ε.
 */
function complexRow(hPtr: usize, n: i32, wrPtr: usize, wiPtr: usize, top: i32, i: i32, ra: f64, sa: f64, k: i32, eps: f64, norm: f64): void {
  const nn = top;
  const p = ld(wrPtr, nn), q = ld(wiPtr, nn);
  const carry = at(pairCarry, 3 * k);
  const w = ld(hPtr, i * n + i) - p;
  if (ld(wiPtr, i) < 0.0) {
    st(carry, 0, w);
    st(carry, 1, ra);
    st(carry, 2, sa);
    return;
  }
  if (ld(wiPtr, i) == 0.0) {
    st(hPtr, i * n + nn - 1, cdivRe(-ra, -sa, w, q));
    st(hPtr, i * n + nn, cdivIm(-ra, -sa, w, q));
  } else {
    // Solve the complex 2×2 system.
    const zz = ld(carry, 0), r = ld(carry, 1), s = ld(carry, 2);
    const x = ld(hPtr, i * n + i + 1);
    const y = ld(hPtr, (i + 1) * n + i);
    let vr = (ld(wrPtr, i) - p) * (ld(wrPtr, i) - p) + ld(wiPtr, i) * ld(wiPtr, i) - q * q;
    const vi = (ld(wrPtr, i) - p) * 2.0 * q;
    if (vr == 0.0 && vi == 0.0) {
      vr = eps * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(zz));
    }
    const br = x * r - zz * ra + q * sa;
    const bi = x * s - zz * sa - q * ra;
    st(hPtr, i * n + nn - 1, cdivRe(br, bi, vr, vi));
    st(hPtr, i * n + nn, cdivIm(br, bi, vr, vi));
    if (Math.abs(x) > Math.abs(zz) + Math.abs(q)) {
      st(hPtr, (i + 1) * n + nn - 1, (-ra - w * ld(hPtr, i * n + nn - 1) + q * ld(hPtr, i * n + nn)) / x);
      st(hPtr, (i + 1) * n + nn, (-sa - w * ld(hPtr, i * n + nn) - q * ld(hPtr, i * n + nn - 1)) / x);
    } else {
      const br2 = -r - y * ld(hPtr, i * n + nn - 1);
      const bi2 = -s - y * ld(hPtr, i * n + nn);
      st(hPtr, (i + 1) * n + nn - 1, cdivRe(br2, bi2, zz, q));
      st(hPtr, (i + 1) * n + nn, cdivIm(br2, bi2, zz, q));
    }
  }
  const t = Math.max(Math.abs(ld(hPtr, i * n + nn - 1)), Math.abs(ld(hPtr, i * n + nn)));
  if (eps * t * t > 1.0) {
    for (let j = i; j <= nn; j++) {
      st(hPtr, j * n + nn - 1, ld(hPtr, j * n + nn - 1) / (t));
      st(hPtr, j * n + nn, ld(hPtr, j * n + nn) / (t));
    }
  }
}

/**
 * Eigenvectors of the quasi-triangular T (in h, overwritten by X; EISPACK hqr2's back-substitution):
 * column j of X (rows 0..j) is the eigenvector of (wr[j], wi[j]) when wi[j] = 0; a pair with
 * wi[j] > 0 stores the real part in column j and the imaginary part in column j + 1 (rows 0..j + 1)
 * for the eigenvalue wr[j] + i·wi[j]. Returns false (h untouched) when T = 0.
 */
function backSubstitute(hPtr: usize, n: i32, wrPtr: usize, wiPtr: usize): bool {
  const eps = f64.EPSILON;
  let norm = 0.0;
  for (let i = 0; i < n; i++) for (let j = i > 0 ? i - 1 : 0; j < n; j++) norm += Math.abs(ld(hPtr, i * n + j));
  if (norm == 0.0) return false;
  let p = 0.0, q = 0.0, r = 0.0, s = 0.0, t = 0.0, w = 0.0, x = 0.0, y = 0.0, zz = 0.0;
  for (let nn = n - 1; nn >= 0; nn--) {
    p = ld(wrPtr, nn);
    q = ld(wiPtr, nn);
    if (q == 0.0) {
      // Real vector.
      let l = nn;
      st(hPtr, nn * n + nn, 1.0);
      for (let i = nn - 1; i >= 0; i--) {
        w = ld(hPtr, i * n + i) - p;
        r = 0.0;
        for (let j = l; j <= nn; j++) r += ld(hPtr, i * n + j) * ld(hPtr, j * n + nn);
        if (ld(wiPtr, i) < 0.0) {
          zz = w;
          s = r;
        } else {
          l = i;
          if (ld(wiPtr, i) == 0.0) {
            st(hPtr, i * n + nn, w != 0.0 ? -r / w : -r / (eps * norm));
          } else {
            // Solve the real 2×2 system.
            x = ld(hPtr, i * n + i + 1);
            y = ld(hPtr, (i + 1) * n + i);
            q = (ld(wrPtr, i) - p) * (ld(wrPtr, i) - p) + ld(wiPtr, i) * ld(wiPtr, i);
            t = (x * s - zz * r) / q;
            st(hPtr, i * n + nn, t);
            st(hPtr, (i + 1) * n + nn, Math.abs(x) > Math.abs(zz) ? (-r - w * t) / x : (-s - y * t) / zz);
          }
          // Overflow control.
          t = Math.abs(ld(hPtr, i * n + nn));
          if (eps * t * t > 1.0) for (let j = i; j <= nn; j++) st(hPtr, j * n + nn, ld(hPtr, j * n + nn) / (t));
        }
      }
    } else if (q < 0.0) {
      // Complex vectors: this pair and up to PAIR_GROUP − 1 pairs directly below it, together.
      let g = 1;
      while (g < PAIR_GROUP && nn - 2 * g >= 1 && ld(wiPtr, nn - 2 * g) < 0.0) g++;
      const low = nn - 2 * (g - 1); // the group's lowest pair is (low − 1, low)
      // Each pair alone first over the rows of the lower pairs' blocks (in the order hqr2 visits
      // them: all of pair k before pair k + 1 overwrites those rows' entries in its columns) …
      for (let k = 0; k < g; k++) {
        const top = nn - 2 * k;
        startComplexPair(hPtr, n, top, ld(wrPtr, top), ld(wiPtr, top));
        let l = top - 1;
        for (let i = top - 2; i >= low - 1; i--) {
          const ra = columnPairDot(hPtr, n, i, l, top, top, 0.0, 0.0);
          complexRow(hPtr, n, wrPtr, wiPtr, top, i, ra, pairSa, k, eps, norm);
          if (ld(wiPtr, i) >= 0.0) l = i;
        }
      }
      // … then every row above them for all pairs at once: the dot products over the shared
      // range j = l..low interleave (independent add chains), and each pair finishes its own
      // tail j = low+1..top; every sum keeps hqr2's order j = l, l + 1, …, top.
      let l = low - 1;
      for (let i = low - 2; i >= 0; i--) {
        groupDots(hPtr, n, i, l, low, g, nn);
        for (let k = 0; k < g; k++) {
          const top = nn - 2 * k;
          const ra = columnPairDot(hPtr, n, i, low + 1, top, top, ld(groupSums, 2 * k), ld(groupSums, 2 * k + 1));
          complexRow(hPtr, n, wrPtr, wiPtr, top, i, ra, pairSa, k, eps, norm);
        }
        if (ld(wiPtr, i) >= 0.0) l = i;
      }
      nn = low;
    }
  }
  return true;
}

/** Rows of zᵀ per level-3 step of the back-transformation in eig_schur_vectors_f64. */
// @ts-ignore: decorator
@inline const BACK_TRANSFORM_BLOCK: i32 = 32;

/** Scratch of eig_schur_vectors_f64 in f64 entries: one block of rows of the product and its packed X. */
export function eig_schur_vectors_work(n: i32): i32 {
  return 2 * BACK_TRANSFORM_BLOCK * max<i32>(n, 1);
}

/**
 * Eigenvectors from the real Schur form (after eig_hqr_f64 with job 1 and info[1] = 0): back-substitution
 * on T (overwritten), then zᵀ ← (Z·X)ᵀ. Row j of z is the eigenvector of (wr[j], wi[j]) when
 * wi[j] = 0; a pair with wi[j] > 0 stores the real part in row j and the imaginary part in row j + 1.
 * work: f64[eig_schur_vectors_work(n)] scratch (a block of rows of the product, then X's block packed).
 */
export function eig_schur_vectors_f64(hPtr: usize, n: i32, zPtr: usize, wrPtr: usize, wiPtr: usize, workPtr: usize): void {
  if (!backSubstitute(hPtr, n, wrPtr, wiPtr)) return;
  // Back transformation (Z·X)ᵀ = Xᵀ·Zᵀ with X upper triangular (in h): row j of zᵀ becomes
  // Σ_{k≤j} X_kj·(row k). Rows j ∈ [j0, j1) are formed together, blocks descending: the rows
  // k < j0 enter through one level-3 product W = X[0:j0, j0:j1]ᵀ·Zᵀ[0:j0, :] (n³/2 multiply-adds
  // in all), the triangle j0 ≤ k ≤ j through axpys; both add the terms k = 0, 1, …, j in that
  // order, as the reference's column loop does. Rows ≥ j0 are overwritten after the block read them.
  // X[0:j0, j0:j1] is first packed by columns (xt[p·j0 + k] = X_k,j0+p) so that the product reads
  // it sequentially instead of one cache line per row k; the sums are the same.
  const xt = at(workPtr, BACK_TRANSFORM_BLOCK * n);
  for (let j1 = n; j1 > 0; j1 -= BACK_TRANSFORM_BLOCK) {
    const j0 = max<i32>(0, j1 - BACK_TRANSFORM_BLOCK);
    const rows = j1 - j0;
    for (let k = 0; k < j0; k++) for (let p = 0; p < rows; p++) st(xt, p * j0 + k, ld(hPtr, k * n + j0 + p));
    blockTransposedProduct(workPtr, n, rows, n, xt, 1, j0, zPtr, n, j0);
    for (let p = 0; p < rows; p++) {
      const j = j0 + p;
      for (let k = j0; k <= j; k++) blas1_axpy_f64(ld(hPtr, k * n + j), at(zPtr, k * n), at(workPtr, p * n), n);
    }
    memory.copy(at(zPtr, j0 * n), workPtr, <usize>(rows * n) << 3);
  }
}

/**
 * Reciprocal condition numbers s_j = |yⱼᴴxⱼ|/(‖xⱼ‖‖yⱼ‖) of the eigenvalues of the real Schur form T
 * (LAPACK dtrsna's S; κ_j = 1/s_j), from right and left eigenvectors of T itself: orthogonal Z
 * preserves both norms and yᴴx, so A = Z T Zᵀ has the same s. Right vectors x by back-substitution
 * on a copy of T; left vectors y (yᴴT = λyᴴ, i.e. Tᵀȳ = λȳ) by the same back-substitution on
 * R = P·Tᵀ·P (P the reversal, R upper quasi-triangular with eigenvalues wr[n−1−i], −wi[n−1−i]
 * so that each pair again lists its positive imaginary part first): ȳ = P·(eigenvector of R), and
 * yᴴx = ȳᵀx. s = 0 when yᴴx vanishes to working precision or the vectors overflow (a defective
 * eigenvalue); s ≡ 1 for T = 0. t: T f64[n²] (read only; entries below the quasi-triangle, e.g.
 * Householder vectors, are ignored); work: f64[2n² + 2n]; s: f64[n] out.
 */
export function eig_schur_condition_f64(tPtr: usize, n: i32, wrPtr: usize, wiPtr: usize, workPtr: usize, sPtr: usize): void {
  const nn = <usize>n * <usize>n;
  const right = workPtr;
  const left = workPtr + (nn << 3);
  const wrR = left + (nn << 3);
  const wiR = wrR + (<usize>n << 3);
  memory.copy(right, tPtr, nn << 3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // T_ab with a = n−1−j, b = n−1−i: only the quasi-triangle (h keeps Householder vectors below it).
      const a = n - 1 - j, b = n - 1 - i;
      const inside = b >= a || (b == a - 1 && ld(wiPtr, a) < 0.0);
      st(left, i * n + j, inside ? ld(tPtr, a * n + b) : 0.0);
    }
    st(wrR, i, ld(wrPtr, n - 1 - i));
    st(wiR, i, -ld(wiPtr, n - 1 - i));
  }
  if (!backSubstitute(right, n, wrPtr, wiPtr)) {
    for (let j = 0; j < n; j++) st(sPtr, j, 1.0);
    return;
  }
  backSubstitute(left, n, wrR, wiR);
  for (let j = 0; j < n; j++) {
    const pair = ld(wiPtr, j) > 0.0;
    const last = pair ? j + 1 : j; // rows 0..last hold the vector
    const q = n - 1 - last; // first column of the same eigenvalue in R
    // x lives on rows 0..last, ȳ = P·v on rows j..n−1 (v on R's rows 0..n−1−j): they meet on j..last.
    let dotRe = 0.0, dotIm = 0.0, xx = 0.0, zz = 0.0;
    for (let t = 0; t <= last; t++) {
      const xr = ld(right, t * n + j);
      const xi = pair ? ld(right, t * n + j + 1) : 0.0;
      xx += xr * xr + xi * xi;
      if (t < j) continue;
      const zRow = (n - 1 - t) * n;
      const zr = ld(left, zRow + q);
      const zi = pair ? ld(left, zRow + q + 1) : 0.0;
      dotRe += zr * xr - zi * xi;
      dotIm += zr * xi + zi * xr;
    }
    for (let r = 0; r <= n - 1 - j; r++) {
      const zr = ld(left, r * n + q);
      const zi = pair ? ld(left, r * n + q + 1) : 0.0;
      zz += zr * zr + zi * zi;
    }
    const scale = Math.sqrt(xx) * Math.sqrt(zz);
    const sj = scale > 0.0 && scale < f64.MAX_VALUE ? Math.hypot(dotRe, dotIm) / scale : 0.0;
    st(sPtr, j, sj);
    if (pair) {
      st(sPtr, j + 1, sj);
      j++;
    }
  }
}

/**
 * Householder tridiagonalisation of a symmetric a (n×n, in place; EISPACK tred2 as stored
 * transposed by ml-matrix): d ← diagonal, e[1..n) ← subdiagonal (e[0] = 0), and row i of a ← the
 * i-th column of Q, so A = Q·tridiag(d, e)·Qᵀ.
 */
export function eig_sym_tridiagonalize_f64(aPtr: usize, n: i32, dPtr: usize, ePtr: usize): void {
  for (let j = 0; j < n; j++) st(dPtr, j, ld(aPtr, j * n + n - 1));
  for (let i = n - 1; i > 0; i--) {
    let scale = 0.0;
    let h = 0.0;
    for (let k = 0; k < i; k++) scale += Math.abs(ld(dPtr, k));
    if (scale == 0.0) {
      st(ePtr, i, ld(dPtr, i - 1));
      for (let j = 0; j < i; j++) {
        st(dPtr, j, ld(aPtr, j * n + i - 1));
        st(aPtr, j * n + i, 0.0);
        st(aPtr, i * n + j, 0.0);
      }
    } else {
      for (let k = 0; k < i; k++) {
        st(dPtr, k, ld(dPtr, k) / (scale));
        h += ld(dPtr, k) * ld(dPtr, k);
      }
      let f = ld(dPtr, i - 1);
      let g = Math.sqrt(h);
      if (f > 0.0) g = -g;
      st(ePtr, i, scale * g);
      h -= f * g;
      st(dPtr, i - 1, f - g);
      for (let j = 0; j < i; j++) st(ePtr, j, 0.0);
      for (let j = 0; j < i; j++) {
        f = ld(dPtr, j);
        st(aPtr, i * n + j, f);
        g = ld(ePtr, j) + ld(aPtr, j * n + j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += ld(aPtr, j * n + k) * ld(dPtr, k);
          st(ePtr, k, ld(ePtr, k) + (ld(aPtr, j * n + k) * f));
        }
        st(ePtr, j, g);
      }
      f = 0.0;
      for (let j = 0; j < i; j++) {
        st(ePtr, j, ld(ePtr, j) / (h));
        f += ld(ePtr, j) * ld(dPtr, j);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) st(ePtr, j, ld(ePtr, j) - (hh * ld(dPtr, j)));
      for (let j = 0; j < i; j++) {
        f = ld(dPtr, j);
        g = ld(ePtr, j);
        for (let k = j; k <= i - 1; k++) st(aPtr, j * n + k, ld(aPtr, j * n + k) - (f * ld(ePtr, k) + g * ld(dPtr, k)));
        st(dPtr, j, ld(aPtr, j * n + i - 1));
        st(aPtr, j * n + i, 0.0);
      }
    }
    st(dPtr, i, h);
  }
  // Accumulate transformations.
  for (let i = 0; i < n - 1; i++) {
    st(aPtr, i * n + n - 1, ld(aPtr, i * n + i));
    st(aPtr, i * n + i, 1.0);
    const h = ld(dPtr, i + 1);
    if (h != 0.0) {
      for (let k = 0; k <= i; k++) st(dPtr, k, ld(aPtr, (i + 1) * n + k) / h);
      for (let j = 0; j <= i; j++) {
        let g = 0.0;
        for (let k = 0; k <= i; k++) g += ld(aPtr, (i + 1) * n + k) * ld(aPtr, j * n + k);
        for (let k = 0; k <= i; k++) st(aPtr, j * n + k, ld(aPtr, j * n + k) - (g * ld(dPtr, k)));
      }
    }
    for (let k = 0; k <= i; k++) st(aPtr, (i + 1) * n + k, 0.0);
  }
  for (let j = 0; j < n; j++) {
    st(dPtr, j, ld(aPtr, j * n + n - 1));
    st(aPtr, j * n + n - 1, 0.0);
  }
  st(aPtr, (n - 1) * n + n - 1, 1.0);
  st(ePtr, 0, 0.0);
}

/**
 * Implicit QL with Wilkinson shifts on the symmetric tridiagonal (d, e): d diagonal f64[n], e[1..n)
 * subdiagonal (e[i] couples i − 1 and i; e[0] ignored); both overwritten. With wantZ, the rotations
 * are applied to the rows of z (n×n: identity for the tridiagonal's own vectors, or the Q of
 * eig_sym_tridiagonalize_f64), so row i of z becomes the unit eigenvector of d[i]. On success d is sorted
 * ascending (rows of z with it). At most maxSweeps sweeps; info[0] = sweeps, info[1] = number of
 * eigenvalues not converged (then d[0..n − info[1]) hold the converged ones, unsorted).
 */
export function eig_sym_tridiagonal_ql_f64(
  dPtr: usize, ePtr: usize, n: i32, zPtr: usize, wantZ: bool, maxSweeps: i32, infoPtr: usize,
): void {
  const eps = f64.EPSILON;
  for (let i = 1; i < n; i++) st(ePtr, i - 1, ld(ePtr, i));
  st(ePtr, n - 1, 0.0);
  let f = 0.0;
  let tst1 = 0.0;
  let sweeps = 0;
  let l = 0;
  for (; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ld(dPtr, l)) + Math.abs(ld(ePtr, l)));
    let m = l;
    while (m < n) {
      if (Math.abs(ld(ePtr, m)) <= eps * tst1) break;
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
        let g = ld(dPtr, l);
        let p = (ld(dPtr, l + 1) - g) / (2.0 * ld(ePtr, l));
        let r = Math.hypot(p, 1.0);
        if (p < 0.0) r = -r;
        st(dPtr, l, ld(ePtr, l) / (p + r));
        st(dPtr, l + 1, ld(ePtr, l) * (p + r));
        const dl1 = ld(dPtr, l + 1);
        let h = g - ld(dPtr, l);
        for (let i = l + 2; i < n; i++) st(dPtr, i, ld(dPtr, i) - (h));
        f += h;
        // Implicit QL transformation.
        p = ld(dPtr, m);
        let c = 1.0, c2 = 1.0, c3 = 1.0;
        const el1 = ld(ePtr, l + 1);
        let s = 0.0, s2 = 0.0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * ld(ePtr, i);
          h = c * p;
          r = Math.hypot(p, ld(ePtr, i));
          st(ePtr, i + 1, s * r);
          s = ld(ePtr, i) / r;
          c = p / r;
          p = c * ld(dPtr, i) - s * g;
          st(dPtr, i + 1, h + s * (c * g + s * ld(dPtr, i)));
          if (wantZ) {
            for (let k = 0; k < n; k++) {
              h = ld(zPtr, (i + 1) * n + k);
              st(zPtr, (i + 1) * n + k, s * ld(zPtr, i * n + k) + c * h);
              st(zPtr, i * n + k, c * ld(zPtr, i * n + k) - s * h);
            }
          }
        }
        p = (-s * s2 * c3 * el1 * ld(ePtr, l)) / dl1;
        st(ePtr, l, s * p);
        st(dPtr, l, c * p);
      } while (Math.abs(ld(ePtr, l)) > eps * tst1);
      if (failed) break;
    }
    st(dPtr, l, ld(dPtr, l) + (f));
    st(ePtr, l, 0.0);
  }
  store<i32>(infoPtr, sweeps);
  store<i32>(infoPtr, n - l, 4);
  if (l < n) return;
  // Selection sort ascending, rows of z alongside.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = ld(dPtr, i);
    for (let j = i + 1; j < n; j++) {
      if (ld(dPtr, j) < p) {
        k = j;
        p = ld(dPtr, j);
      }
    }
    if (k != i) {
      st(dPtr, k, ld(dPtr, i));
      st(dPtr, i, p);
      if (wantZ) {
        for (let j = 0; j < n; j++) {
          p = ld(zPtr, i * n + j);
          st(zPtr, i * n + j, ld(zPtr, k * n + j));
          st(zPtr, k * n + j, p);
        }
      }
    }
  }
}

