/** Descriptive statistics shared by the analyses: one home for quantiles and correlations. */

/** The p-quantile of ascending `sorted` by linear interpolation between order statistics (NumPy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Ranks with ties averaged (1-based). */
function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const r = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation of paired samples (pairs with a non-finite member are dropped). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`spearman: lengths differ (${a.length} vs ${b.length})`);
  const keep = Array.from({ length: a.length }, (_, i) => i).filter((i) => Number.isFinite(a[i]) && Number.isFinite(b[i]));
  return pearson(ranks(keep.map((i) => a[i])), ranks(keep.map((i) => b[i])));
}

/** Pearson correlation of a and b (NaN when either is constant). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** The spread of a set of values (see `spread`). */
export interface Spread { mean: number; sd: number; min: number; max: number; count: number }

/** Mean, sample standard deviation (n − 1; 0 for one value), minimum and maximum of finite values (NaN when none). */
export function spread(values: ArrayLike<number>): Spread {
  const finite = Array.from(values).filter(Number.isFinite);
  const count = finite.length;
  if (count === 0) return { mean: Number.NaN, sd: Number.NaN, min: Number.NaN, max: Number.NaN, count };
  const mean = finite.reduce((s, v) => s + v, 0) / count;
  const sd = count > 1 ? Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (count - 1)) : 0;
  return { mean, sd, min: Math.min(...finite), max: Math.max(...finite), count };
}
