/**
 * Statistics of spike trains (SpikingNetwork's spike monitor) on a window [t0, t1) (ms; by
 * default everything after the first 200 ms): rates per neuron, per type and of the population,
 * the fraction of silent neurons, the ISI coefficient of variation (neurons with ≥ 4 spikes), the
 * Fano factor of spike counts, the participation ratio (dimension) of binned spike counts and of
 * exponentially filtered trains, and the spike-count covariance of chosen neurons.
 * A statistic that is undefined for the data (too few spikes or neurons) is null, with the reason
 * in `warnings`, never a silent NaN.
 */
import type { SpikeTrains } from '../dynamics/spiking.js';
import type { SampleMatrix } from '../dynamics/run.js';
import type { Runtime } from '../runtime.js';
import { isNumberArrayLike, requireFinite, requireInt, requireIntArray, requireOneOf, requirePositive } from '../validate.js';
import { participationRatio, PR_ESTIMATORS, type PrEstimator } from './participation-ratio.js';

/** Time dropped at the start by default (ms): the transient from v(0). */
export const DEFAULT_TRANSIENT_MS = 200;
/** Fewest spikes (so ≥ 3 intervals) for a neuron's ISI CV. */
export const MIN_SPIKES_FOR_CV = 4;

export interface SpikeWindowOptions {
  /** Window start (ms, default: 200 ms after the trains' start). */
  t0Ms?: number;
  /** Window end (ms, exclusive; default: the trains' end). */
  t1Ms?: number;
}

export interface SpikeStatisticsOptions extends SpikeWindowOptions {
  /** Per-neuron types (0 = LIF, 1 = QIF, 2 = GLM, as SpikingNetwork's) for rates and CVs by type. */
  types?: ArrayLike<number>;
  /** Bin of the spike counts for the Fano factor and PR (ms, default 20). */
  binMs?: number;
  /** Time constant of the exponential filter for the filtered PR (ms, default 20), sampled every sampleMs. */
  filterTauMs?: number;
  /** Sampling interval of the filtered trains (ms, default 1). */
  sampleMs?: number;
  /** Estimator of the participation ratios (participationRatio's: default 'auto', the cross-block estimate where the window allows). */
  prEstimator?: PrEstimator;
}

/** A value by neuron type; null where the network has no neuron of that type or it is undefined. */
export interface ByType {
  lif: number | null;
  qif: number | null;
  glm: number | null;
}

export interface SpikeStatistics {
  window: { t0Ms: number; t1Ms: number };
  n: number;
  /** Spikes inside the window. */
  nSpikes: number;
  /** Population rate: the mean of the per-neuron rates (Hz). */
  rateHz: number;
  rateByType: ByType;
  /** Rate of each neuron (Hz). */
  rates: Float64Array;
  /** Fraction of neurons without a spike in the window. */
  fracSilent: number;
  /** Mean ISI CV over the neurons with ≥ 4 spikes (null if none), and how many those are. */
  cv: number | null;
  cvByType: ByType;
  cvNeurons: number;
  /** Mean over active neurons of var/mean of their spike counts in bins of binMs. */
  fano: number | null;
  /** PR of the binned spike counts (bins × neurons). */
  prBins: number | null;
  /** PR of the exponentially filtered trains sampled every sampleMs. */
  prFiltered: number | null;
  binMs: number;
  filterTauMs: number;
  sampleMs: number;
  warnings: string[];
}

interface Window {
  t0Ms: number;
  t1Ms: number;
  /** Steps [from, to) of the window. */
  from: number;
  to: number;
}

function requireTrains(where: string, trains: SpikeTrains): void {
  if (trains === null || typeof trains !== 'object') throw new TypeError(`${where}: trains must be SpikeTrains (a run's spikes)`);
  requireInt(where, 'trains.n', trains.n, 1);
  requirePositive(where, 'trains.dtMs', trains.dtMs);
  if (!(trains.neuron instanceof Int32Array) || !(trains.step instanceof Int32Array) || trains.neuron.length !== trains.step.length) {
    throw new TypeError(`${where}: trains.neuron and trains.step must be Int32Arrays of equal length`);
  }
}

function windowOf(where: string, trains: SpikeTrains, options: SpikeWindowOptions): Window {
  const startMs = trains.fromStep * trains.dtMs;
  const endMs = trains.toStep * trains.dtMs;
  const t0Ms = requireFinite(where, 't0Ms', options.t0Ms ?? startMs + DEFAULT_TRANSIENT_MS);
  const t1Ms = requireFinite(where, 't1Ms', options.t1Ms ?? endMs);
  if (t0Ms < startMs || t1Ms > endMs + 1e-9 || t1Ms <= t0Ms) {
    throw new RangeError(
      `${where}: the window [${t0Ms}, ${t1Ms}) ms must be non-empty and inside the recorded [${startMs}, ${endMs}) ms` +
        (options.t0Ms === undefined ? ` (the default drops the first ${DEFAULT_TRANSIENT_MS} ms: run longer or give t0Ms)` : ''),
    );
  }
  return { t0Ms, t1Ms, from: Math.round(t0Ms / trains.dtMs), to: Math.round(t1Ms / trains.dtMs) };
}

function optionalTypes(where: string, types: unknown, n: number): Int32Array | null {
  if (types === undefined) return null;
  if (!isNumberArrayLike(types) || types.length !== n) throw new RangeError(`${where}: types must hold one 0 (LIF), 1 (QIF) or 2 (GLM) per neuron (n = ${n})`);
  return Int32Array.from(requireIntArray(where, 'types', types, 0, 2));
}

/** Each neuron's spike steps inside [from, to), in order (CSR-like: offsets into one array). */
function spikesByNeuron(trains: SpikeTrains, from: number, to: number): { offsets: Int32Array; steps: Int32Array } {
  const offsets = new Int32Array(trains.n + 1);
  for (let k = 0; k < trains.step.length; k++) if (trains.step[k] >= from && trains.step[k] < to) offsets[trains.neuron[k] + 1]++;
  for (let i = 0; i < trains.n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, trains.n);
  const steps = new Int32Array(offsets[trains.n]);
  for (let k = 0; k < trains.step.length; k++) {
    if (trains.step[k] >= from && trains.step[k] < to) steps[cursor[trains.neuron[k]]++] = trains.step[k];
  }
  return { offsets, steps };
}

/** Spike counts in bins of binSteps from `from` (bins × neurons, row-major); a partial last bin is dropped. */
function binnedCounts(trains: SpikeTrains, win: Window, binSteps: number): { values: Float64Array; nBins: number } {
  const nBins = Math.floor((win.to - win.from) / binSteps);
  const values = new Float64Array(nBins * trains.n);
  for (let k = 0; k < trains.step.length; k++) {
    const bin = Math.floor((trains.step[k] - win.from) / binSteps);
    if (trains.step[k] >= win.from && bin < nBins) values[bin * trains.n + trains.neuron[k]]++;
  }
  return { values, nBins };
}

/** Spike counts in bins of binMs (default 50) on the window, as bins × neurons samples (for participationRatio). */
export function spikeCountMatrix(trains: SpikeTrains, options: SpikeWindowOptions & { binMs?: number } = {}): SampleMatrix {
  const where = 'spikeCountMatrix';
  requireTrains(where, trains);
  const win = windowOf(where, trains, options);
  const binSteps = Math.round(requirePositive(where, 'binMs', options.binMs ?? 50) / trains.dtMs);
  if (binSteps < 1) throw new RangeError(`${where}: binMs must be at least one step dtMs = ${trains.dtMs}`);
  const { values, nBins } = binnedCounts(trains, win, binSteps);
  return { values, nSamples: nBins, nUnits: trains.n };
}

/**
 * Exponentially filtered trains x_i(t) = Σ_{t_s ≤ t} e^{−(t − t_s)/τ_f} sampled at t0 + k·sampleMs
 * (< t1); spikes before t0 count too, so the filter has its memory at the first sample.
 */
function filteredTrains(trains: SpikeTrains, win: Window, tauMs: number, sampleMs: number): { values: Float64Array; nSamples: number } {
  const nSamples = Math.floor((win.t1Ms - win.t0Ms) / sampleMs + 1e-9);
  const n = trains.n;
  const values = new Float64Array(nSamples * n);
  const decay = Math.exp(-sampleMs / tauMs);
  const { offsets, steps } = spikesByNeuron(trains, trains.fromStep, win.to);
  for (let i = 0; i < n; i++) {
    let k = offsets[i];
    let x = 0;
    for (let s = 0; s < nSamples; s++) {
      const t = win.t0Ms + s * sampleMs;
      x *= decay;
      for (; k < offsets[i + 1] && steps[k] * trains.dtMs <= t; k++) x += Math.exp(-(t - steps[k] * trains.dtMs) / tauMs);
      values[s * n + i] = x;
    }
  }
  return { values, nSamples };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** PR of a samples × units matrix, or null (with a warning) when it is undefined. */
function prOrNull(
  rt: Runtime, values: Float64Array, nSamples: number, nUnits: number, label: string, warnings: string[], estimator: PrEstimator,
): number | null {
  if (nSamples < 2) {
    warnings.push(`${label}: fewer than 2 samples in the window (lengthen the window or shorten the bin)`);
    return null;
  }
  let varies = false;
  for (let u = 0; u < nUnits && !varies; u++) {
    for (let s = 1; s < nSamples; s++) {
      if (values[s * nUnits + u] !== values[u]) {
        varies = true;
        break;
      }
    }
  }
  if (!varies) {
    warnings.push(`${label}: no neuron's activity varies in the window (PR undefined)`);
    return null;
  }
  // The cross-block estimate where the window allows it (participation-ratio.ts): the plain
  // (tr C)²/tr C² of a short window is biased low by about PR/n_eff, and with fewer samples than
  // neurons it is capped by the number of samples. Its warnings (bias, too few samples) travel along.
  const result = participationRatio(rt, { values, nSamples, nUnits }, { estimator });
  if (result.pr === null) warnings.push(`${label}: ${result.reason ?? result.status}`);
  for (const w of result.warnings) warnings.push(`${label}: ${w}`);
  return result.pr;
}

/** Rates, silence, ISI CV, Fano factor and participation ratios of `trains` on a window (see the module doc). */
export function spikeStatistics(rt: Runtime, trains: SpikeTrains, options: SpikeStatisticsOptions = {}): SpikeStatistics {
  const where = 'spikeStatistics';
  requireTrains(where, trains);
  const win = windowOf(where, trains, options);
  const types = optionalTypes(where, options.types, trains.n);
  const binMs = requirePositive(where, 'binMs', options.binMs ?? 20);
  const filterTauMs = requirePositive(where, 'filterTauMs', options.filterTauMs ?? 20);
  const sampleMs = requirePositive(where, 'sampleMs', options.sampleMs ?? 1);
  const estimator = requireOneOf(where, 'prEstimator', options.prEstimator ?? 'auto', PR_ESTIMATORS);
  const binSteps = Math.round(binMs / trains.dtMs);
  if (binSteps < 1) throw new RangeError(`${where}: binMs must be at least one step dtMs = ${trains.dtMs}`);
  const n = trains.n;
  const warnings: string[] = [];
  const durationS = (win.to - win.from) * trains.dtMs / 1000;
  const { offsets, steps } = spikesByNeuron(trains, win.from, win.to);
  const rates = new Float64Array(n);
  const cvs: number[] = [];
  const byType = { rate: [[], [], []] as number[][], cv: [[], [], []] as number[][] };
  let silent = 0;
  for (let i = 0; i < n; i++) {
    const count = offsets[i + 1] - offsets[i];
    rates[i] = count / durationS;
    if (count === 0) silent++;
    const type = types?.[i] ?? 0;
    byType.rate[type].push(rates[i]);
    if (count >= MIN_SPIKES_FOR_CV) {
      let sum = 0;
      let sum2 = 0;
      for (let k = offsets[i] + 1; k < offsets[i + 1]; k++) {
        const isi = steps[k] - steps[k - 1];
        sum += isi;
        sum2 += isi * isi;
      }
      // CV = SD/mean of the count − 1 intervals (population SD, as numpy's std).
      const m = sum / (count - 1);
      const cv = Math.sqrt(Math.max(sum2 / (count - 1) - m * m, 0)) / m;
      cvs.push(cv);
      byType.cv[type].push(cv);
    }
  }
  const cv = mean(cvs);
  if (cv === null) warnings.push(`cv: no neuron has ≥ ${MIN_SPIKES_FOR_CV} spikes in the window`);
  const counts = binnedCounts(trains, win, binSteps);
  const fanos: number[] = [];
  if (counts.nBins >= 2) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      let s2 = 0;
      for (let b = 0; b < counts.nBins; b++) {
        const c = counts.values[b * n + i];
        s += c;
        s2 += c * c;
      }
      const m = s / counts.nBins;
      if (m > 0) fanos.push(((s2 - s * m) / (counts.nBins - 1)) / m);
    }
  }
  const fano = mean(fanos);
  if (fano === null) warnings.push('fano: fewer than 2 bins or no active neuron in the window');
  const filtered = filteredTrains(trains, win, filterTauMs, sampleMs);
  // Without types every neuron counts as LIF; a type with no neuron (or no CV) gives null.
  const typed = (values: number[][]): ByType => ({ lif: mean(values[0]), qif: mean(values[1]), glm: mean(values[2]) });
  return {
    window: { t0Ms: win.t0Ms, t1Ms: win.t1Ms },
    n,
    nSpikes: steps.length,
    rateHz: rates.reduce((s, r) => s + r, 0) / n,
    rateByType: typed(byType.rate),
    rates,
    fracSilent: silent / n,
    cv,
    cvByType: typed(byType.cv),
    cvNeurons: cvs.length,
    fano,
    prBins: prOrNull(rt, counts.values, counts.nBins, n, 'prBins', warnings, estimator),
    prFiltered: prOrNull(rt, filtered.values, filtered.nSamples, n, 'prFiltered', warnings, estimator),
    binMs,
    filterTauMs,
    sampleMs,
    warnings,
  };
}

export interface SpikeCountCovariance {
  neurons: Int32Array;
  binMs: number;
  nBins: number;
  /** m × m covariance of the neurons' spike counts per bin (row-major, unbiased). */
  covariance: Float64Array;
  /** Mean Pearson correlation over pairs of neurons whose counts vary (null if fewer than two do). */
  meanCorrelation: number | null;
}

/** Spike-count covariance of `neurons` (default: all, at most 1000) in bins of binMs (default 50) on the window. */
export function spikeCountCovariance(
  trains: SpikeTrains, options: SpikeWindowOptions & { binMs?: number; neurons?: ArrayLike<number> } = {},
): SpikeCountCovariance {
  const where = 'spikeCountCovariance';
  requireTrains(where, trains);
  const win = windowOf(where, trains, options);
  const binMs = requirePositive(where, 'binMs', options.binMs ?? 50);
  const binSteps = Math.round(binMs / trains.dtMs);
  if (binSteps < 1) throw new RangeError(`${where}: binMs must be at least one step dtMs = ${trains.dtMs}`);
  if (options.neurons === undefined && trains.n > 1000) {
    throw new RangeError(`${where}: n = ${trains.n} neurons give a ${trains.n}² matrix; pick at most 1000 with neurons`);
  }
  const neurons = Int32Array.from(options.neurons === undefined
    ? Array.from({ length: trains.n }, (_, i) => i)
    : requireIntArray(where, 'neurons', options.neurons, 0, trains.n - 1));
  const { values, nBins } = binnedCounts(trains, win, binSteps);
  if (nBins < 2) throw new RangeError(`${where}: the window holds ${nBins} bin(s) of ${binMs} ms; at least 2 are needed`);
  const m = neurons.length;
  const means = new Float64Array(m);
  for (let a = 0; a < m; a++) for (let b = 0; b < nBins; b++) means[a] += values[b * trains.n + neurons[a]] / nBins;
  const covariance = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let c = a; c < m; c++) {
      let s = 0;
      for (let b = 0; b < nBins; b++) s += (values[b * trains.n + neurons[a]] - means[a]) * (values[b * trains.n + neurons[c]] - means[c]);
      covariance[a * m + c] = covariance[c * m + a] = s / (nBins - 1);
    }
  }
  const correlations: number[] = [];
  for (let a = 0; a < m; a++) {
    for (let c = a + 1; c < m; c++) {
      const d = covariance[a * m + a] * covariance[c * m + c];
      if (d > 0) correlations.push(covariance[a * m + c] / Math.sqrt(d));
    }
  }
  return { neurons, binMs, nBins, covariance, meanCorrelation: mean(correlations) };
}
