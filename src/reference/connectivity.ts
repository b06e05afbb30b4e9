/**
 * Plain-TS versions of assembly/kernels/connectivity.ts with the same argument order (a
 * RefGenerator for the state pointer, typed arrays for pointers) and the same draw order, so
 * structures agree bit for bit and weights to the last bits of the host's Math.log/sqrt.
 * Written for clarity; the benchmarks time them as the pure-JS generators.
 */
import type { RefGenerator } from './rng.js';

export function connGaussianDenseRef(rng: RefGenerator, out: Float64Array, n: number, mean: number, std: number,
                                     eta: number, selfCoupling: number): void {
  const c = Math.sqrt(1 - eta * eta);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = selfCoupling !== 0 ? mean + std * rng.normal() : 0;
    for (let j = i + 1; j < n; j++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      out[i * n + j] = mean + std * z1;
      out[j * n + i] = mean + std * (eta * z1 + c * z2);
    }
  }
}

export function connDegreePairsRef(rng: RefGenerator, n: number, mu: number, sigma: number, rho: number,
                                   kIn: Float64Array, kOut: Float64Array): void {
  const c = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    const z1 = rng.normal();
    const z2 = rng.normal();
    kIn[i] = Math.exp(mu + sigma * z1);
    kOut[i] = Math.exp(mu + sigma * (rho * z1 + c * z2));
  }
}

export function connConfigFillRef(rng: RefGenerator, n: number, rowPtr: Int32Array, kOut: Int32Array, pool: Int32Array,
                                  mark: Int32Array, colIdx: Int32Array, maxTries: number): number {
  let remaining = 0;
  for (let j = 0; j < n; j++) for (let c = 0; c < kOut[j]; c++) pool[remaining++] = j;
  mark.fill(0, 0, n);
  let placed = 0;
  let start = rowPtr[0];
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1];
    const rowStart = placed;
    const accept = (r: number, j: number) => {
      mark[j] = i + 1;
      colIdx[placed++] = j;
      pool[r] = pool[--remaining];
    };
    for (let want = end - start; want > 0 && remaining > 0; want--) {
      let done = false;
      for (let tries = 0; tries < maxTries && !done; tries++) {
        const r = rng.below(remaining);
        if (pool[r] !== i && mark[pool[r]] !== i + 1) {
          accept(r, pool[r]);
          done = true;
        }
      }
      // Degree-preserving swap: earlier edge a ← b becomes a ← j, and i ← b is added.
      for (let tries = 0; tries < maxTries && !done && rowStart > 0; tries++) {
        const r = rng.below(remaining);
        const j = pool[r];
        const e = rng.below(rowStart);
        let a = i - 1;
        while (rowPtr[a] > e) a--;
        const b = colIdx[e];
        const row = colIdx.subarray(rowPtr[a], a + 1 < i ? rowPtr[a + 1] : rowStart);
        if (b !== i && mark[b] !== i + 1 && j !== a && !row.includes(j)) {
          row[e - rowPtr[a]] = j;
          row.sort();
          accept(r, b);
          done = true;
        }
      }
    }
    colIdx.subarray(rowStart, placed).sort();
    rowPtr[i] = rowStart;
    start = end;
  }
  rowPtr[n] = placed;
  return placed;
}

/**
 * Reverse edges by merging each row with the same-numbered column of the transpose (a different
 * algorithm from the kernel's binary search, so that the test compares two).
 */
export function connCsrPartnersRef(n: number, rowPtr: Int32Array, colIdx: Int32Array, partner: Int32Array): number {
  const nnz = rowPtr[n];
  const colPtr = new Int32Array(n + 1);
  const cscRow = new Int32Array(nnz);
  const cscEdge = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) colPtr[colIdx[k] + 1]++;
  for (let j = 0; j < n; j++) colPtr[j + 1] += colPtr[j];
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const p = colPtr[colIdx[k]]++;
      cscRow[p] = i;
      cscEdge[p] = k;
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    let a = rowPtr[i];
    let b = i === 0 ? 0 : colPtr[i - 1];
    partner.fill(-1, rowPtr[i], rowPtr[i + 1]);
    while (a < rowPtr[i + 1] && b < colPtr[i]) {
      if (colIdx[a] < cscRow[b]) a++;
      else if (colIdx[a] > cscRow[b]) b++;
      else {
        if (colIdx[a] !== i) {
          partner[a] = cscEdge[b];
          count++;
        }
        a++;
        b++;
      }
    }
  }
  return count;
}

export function connPairNormalRef(rng: RefGenerator, nnz: number, partner: Int32Array, vals: Float64Array,
                                  mean: number, std: number, eta: number): void {
  const c = Math.sqrt(1 - eta * eta);
  for (let k = 0; k < nnz; k++) {
    const p = partner[k];
    if (p < 0) {
      vals[k] = mean + std * rng.normal();
    } else if (p > k) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      vals[k] = mean + std * z1;
      vals[p] = mean + std * (eta * z1 + c * z2);
    }
  }
}

/** Row i's partners among columns [lo, hi) \ {i}, appended to `out` (see sampleBlock in the kernel). */
function sampleBlockRef(rng: RefGenerator, i: number, lo: number, hi: number, fixed: number, k: number, p: number,
                        out: number[]): void {
  const candidates: number[] = [];
  for (let c = lo; c < hi; c++) if (c !== i) candidates.push(c);
  const m = candidates.length;
  if (fixed !== 0) {
    const chosen = new Set<number>();
    for (let t = m - k; t < m; t++) {
      const pick = rng.below(t + 1);
      const index = chosen.has(pick) ? t : pick;
      chosen.add(index);
      out.push(candidates[index]);
    }
  } else if (p > 0) {
    for (let t = -1; ;) {
      t += p >= 1 ? 1 : 1 + Math.min(Math.floor(Math.log(1 - rng.uniform()) / Math.log(1 - p)), m);
      if (t >= m) break;
      out.push(candidates[t]);
    }
  }
}

function eiColumnsRef(rng: RefGenerator, n: number, nExc: number, fixed: number, kExc: number, kInh: number,
                      pExc: number, pInh: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const row: number[] = [];
    sampleBlockRef(rng, i, 0, nExc, fixed, kExc, pExc, row);
    sampleBlockRef(rng, i, nExc, n, fixed, kInh, pInh, row);
    return row.sort((a, b) => a - b);
  });
}

export function connEiCountRef(rng: RefGenerator, n: number, nExc: number, fixed: number, kExc: number,
                               kInh: number, pExc: number, pInh: number, rowPtr: Int32Array): number {
  const rows = eiColumnsRef(rng.clone(), n, nExc, fixed, kExc, kInh, pExc, pInh);
  rowPtr[0] = 0;
  rows.forEach((row, i) => { rowPtr[i + 1] = rowPtr[i] + row.length; });
  return rowPtr[n];
}

export function connEiFillRef(rng: RefGenerator, n: number, nExc: number, fixed: number, kExc: number, kInh: number,
                              pExc: number, pInh: number, colIdx: Int32Array): number {
  const flat = eiColumnsRef(rng, n, nExc, fixed, kExc, kInh, pExc, pInh).flat();
  colIdx.set(flat);
  return flat.length;
}

export function connEiWeightsRef(rng: RefGenerator, nnz: number, colIdx: Int32Array, nExc: number, wExc: number,
                                 wInh: number, jitterMu: number, jitterSigma: number, vals: Float64Array): void {
  for (let k = 0; k < nnz; k++) {
    const w = colIdx[k] < nExc ? wExc : wInh;
    vals[k] = jitterSigma > 0 ? w * Math.exp(jitterMu + jitterSigma * rng.normal()) : w;
  }
}

/** Moments [nnz, mean, M2, r, m_r, Sxx, Sxy] of a list of edges with optional partner weights. */
function momentsRef(weights: number[], partnerWeights: (number | undefined)[], out: Float64Array): void {
  const mean = weights.length > 0 ? weights.reduce((s, w) => s + w, 0) / weights.length : 0;
  const rec = weights.flatMap((w, k) => (partnerWeights[k] === undefined ? [] : [[w, partnerWeights[k] as number]]));
  const meanR = rec.length > 0 ? rec.reduce((s, [x]) => s + x, 0) / rec.length : 0;
  out.set([
    weights.length, mean, weights.reduce((s, w) => s + (w - mean) ** 2, 0),
    rec.length, meanR, rec.reduce((s, [x]) => s + (x - meanR) ** 2, 0),
    rec.reduce((s, [x, y]) => s + (x - meanR) * (y - meanR), 0),
  ]);
}

export function connCsrMomentsRef(nnz: number, vals: Float64Array, partner: Int32Array, out: Float64Array): void {
  const weights = Array.from(vals.subarray(0, nnz));
  momentsRef(weights, weights.map((_, k) => (partner[k] >= 0 ? vals[partner[k]] : undefined)), out);
}

export function connDenseMomentsRef(a: Float64Array, n: number, inDeg: Int32Array, outDeg: Int32Array,
                                    out: Float64Array): void {
  inDeg.fill(0, 0, n);
  outDeg.fill(0, 0, n);
  const weights: number[] = [];
  const partners: (number | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (a[i * n + j] === 0) continue;
      inDeg[i]++;
      outDeg[j]++;
      weights.push(a[i * n + j]);
      partners.push(i !== j && a[j * n + i] !== 0 ? a[j * n + i] : undefined);
    }
  }
  momentsRef(weights, partners, out);
}

/**
 * Integer degree targets as the model specifies them (written independently of
 * src/connectivity/degrees.ts): in-degrees are the draws rounded along their cumulative sum
 * (in_i = round(Σ_{l≤i} k_l) − round(Σ_{l<i} k_l)); out-degrees are the draws rescaled to the
 * in-degree total and rounded the same way; both capped at n − 1.
 */
function degreeTargetsRef(kIn: Float64Array, kOut: Float64Array, n: number) {
  const alongCumulativeSum = (x: Float64Array, scale: number) => {
    const out = new Int32Array(n);
    let cumulative = 0;
    for (let j = 0; j < n; j++) {
      const before = Math.round(cumulative);
      cumulative += x[j] * scale;
      out[j] = Math.min(Math.round(cumulative) - before, n - 1);
    }
    return out;
  };
  const inDegree = alongCumulativeSum(kIn, 1);
  const total = inDegree.reduce((a, b) => a + b, 0);
  const outSum = kOut.reduce((a, b) => a + b, 0);
  const outDegree = alongCumulativeSum(kOut, outSum > 0 ? total / outSum : 0);
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + inDegree[i];
  return { inDegree, outDegree, total, rowPtr };
}

/**
 * The whole lognormal generator (src/connectivity/lognormal.ts) in pure JS: the same steps,
 * draws and integer degree targets, so it yields the same structure from the same generator
 * state. It is the "pure JS" side of the generation benchmark.
 */
export function lognormalArraysRef(rng: RefGenerator, n: number, k: number, mu: number, sigma: number, rho: number,
                                   g: number, j0: number, eta: number, maxTries: number) {
  const kIn = new Float64Array(n);
  const kOut = new Float64Array(n);
  connDegreePairsRef(rng, n, mu, sigma, rho, kIn, kOut);
  const targets = degreeTargetsRef(kIn, kOut, n);
  const { rowPtr } = targets;
  const pool = new Int32Array(targets.outDegree.reduce((s, d) => s + d, 0));
  const colIdxFull = new Int32Array(targets.total);
  const placed = connConfigFillRef(rng, n, rowPtr, targets.outDegree, pool, new Int32Array(n), colIdxFull, maxTries);
  const colIdx = colIdxFull.slice(0, placed);
  const partner = new Int32Array(placed);
  connCsrPartnersRef(n, rowPtr, colIdx, partner);
  const values = new Float64Array(placed);
  connPairNormalRef(rng, placed, partner, values, j0 / k, g / Math.sqrt(k), eta);
  return { nRows: n, nCols: n, rowPtr, colIdx, values };
}
