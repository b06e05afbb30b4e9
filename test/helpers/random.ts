import seedrandom from 'seedrandom';

/** n values uniform in [lo, hi) from a named seed (test data independent of the WASM generator). */
export function randomArray(seed: string, n: number, lo = -1, hi = 1): Float64Array {
  const rng = seedrandom(seed);
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * rng());
}

/** A random CSR matrix with about `perRow` entries a row (unsorted, distinct columns: a repeat moves to the next free column). */
export function randomCsr(seed: string, nRows: number, nCols: number, perRow: number) {
  const rng = seedrandom(seed);
  const rowPtr = new Int32Array(nRows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < nRows; r++) {
    const count = Math.min(Math.floor(rng() * (2 * perRow + 1)), nCols);
    const seen = new Set<number>();
    for (let k = 0; k < count; k++) {
      let c = Math.floor(rng() * nCols);
      while (seen.has(c)) c = (c + 1) % nCols;
      seen.add(c);
      cols.push(c);
      vals.push(2 * rng() - 1);
    }
    rowPtr[r + 1] = cols.length;
  }
  return { nRows, nCols, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}

