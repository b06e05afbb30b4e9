/**
 * Sweeps of recurrent spiking FORCE over the composition (fraction of QIF/theta neurons) or a time
 * constant (synaptic decay τ_d, LIF membrane τ_m), for oscillatory, sequential and OU targets and
 * several seeds, with the spread across seeds — so that each claim of the founding study can be
 * checked against measurements:
 *   C1 connection strength depends on the composition;
 *   C2 training creates eigenvalue outliers;
 *   C3 reciprocal motifs appear for oscillatory and sequential targets;
 *   C4 their abundance depends on the time constant and the composition;
 *   C5 sequential targets also create divergent motifs;
 *   C6 OU targets create no local motifs.
 * Every neuron is trained (target.m = n): sines with phases tiling the period, a sequence of bumps
 * (width period/8, the synaptic decay's scale), independent OU processes (τ_c = period/10).
 *
 * Motifs and strengths are those of the matrices in target units, rows divided by the neuron's
 * target scale c_i (diag(1/c)·M): in mixed networks the raw rows differ by Q_qif/Q_lif = 10³, so raw
 * statistics would describe the theta rows only; for one neuron type the motifs are unchanged
 * (they are scale-free). Verdicts (`claims`) use the points with at least two learned runs (so that
 * a spread exists) and the i.i.d. level of a motif
 * statistic, sd ≈ √2/n (analysis/motifs.ts): a motif is present when its mean across seeds minus 2
 * sd exceeds 4√2/n, absent when |mean| ≤ 4√2/n + 2 sd; a dependence on the swept value holds when
 * the means at two values differ by more than 2·(sd₁ + sd₂). These criteria are ours.
 */
import { connectivityMotifs, type MotifStatistics } from '../analysis/motifs.js';
import { eigenvalueOutliers, krylovEigenvalues } from '../analysis/outliers.js';
import { type Spread, spread } from '../analysis/statistics.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireFiniteArray, requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';
import { blockStrengths, type PopulationPair } from './analysis.js';
import { type RecurrentSpikingForceOptions, trainRecurrentSpikingForce } from './spiking-force.js';
import { forceTarget, GENERATED_TARGETS } from './targets.js';

export const SPIKING_SWEEP_PARAMS = ['fracQif', 'tauDecayMs', 'tauMs'] as const;
export type SpikingSweepParam = (typeof SPIKING_SWEEP_PARAMS)[number];
export type SpikingSweepTarget = (typeof GENERATED_TARGETS)[number];
export type Motif = 'reciprocal' | 'convergent' | 'divergent' | 'chain';
const MOTIFS: readonly Motif[] = ['reciprocal', 'convergent', 'divergent', 'chain'];

export interface SpikingForceSweepOptions {
  /** What varies: 'fracQif' (composition), 'tauDecayMs' (synaptic decay) or 'tauMs' (LIF membrane). */
  param: SpikingSweepParam;
  values: ArrayLike<number>;
  /** Targets (default all three: sines, sequence, ou). */
  targets?: SpikingSweepTarget[];
  /** Seeds per point (default [1, 2, 3]). */
  seeds?: Seed[];
  /** Network size (default 300). */
  n?: number;
  /** Fraction of theta neurons when the time constants vary (default 0.5). */
  fracQif?: number;
  /** Target period (ms, default 200: 5 Hz). */
  periodMs?: number;
  /** Durations in periods (defaults 2, 10, 2). */
  warmUpPeriods?: number;
  trainPeriods?: number;
  testPeriods?: number;
  /** Called after each run with (runs done, runs total, the run). */
  onRun?: (done: number, total: number, run: SpikingSweepRun) => void;
  signal?: AbortSignal;
}


export interface SpikingSweepRun {
  value: number;
  target: SpikingSweepTarget;
  seed: Seed;
  testError: number;
  learned: boolean;
  meanRateHz: number;
  /** Eigenvalue outliers of Ω and of Ω + ΔJ beyond the bulk radius of Ω (+5 %). */
  outliers: { J0: number; J: number };
  /** Motif statistics of diag(1/c)·M (file comment). */
  motifs: { J0: MotifStatistics; J: MotifStatistics; dJ: MotifStatistics };
  /** RMS by population pair of diag(1/c)·ΔJ and diag(1/c)·J. */
  strength: Partial<Record<PopulationPair, { J: number; dJ: number }>>;
}

export interface SpikingSweepPoint {
  value: number;
  target: SpikingSweepTarget;
  runs: number;
  learned: number;
  testError: Spread;
  /** Over the learned runs only. */
  outliers: { J0: Spread; J: Spread };
  motifs: { J0: Record<Motif, Spread>; J: Record<Motif, Spread>; dJ: Record<Motif, Spread> };
  strength: Partial<Record<PopulationPair, { J: Spread; dJ: Spread }>>;
}

export interface SpikingSweepClaim {
  id: 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6';
  claim: string;
  /** null when not testable here (no point with two learned runs, or the sweep does not vary what the claim is about). */
  holds: boolean | null;
  evidence: string;
}

export interface SpikingForceSweepResult {
  param: SpikingSweepParam;
  values: number[];
  targets: SpikingSweepTarget[];
  seeds: Seed[];
  n: number;
  /** i.i.d. level of a motif statistic, √2/n. */
  motifNoise: number;
  runs: SpikingSweepRun[];
  points: SpikingSweepPoint[];
  claims: SpikingSweepClaim[];
  warnings: string[];
  timing: { totalMs: number };
}

const KEYS = ['param', 'values', 'targets', 'seeds', 'n', 'fracQif', 'periodMs', 'warmUpPeriods', 'trainPeriods', 'testPeriods', 'onRun', 'signal'];

/** diag(1/c)·M for a dense n×n row-major M. */
function scaleRows(M: Float64Array, inverse: Float64Array): Float64Array {
  const n = inverse.length;
  return M.map((v, k) => v * inverse[Math.floor(k / n)]);
}

/** One training run and its analysis (file comment). */
async function sweepRun(
  rt: Runtime, options: RecurrentSpikingForceOptions, value: number, target: SpikingSweepTarget, seed: Seed,
): Promise<SpikingSweepRun> {
  const result = await trainRecurrentSpikingForce(rt, { ...options, keepConnectivity: true });
  const connectivity = result.connectivity;
  if (connectivity === null) throw new Error('sweepSpikingForce: the run kept no connectivity');
  const { n, J0, J, dJ } = connectivity;
  const inverse = new Float64Array(n); // every neuron is trained (target.m = n)
  result.weights.trainedNeurons.forEach((i, a) => { inverse[i] = 1 / result.weights.targetScale[a]; });
  const [M0, M, dM] = [J0, J, dJ].map((W) => scaleRows(W, inverse));
  const motifsOf = (W: Float64Array) => rt.scope(() => connectivityMotifs(rt, rt.dense(n, n, W)));
  const outliersOf = (W: Float64Array) => eigenvalueOutliers(rt, { n, values: W }, { bulkRadius: result.bulkRadius, solver: krylovEigenvalues }).count;
  const [after, delta] = [M, dM].map((W) => blockStrengths(W, result.types));
  const strength: SpikingSweepRun['strength'] = {};
  for (const [pair, s] of Object.entries(after) as [PopulationPair, { rms: number }][]) strength[pair] = { J: s.rms, dJ: delta[pair]?.rms ?? Number.NaN };
  return {
    value, target, seed, testError: result.testError, learned: result.learned, meanRateHz: result.meanRateHz.test,
    outliers: { J0: outliersOf(J0), J: outliersOf(J) },
    motifs: { J0: motifsOf(M0), J: motifsOf(M), dJ: motifsOf(dM) },
    strength,
  };
}

/** The summary of one (value, target) point over its seeds. */
function summarise(value: number, target: SpikingSweepTarget, runs: SpikingSweepRun[]): SpikingSweepPoint {
  const learned = runs.filter((r) => r.learned);
  const motifSpread = (key: 'J0' | 'J' | 'dJ') =>
    Object.fromEntries(MOTIFS.map((m) => [m, spread(learned.map((r) => r.motifs[key][m]))])) as Record<Motif, Spread>;
  const strength: SpikingSweepPoint['strength'] = {};
  for (const pair of Object.keys(runs[0]?.strength ?? {}) as PopulationPair[]) {
    strength[pair] = { J: spread(learned.map((r) => r.strength[pair]?.J ?? Number.NaN)), dJ: spread(learned.map((r) => r.strength[pair]?.dJ ?? Number.NaN)) };
  }
  return {
    value, target, runs: runs.length, learned: learned.length,
    testError: spread(runs.map((r) => r.testError)),
    outliers: { J0: spread(learned.map((r) => r.outliers.J0)), J: spread(learned.map((r) => r.outliers.J)) },
    motifs: { J0: motifSpread('J0'), J: motifSpread('J'), dJ: motifSpread('dJ') },
    strength,
  };
}

const fmt = (s: Spread) => `${s.mean.toPrecision(3)} ± ${s.sd.toPrecision(2)}`;

/** The six verdicts of the file comment from the points. */
function judge(param: SpikingSweepParam, points: SpikingSweepPoint[], noise: number): SpikingSweepClaim[] {
  const level = 4 * noise;
  const usable = points.filter((p) => p.learned >= 2);
  const present = (s: Spread) => s.mean - 2 * s.sd > level;
  const absent = (s: Spread) => Math.abs(s.mean) <= level + 2 * s.sd;
  const differ = (a: Spread, b: Spread) => Math.abs(a.mean - b.mean) > 2 * (a.sd + b.sd);
  const dependsOnValue = (series: Spread[]) => series.some((a, i) => series.slice(i + 1).some((b) => differ(a, b)));
  const of = (target: SpikingSweepTarget) => usable.filter((p) => p.target === target);
  const list = (ps: SpikingSweepPoint[], f: (p: SpikingSweepPoint) => Spread) => ps.map((p) => `${p.target} ${param} = ${p.value}: ${fmt(f(p))}`).join('; ');
  const verdict = (ps: SpikingSweepPoint[], test: (p: SpikingSweepPoint) => boolean) => (ps.length === 0 ? null : ps.every(test));
  const oscillatoryOrSequential = [...of('sines'), ...of('sequence')];
  const claims: SpikingSweepClaim[] = [];
  // C1: some population pair's ΔJ strength differs between two compositions.
  const pairs = [...new Set(usable.flatMap((p) => Object.keys(p.strength)))] as PopulationPair[];
  const comparable = GENERATED_TARGETS.some((t) => of(t).length > 1);
  const c1 = param !== 'fracQif' || !comparable ? null : pairs.some((pair) => GENERATED_TARGETS.some((t) =>
    dependsOnValue(of(t).map((p) => p.strength[pair]?.dJ).filter((s): s is Spread => s !== undefined && s.count > 0))));
  claims.push({
    id: 'C1', claim: 'connection strength depends on the composition', holds: c1,
    evidence: pairs.map((pair) => {
      const having = usable.filter((p) => p.strength[pair] !== undefined);
      return `${pair} ΔJ RMS: ${list(having, (p) => (p.strength[pair] as { dJ: Spread }).dJ)}`;
    }).join(' | '),
  });
  claims.push({
    id: 'C2', claim: 'training creates eigenvalue outliers', holds: verdict(usable, (p) => p.outliers.J.min > p.outliers.J0.max),
    evidence: `outliers of Ω + ΔJ (Ω: ${usable.map((p) => p.outliers.J0.max).reduce((a, b) => Math.max(a, b), 0)} at most): ${list(usable, (p) => p.outliers.J)}`,
  });
  claims.push({
    id: 'C3', claim: 'reciprocal motifs for oscillatory and sequential targets', holds: verdict(oscillatoryOrSequential, (p) => present(p.motifs.dJ.reciprocal)),
    evidence: `ΔJ reciprocal (i.i.d. level 4√2/n = ${level.toPrecision(2)}): ${list(oscillatoryOrSequential, (p) => p.motifs.dJ.reciprocal)}`,
  });
  const c4Targets = (['sines', 'sequence'] as const).filter((t) => of(t).length > 1);
  claims.push({
    id: 'C4', claim: `the reciprocal motifs' abundance depends on ${param}`,
    holds: c4Targets.length === 0 ? null : c4Targets.some((t) => dependsOnValue(of(t).map((p) => p.motifs.dJ.reciprocal))),
    evidence: `ΔJ reciprocal across ${param}: ${list(oscillatoryOrSequential, (p) => p.motifs.dJ.reciprocal)}`,
  });
  claims.push({
    id: 'C5', claim: 'sequential targets also create divergent motifs', holds: verdict(of('sequence'), (p) => present(p.motifs.dJ.divergent)),
    evidence: `ΔJ divergent: ${list(of('sequence'), (p) => p.motifs.dJ.divergent)}`,
  });
  claims.push({
    id: 'C6', claim: 'OU targets create no local motifs', holds: verdict(of('ou'), (p) => MOTIFS.every((m) => absent(p.motifs.dJ[m]))),
    evidence: MOTIFS.map((m) => `ΔJ ${m}: ${list(of('ou'), (p) => p.motifs.dJ[m])}`).join(' | '),
  });
  return claims;
}

/**
 * Recurrent spiking FORCE at every (value, target, seed) of the sweep, the spread across seeds and
 * the verdicts on the founding study's claims (file comment). Runs one after another (minutes at the
 * defaults: ~3–10 s per run at n = 300).
 * @example
 *   const sweep = await sweepSpikingForce(rt, { param: 'fracQif', values: [0.5, 1], targets: ['sines'] });
 *   sweep.claims.find((c) => c.id === 'C3');
 */
export async function sweepSpikingForce(rt: Runtime, options: SpikingForceSweepOptions): Promise<SpikingForceSweepResult> {
  const where = 'sweepSpikingForce';
  requireOptions(where, options, KEYS);
  const param = requireOneOf(where, 'param', options.param, SPIKING_SWEEP_PARAMS);
  const values = Array.from(requireFiniteArray(where, 'values', options.values));
  if (values.length === 0) throw new RangeError(`${where}: values must not be empty`);
  const targets = options.targets ?? [...GENERATED_TARGETS];
  if (!Array.isArray(targets) || targets.length === 0) throw new RangeError(`${where}: targets must be a non-empty list of ${GENERATED_TARGETS.join(', ')}`);
  for (const t of targets) requireOneOf(where, 'targets[]', t, GENERATED_TARGETS);
  const seeds = options.seeds ?? [1, 2, 3];
  if (!Array.isArray(seeds) || seeds.length === 0) throw new RangeError(`${where}: seeds must be a non-empty list`);
  const n = requireInt(where, 'n', options.n ?? 300, 3);
  const periodMs = requirePositive(where, 'periodMs', options.periodMs ?? 200);
  const dtMs = 0.05;
  const common = {
    n, dtMs,
    warmUpPeriods: options.warmUpPeriods ?? 2, trainPeriods: options.trainPeriods ?? 10, testPeriods: options.testPeriods ?? 2,
    signal: options.signal,
  };
  if (param === 'fracQif' && options.fracQif !== undefined) throw new RangeError(`${where}: fracQif is what the sweep varies (give it in values)`);
  if (param === 'fracQif' && values.some((v) => v < 0 || v > 1)) throw new RangeError(`${where}: fracQif values must lie in [0, 1] (got ${values.join(', ')})`);
  const fracQif = options.fracQif ?? 0.5;
  const started = performance.now();
  const runs: SpikingSweepRun[] = [];
  const points: SpikingSweepPoint[] = [];
  const total = values.length * targets.length * seeds.length;
  for (const value of values) {
    // The swept value; a composition of 0 or 1 is the pure LIF or theta network.
    const network: Partial<RecurrentSpikingForceOptions> = param === 'fracQif'
      ? (value === 0 ? { neuron: 'lif' } : value === 1 ? { neuron: 'qif' } : { neuron: 'mixed', fracQif: value })
      : { neuron: 'mixed', fracQif, [param]: value };
    for (const target of targets) {
      const here: SpikingSweepRun[] = [];
      for (const seed of seeds) {
        const spec = target === 'sines' ? { kind: target, amplitudes: [1], scale: 1 }
          : target === 'sequence' ? { kind: target, width: periodMs / 8 }
            : { kind: target, tauCorr: periodMs / 10, seed };
        const t = forceTarget(rt, { ...spec, m: n, dt: dtMs, period: periodMs } as Parameters<typeof forceTarget>[1]);
        const run = await sweepRun(rt, { ...common, ...network, target: t, seed }, value, target, seed);
        here.push(run);
        runs.push(run);
        options.onRun?.(runs.length, total, run);
      }
      points.push(summarise(value, target, here));
    }
  }
  const noise = Math.SQRT2 / n;
  const warnings = points.filter((p) => p.learned < p.runs).map((p) =>
    `${where}: ${p.target} at ${param} = ${p.value}: ${p.runs - p.learned} of ${p.runs} runs not learned (test NRMSE ${fmt(p.testError)}); their motifs are left out`);
  return {
    param, values, targets, seeds, n, motifNoise: noise, runs, points, claims: judge(param, points, noise), warnings,
    timing: { totalMs: performance.now() - started },
  };
}
