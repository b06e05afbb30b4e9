/**
 * Random connectivity: generators that draw from an xoshiro256** state block (inline/xoshiro.ts)
 * and O(nnz) statistics. Convention: row i = postsynaptic, column j = presynaptic, so J_ij is the
 * weight from j to i. Matrices are n×n; dense ones row-major f64[n·n]; CSR as in spmv.ts with
 * strictly increasing columns per row (the generators produce that; partner search relies on it).
 *
 * Memory contract: kernels never allocate; every scratch array is passed in by the host and
 * (re)initialised by the kernel itself, so a call is a pure function of its inputs and the
 * generator state. Sizes are validated by the host (src/connectivity). Buffers must not alias
 * unless a kernel says so. Draw order is part of the contract: src/reference/connectivity.ts
 * replays it with the same argument order, so structure (integer draws) matches bit for bit.
 */
import { f64At, i32At, setF64, setI32 } from "./inline/memory";
import { nextBelow, nextNormal, nextUniform, RNG_STATE_BYTES } from "./inline/xoshiro";

/** Sorts i32[len] at ptr ascending in place (Shell sort with Knuth's gaps 1, 4, 13, 40, …). */
function sortI32(ptr: usize, len: i32): void {
  let gap = 1;
  while (gap < len / 3) gap = 3 * gap + 1;
  for (; gap >= 1; gap = (gap - 1) / 3) {
    for (let i = gap; i < len; i++) {
      const v = i32At(ptr, i);
      let j = i;
      while (j >= gap && i32At(ptr, j - gap) > v) {
        setI32(ptr, j, i32At(ptr, j - gap));
        j -= gap;
      }
      setI32(ptr, j, v);
    }
  }
}

/**
 * Dense Gaussian network (Sompolinsky, Crisanti & Sommers 1988) with partial symmetry:
 * for each pair i < j (row-major over the upper triangle) z1, z2 ~ N(0, 1) and
 *   J_ij = mean + std·z1,   J_ji = mean + std·(η z1 + √(1−η²) z2),
 * so corr(J_ij, J_ji) = η. The diagonal J_ii = mean + std·z (drawn before row i's pairs) when
 * selfCoupling ≠ 0, else 0. out: T[n·n]; each entry is formed in f64 and stored as T, so the f32
 * kernel's entries are the f64 kernel's rounded to nearest for the same RNG state.
 */
// @ts-ignore: decorator
@inline
function gaussianDense<T>(state: usize, outPtr: usize, n: i32, mean: f64, std: f64, eta: f64, selfCoupling: i32): void {
  const c = Math.sqrt(1.0 - eta * eta);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    store<T>(outPtr + (<usize>(rowI + i) << alignof<T>()), <T>(selfCoupling != 0 ? mean + std * nextNormal(state) : 0.0));
    for (let j = i + 1; j < n; j++) {
      const z1 = nextNormal(state);
      const z2 = nextNormal(state);
      store<T>(outPtr + (<usize>(rowI + j) << alignof<T>()), <T>(mean + std * z1));
      store<T>(outPtr + (<usize>(j * n + i) << alignof<T>()), <T>(mean + std * (eta * z1 + c * z2)));
    }
  }
}

/** gaussianDense with f64 entries (out: f64[n·n]). */
export function conn_gaussian_dense_f64(state: usize, outPtr: usize, n: i32, mean: f64, std: f64,
                                        eta: f64, selfCoupling: i32): void {
  gaussianDense<f64>(state, outPtr, n, mean, std, eta, selfCoupling);
}

/** gaussianDense with f32 entries (out: f32[n·n]). */
export function conn_gaussian_dense_f32(state: usize, outPtr: usize, n: i32, mean: f64, std: f64,
                                        eta: f64, selfCoupling: i32): void {
  gaussianDense<f32>(state, outPtr, n, mean, std, eta, selfCoupling);
}

/**
 * Correlated lognormal degree propensities: for each neuron z1, z2 ~ N(0, 1) and
 *   k_in = exp(μ + σ z1),   k_out = exp(μ + σ(ρ z1 + √(1−ρ²) z2)),
 * so the log-degrees have correlation ρ (the degrees themselves have Pearson correlation
 * (e^{ρσ²} − 1)/(e^{σ²} − 1)). kIn, kOut: f64[n].
 */
export function conn_degree_pairs_f64(state: usize, n: i32, mu: f64, sigma: f64, rho: f64,
                                      kInPtr: usize, kOutPtr: usize): void {
  const c = Math.sqrt(1.0 - rho * rho);
  for (let i = 0; i < n; i++) {
    const z1 = nextNormal(state);
    const z2 = nextNormal(state);
    setF64(kInPtr, i, Math.exp(mu + sigma * z1));
    setF64(kOutPtr, i, Math.exp(mu + sigma * (rho * z1 + c * z2)));
  }
}

/** Row of edge e among rows 0…i−1 (starts in rowPtr[0…i−1], rowPtr[i] not yet written): the last row starting at ≤ e. */
function rowOfEdge(rowPtr: usize, i: i32, e: i32): i32 {
  let lo = 0, hi = i - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (i32At(rowPtr, mid) <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether the sorted colIdx[start, end) holds c. */
function sortedContains(colIdxPtr: usize, start: i32, end: i32, c: i32): bool {
  let lo = start, hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = i32At(colIdxPtr, mid);
    if (v < c) lo = mid + 1;
    else if (v > c) hi = mid - 1;
    else return true;
  }
  return false;
}

/** In the sorted colIdx[start, end), replaces the entry at e by c and restores the order. */
function replaceSorted(colIdxPtr: usize, start: i32, end: i32, e: i32, c: i32): void {
  for (let q = e; q + 1 < end; q++) setI32(colIdxPtr, q, i32At(colIdxPtr, q + 1));
  let q = end - 1;
  while (q > start && i32At(colIdxPtr, q - 1) > c) {
    setI32(colIdxPtr, q, i32At(colIdxPtr, q - 1));
    q--;
  }
  setI32(colIdxPtr, q, c);
}

/**
 * Directed configuration model by sequential stub matching. The pool holds presynaptic stub j
 * kOut[j] times. Row i (in order) wants rowPtr[i+1] − rowPtr[i] inputs; each input draws a pool
 * stub r uniformly (nextBelow(remaining)), rejects self-loops and repeats of an already-chosen
 * presynaptic neuron, and removes accepted stubs from the pool (swap with the last).
 *
 * Near the end the pool may hold only stubs that row i must reject. After maxTries rejections the
 * input is placed by a degree-preserving swap instead: draw a stub j (r) and an earlier edge
 * a ← b (e uniform over the edges of rows < i); if b ≠ i is new to row i and j ≠ a is new to
 * row a, rewire a ← b into a ← j and add i ← b. Every degree stays as requested. Only if
 * maxTries swaps fail too is the input dropped (realised degree below the requested one).
 *
 * The output is compact: row i's columns are written at the running total and sorted, and rowPtr is
 * rewritten in place to the realised structure (rowPtr[n] = edges placed, the return value).
 * rowPtr: i32[n+1] (in: requested, out: realised), kOut: i32[n], pool: i32[Σ kOut] scratch,
 * mark: i32[n] scratch, colIdx: i32[rowPtr[n] requested].
 */
export function conn_config_fill_i32(state: usize, n: i32, rowPtr: usize, kOutPtr: usize, poolPtr: usize,
                                     markPtr: usize, colIdxPtr: usize, maxTries: i32): i32 {
  let remaining = 0;
  for (let j = 0; j < n; j++) {
    const k = i32At(kOutPtr, j);
    for (let c = 0; c < k; c++) setI32(poolPtr, remaining++, j);
  }
  memory.fill(markPtr, 0, <usize>n << 2);
  let placed = 0;
  let start = i32At(rowPtr, 0);
  for (let i = 0; i < n; i++) {
    const end = i32At(rowPtr, i + 1);
    const rowStart = placed;
    for (let want = end - start; want > 0 && remaining > 0; want--) {
      let done = false;
      for (let tries = 0; tries < maxTries && !done; tries++) {
        const r = <i32>nextBelow(state, <u32>remaining);
        const j = i32At(poolPtr, r);
        if (j != i && i32At(markPtr, j) != i + 1) {
          setI32(markPtr, j, i + 1);
          setI32(colIdxPtr, placed++, j);
          setI32(poolPtr, r, i32At(poolPtr, --remaining));
          done = true;
        }
      }
      for (let tries = 0; tries < maxTries && !done && rowStart > 0; tries++) {
        const r = <i32>nextBelow(state, <u32>remaining);
        const j = i32At(poolPtr, r);
        const e = <i32>nextBelow(state, <u32>rowStart);
        const a = rowOfEdge(rowPtr, i, e);
        const b = i32At(colIdxPtr, e);
        const aStart = i32At(rowPtr, a);
        const aEnd = a + 1 < i ? i32At(rowPtr, a + 1) : rowStart;
        if (b != i && i32At(markPtr, b) != i + 1 && j != a && !sortedContains(colIdxPtr, aStart, aEnd, j)) {
          replaceSorted(colIdxPtr, aStart, aEnd, e, j);
          setI32(markPtr, b, i + 1);
          setI32(colIdxPtr, placed++, b);
          setI32(poolPtr, r, i32At(poolPtr, --remaining));
          done = true;
        }
      }
    }
    sortI32(colIdxPtr + (<usize>rowStart << 2), placed - rowStart);
    setI32(rowPtr, i, rowStart);
    start = end;
  }
  setI32(rowPtr, n, placed);
  return placed;
}

/**
 * The reverse edge (j ← i) of edge (i ← j), or −1 (also for i = j), for edges visited in row order
 * i = 0, 1, … of a square CSR with strictly increasing columns per row: the searches for column i
 * in row j then come in increasing i, so a cursor per row (cursor: i32[n], set to rowPtr[0..n)
 * before the first row) walks forward to it. Each cursor crosses its row once: O(nnz) in all, and
 * one random access per edge where a binary search makes several (the cost at 10⁸ edges).
 */
// @ts-ignore: decorator
@inline
function reverseEdge(i: i32, j: i32, rowPtr: usize, colIdxPtr: usize, cursorPtr: usize): i32 {
  if (j == i) return -1;
  const rowEnd = i32At(rowPtr, j + 1);
  let q = i32At(cursorPtr, j);
  while (q < rowEnd && i32At(colIdxPtr, q) < i) q++;
  setI32(cursorPtr, j, q);
  return q < rowEnd && i32At(colIdxPtr, q) == i ? q : -1;
}

/**
 * For each edge k (i ← j) of a square CSR matrix with strictly increasing columns per row, the
 * index of the reverse edge (j ← i), or −1 (also for i = j), by reverseEdge's cursors (cursor:
 * i32[n] scratch, 4 bytes per node beside the 4 per edge of partner: i32[nnz]; a transpose would
 * need two more nnz-sized arrays). Returns the number of edges that have a partner.
 */
export function conn_csr_partners_i32(n: i32, rowPtr: usize, colIdxPtr: usize, cursorPtr: usize, partnerPtr: usize): i32 {
  memory.copy(cursorPtr, rowPtr, <usize>n << 2);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const end = i32At(rowPtr, i + 1);
    for (let k = i32At(rowPtr, i); k < end; k++) {
      const p = reverseEdge(i, i32At(colIdxPtr, k), rowPtr, colIdxPtr, cursorPtr);
      if (p >= 0) count++;
      setI32(partnerPtr, k, p);
    }
  }
  return count;
}

/**
 * Edge weights with partial symmetry on reciprocated pairs, in edge order, for a square CSR
 * structure with strictly increasing columns per row: an edge k (i ← j) without a reverse edge
 * gets mean + std·z; at the first edge of a pair (reverse edge p > k) z1, z2 ~ N(0, 1) give
 * vals[k] = mean + std·z1 and vals[p] = mean + std·(η z1 + √(1−η²) z2); at the second (p < k)
 * nothing is drawn. The draws are those of a pass over conn_csr_partners_i32's partner array
 * (src/reference/connectivity.ts connPairNormalRef), but no partner array is needed: reverseEdge's
 * cursors (cursor: i32[n] scratch) find p as the edges are visited. vals: T[nnz]; each value is formed in f64 and then stored as T, so the f32 kernel's values are
 * the f64 kernel's rounded to nearest f32 for the same RNG state. Returns the number of edges that
 * have a reverse edge (2 per pair).
 */
// @ts-ignore: decorator
@inline
function pairNormal<T>(state: usize, n: i32, rowPtr: usize, colIdxPtr: usize, cursorPtr: usize, valsPtr: usize,
                       mean: f64, std: f64, eta: f64): i32 {
  const c = Math.sqrt(1.0 - eta * eta);
  memory.copy(cursorPtr, rowPtr, <usize>n << 2);
  let reciprocated = 0;
  for (let i = 0; i < n; i++) {
    const end = i32At(rowPtr, i + 1);
    for (let k = i32At(rowPtr, i); k < end; k++) {
      const p = reverseEdge(i, i32At(colIdxPtr, k), rowPtr, colIdxPtr, cursorPtr);
      if (p < 0) {
        store<T>(valsPtr + (<usize>k << alignof<T>()), <T>(mean + std * nextNormal(state)));
      } else if (p > k) {
        const z1 = nextNormal(state);
        const z2 = nextNormal(state);
        store<T>(valsPtr + (<usize>k << alignof<T>()), <T>(mean + std * z1));
        store<T>(valsPtr + (<usize>p << alignof<T>()), <T>(mean + std * (eta * z1 + c * z2)));
        reciprocated += 2;
      }
    }
  }
  return reciprocated;
}

/** pairNormal with f64 values (vals: f64[rowPtr[n]]). */
export function conn_pair_normal_f64(state: usize, n: i32, rowPtr: usize, colIdxPtr: usize, cursorPtr: usize,
                                     valsPtr: usize, mean: f64, std: f64, eta: f64): i32 {
  return pairNormal<f64>(state, n, rowPtr, colIdxPtr, cursorPtr, valsPtr, mean, std, eta);
}

/** pairNormal with f32 values (vals: f32[rowPtr[n]]). */
export function conn_pair_normal_f32(state: usize, n: i32, rowPtr: usize, colIdxPtr: usize, cursorPtr: usize,
                                     valsPtr: usize, mean: f64, std: f64, eta: f64): i32 {
  return pairNormal<f32>(state, n, rowPtr, colIdxPtr, cursorPtr, valsPtr, mean, std, eta);
}

/**
 * Samples the presynaptic partners of row i in columns [lo, hi) without self-loops, appending
 * them at colIdx[at] when colIdxPtr ≠ 0; returns the count. fixed ≠ 0: exactly k of the m
 * candidates by Floyd's algorithm (mark: candidate stamps); else each candidate independently with
 * probability p, by geometric skips of ⌊ln(1−U)/ln(1−p)⌋ (Batagelj & Brandes 2005).
 */
function sampleBlock(state: usize, i: i32, lo: i32, hi: i32, fixed: i32, k: i32, p: f64,
                     markPtr: usize, stamp: i32, colIdxPtr: usize, at: i32): i32 {
  const hasSelf = i >= lo && i < hi ? 1 : 0;
  const m = hi - lo - hasSelf;
  const gapSelf = hasSelf != 0 ? i - lo : m;
  let count = 0;
  if (fixed != 0) {
    for (let t = m - k; t < m; t++) {
      let pick = <i32>nextBelow(state, <u32>(t + 1));
      if (i32At(markPtr, pick) == stamp) pick = t;
      setI32(markPtr, pick, stamp);
      if (colIdxPtr != 0) setI32(colIdxPtr, at + count, lo + pick + (pick >= gapSelf ? 1 : 0));
      count++;
    }
  } else if (p > 0.0) {
    const logQ = Math.log(1.0 - p);
    let t = -1;
    while (true) {
      t += p >= 1.0 ? 1 : 1 + <i32>Math.min(Math.floor(Math.log(1.0 - nextUniform(state)) / logQ), <f64>m);
      if (t >= m) break;
      if (colIdxPtr != 0) setI32(colIdxPtr, at + count, lo + t + (t >= gapSelf ? 1 : 0));
      count++;
    }
  }
  return count;
}

/** Both blocks of every row; rows are sorted when written. Shared by the count and fill passes. */
function eiColumns(state: usize, n: i32, nExc: i32, fixed: i32, kExc: i32, kInh: i32, pExc: f64, pInh: f64,
                   markPtr: usize, rowPtr: usize, colIdxPtr: usize): i32 {
  memory.fill(markPtr, 0, <usize>n << 2);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const start = total;
    total += sampleBlock(state, i, 0, nExc, fixed, kExc, pExc, markPtr, 2 * i + 1, colIdxPtr, total);
    total += sampleBlock(state, i, nExc, n, fixed, kInh, pInh, markPtr, 2 * i + 2, colIdxPtr, total);
    if (colIdxPtr != 0) sortI32(colIdxPtr + (<usize>start << 2), total - start);
    else setI32(rowPtr, i + 1, total);
  }
  return total;
}

/**
 * E/I block structure, pass 1 of 2: replays the column sampler on a copy of the generator state
 * (scratchState, 48 bytes) and writes rowPtr (i32[n+1], rowPtr[0] = 0). Excitatory neurons are
 * 0..nExc−1. Returns nnz, so the host can size colIdx. The generator state is left unchanged.
 */
export function conn_ei_count_i32(state: usize, scratchState: usize, n: i32, nExc: i32, fixed: i32, kExc: i32,
                                  kInh: i32, pExc: f64, pInh: f64, markPtr: usize, rowPtr: usize): i32 {
  memory.copy(scratchState, state, RNG_STATE_BYTES);
  setI32(rowPtr, 0, 0);
  return eiColumns(scratchState, n, nExc, fixed, kExc, kInh, pExc, pInh, markPtr, rowPtr, 0);
}

/** E/I block structure, pass 2 of 2: the same draws on the real state, writing colIdx (i32[nnz]). */
export function conn_ei_fill_i32(state: usize, n: i32, nExc: i32, fixed: i32, kExc: i32, kInh: i32,
                                 pExc: f64, pInh: f64, markPtr: usize, colIdxPtr: usize): i32 {
  return eiColumns(state, n, nExc, fixed, kExc, kInh, pExc, pInh, markPtr, 0, colIdxPtr);
}

/**
 * Dale's-law weights: vals[k] = (colIdx[k] < nExc ? wExc : wInh)·exp(μ + σ z), z ~ N(0, 1), a
 * positive jitter with mean 1 when μ = −σ²/2; σ = 0 draws nothing and gives the plain weights.
 */
export function conn_ei_weights_f64(state: usize, nnz: i32, colIdxPtr: usize, nExc: i32, wExc: f64, wInh: f64,
                                    jitterMu: f64, jitterSigma: f64, valsPtr: usize): void {
  for (let k = 0; k < nnz; k++) {
    const w = i32At(colIdxPtr, k) < nExc ? wExc : wInh;
    setF64(valsPtr, k, jitterSigma > 0.0 ? w * Math.exp(jitterMu + jitterSigma * nextNormal(state)) : w);
  }
}




/** The moment block f64[7] shared by conn_csr_moments_f64 and conn_dense_moments_f64. */
function storeMoments(outPtr: usize, nnz: i32, mean: f64, m2: f64, recip: i32, meanR: f64, sxx: f64, sxy: f64): void {
  setF64(outPtr, 0, <f64>nnz);
  setF64(outPtr, 1, mean);
  setF64(outPtr, 2, m2);
  setF64(outPtr, 3, <f64>recip);
  setF64(outPtr, 4, meanR);
  setF64(outPtr, 5, sxx);
  setF64(outPtr, 6, sxy);
}

/**
 * Weight moments of a CSR matrix with edge partners (conn_csr_partners_i32), two-pass so that
 * variances do not cancel. out f64[7] = [nnz, mean, Σ(w − mean)², reciprocated edges r,
 * mean over reciprocated edges m_r, Σ(x − m_r)², Σ(x − m_r)(y − m_r)] where (x, y) runs over the
 * ordered reciprocated pairs (J_ij, J_ji), each unordered pair counted in both orders.
 */
export function conn_csr_moments_f64(nnz: i32, valsPtr: usize, partnerPtr: usize, outPtr: usize): void {
  let sum = 0.0, sumR = 0.0, recip = 0;
  for (let k = 0; k < nnz; k++) {
    const w = f64At(valsPtr, k);
    sum += w;
    if (i32At(partnerPtr, k) >= 0) { sumR += w; recip++; }
  }
  const mean = nnz > 0 ? sum / <f64>nnz : 0.0;
  const meanR = recip > 0 ? sumR / <f64>recip : 0.0;
  let m2 = 0.0, sxx = 0.0, sxy = 0.0;
  for (let k = 0; k < nnz; k++) {
    const w = f64At(valsPtr, k);
    m2 += (w - mean) * (w - mean);
    const p = i32At(partnerPtr, k);
    if (p >= 0) {
      sxx += (w - meanR) * (w - meanR);
      sxy += (w - meanR) * (f64At(valsPtr, p) - meanR);
    }
  }
  storeMoments(outPtr, nnz, mean, m2, recip, meanR, sxx, sxy);
}

/**
 * The same moments (out f64[7], layout of conn_csr_moments_f64) for a dense n×n matrix whose
 * nonzero entries are the edges, plus inDeg/outDeg i32[n] (nonzeros per row / per column).
 * A pair i ≠ j is reciprocated when A_ij ≠ 0 and A_ji ≠ 0.
 */
export function conn_dense_moments_f64(aPtr: usize, n: i32, inDegPtr: usize, outDegPtr: usize, outPtr: usize): void {
  memory.fill(inDegPtr, 0, <usize>n << 2);
  memory.fill(outDegPtr, 0, <usize>n << 2);
  let sum = 0.0, sumR = 0.0, nnz = 0, recip = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const w = f64At(aPtr, i * n + j);
      if (w == 0.0) continue;
      nnz++;
      sum += w;
      setI32(inDegPtr, i, i32At(inDegPtr, i) + 1);
      setI32(outDegPtr, j, i32At(outDegPtr, j) + 1);
      if (i != j && f64At(aPtr, j * n + i) != 0.0) { sumR += w; recip++; }
    }
  }
  const mean = nnz > 0 ? sum / <f64>nnz : 0.0;
  const meanR = recip > 0 ? sumR / <f64>recip : 0.0;
  let m2 = 0.0, sxx = 0.0, sxy = 0.0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const w = f64At(aPtr, i * n + j);
      if (w == 0.0) continue;
      m2 += (w - mean) * (w - mean);
      const y = f64At(aPtr, j * n + i);
      if (i != j && y != 0.0) {
        sxx += (w - meanR) * (w - meanR);
        sxy += (w - meanR) * (y - meanR);
      }
    }
  }
  storeMoments(outPtr, nnz, mean, m2, recip, meanR, sxx, sxy);
}
