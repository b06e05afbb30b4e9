import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianNetwork, load, participationRatio, type Runtime, type SampleMatrix, simulateRate } from '../../src/index.js';
import { randomArray } from '../helpers/random.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

/** Standard normal draws (Box–Muller on seedrandom), independent of the WASM generator. */
function normals(seed: string, count: number): Float64Array {
  const rng = seedrandom(seed);
  return Float64Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}

/** T samples of N independent AR(1) units x_{s+1} = ρ x_s + √(1−ρ²) ξ with variances λ_j (stationary start). */
function ar1Samples(seed: string, t: number, lambdas: number[], rho: number): SampleMatrix {
  const n = lambdas.length;
  const xi = normals(seed, t * n);
  const values = new Float64Array(t * n);
  const s = Math.sqrt(1 - rho * rho);
  for (let j = 0; j < n; j++) {
    let x = xi[j];
    for (let k = 0; k < t; k++) {
      if (k > 0) x = rho * x + s * xi[k * n + j];
      values[k * n + j] = Math.sqrt(lambdas[j]) * x;
    }
  }
  return { values, nSamples: t, nUnits: n };
}

const exactPr = (lambdas: number[]) => lambdas.reduce((a, l) => a + l, 0) ** 2 / lambdas.reduce((a, l) => a + l * l, 0);

/** The cross-block estimate written out directly: full covariances per block about the pooled mean, all Frobenius products. */
function crossBlockByDefinition(blocks: SampleMatrix[], contiguous: boolean): { pr: number; stdErr: number; plain: number } {
  const n = blocks[0].nUnits;
  const t = blocks.reduce((s, b) => s + b.nSamples, 0);
  const mean = new Float64Array(n);
  for (const b of blocks) for (let s = 0; s < b.nSamples; s++) for (let j = 0; j < n; j++) mean[j] += b.values[s * n + j] / t;
  const cov = blocks.map((b) => {
    const c = new Float64Array(n * n);
    for (let s = 0; s < b.nSamples; s++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] += ((b.values[s * n + i] - mean[i]) * (b.values[s * n + j] - mean[j])) / b.nSamples;
    }
    return c;
  });
  const tr = (c: Float64Array) => Array.from({ length: n }, (_, i) => c[i * n + i]).reduce((a, v) => a + v, 0);
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + v * b[k], 0);
  const estimate = (keep: number[]) => {
    const meanTrace = keep.reduce((s, a) => s + tr(cov[a]), 0) / keep.length;
    const pairs = keep.flatMap((a) => keep.filter((b) => (contiguous ? Math.abs(a - b) >= 2 : a !== b)).map((b) => dot(cov[a], cov[b])));
    return meanTrace ** 2 / (pairs.reduce((s, v) => s + v, 0) / pairs.length);
  };
  const all = blocks.map((_, a) => a);
  const loo = all.map((a) => estimate(all.filter((b) => b !== a)));
  const m = loo.reduce((s, v) => s + v, 0) / loo.length;
  const total = new Float64Array(n * n);
  for (const [a, c] of cov.entries()) for (let k = 0; k < n * n; k++) total[k] += c[k] * blocks[a].nSamples;
  return {
    pr: estimate(all),
    stdErr: Math.sqrt(((loo.length - 1) / loo.length) * loo.reduce((s, v) => s + (v - m) ** 2, 0)),
    plain: tr(total) ** 2 / dot(total, total),
  };
}

/** Rows [from, to) of a sample matrix. */
const slice = (m: SampleMatrix, from: number, to: number): SampleMatrix =>
  ({ values: m.values.slice(from * m.nUnits, to * m.nUnits), nSamples: to - from, nUnits: m.nUnits });

describe('participation ratio: cross-block estimator', () => {
  it('equals the estimator written out by definition (time blocks and trajectories, both forms)', () => {
    // 53 samples into 10 blocks of 5 or 6; sizes both above and below N exercise the covariance and Gram forms.
    for (const [t, n] of [[53, 7], [23, 31]]) {
      const m = { values: randomArray(`xb-${t}-${n}`, t * n), nSamples: t, nUnits: n };
      const edges = Array.from({ length: 11 }, (_, a) => Math.floor((a * t) / 10));
      const ref = crossBlockByDefinition(edges.slice(0, 10).map((e, a) => slice(m, e, edges[a + 1])), true);
      for (const method of ['covariance', 'gram'] as const) {
        const got = participationRatio(rt, m, { method });
        expect(got.estimator).toBe('cross-block');
        expect(got.blocks).toBe(10);
        // Same sums in another order: relative rounding ≲ 1e-13 for these sizes.
        expect(Math.abs((got.pr as number) - ref.pr)).toBeLessThan(1e-11 * ref.pr);
        expect(Math.abs((got.prStdErr as number) - ref.stdErr)).toBeLessThan(1e-9 * ref.stdErr);
        expect(Math.abs((got.plainPr as number) - ref.plain)).toBeLessThan(1e-11 * ref.plain);
      }
    }
    const trajectories = [17, 9, 12, 20].map((t, k) => ({ values: randomArray(`traj-${k}`, t * 6), nSamples: t, nUnits: 6 }));
    const ref = crossBlockByDefinition(trajectories, false);
    const got = participationRatio(rt, trajectories);
    expect(got.blocks).toBe(4);
    expect(Math.abs((got.pr as number) - ref.pr)).toBeLessThan(1e-11 * ref.pr);
    expect(Math.abs((got.prStdErr as number) - ref.stdErr)).toBeLessThan(1e-9 * ref.stdErr);
  });

  it('removes the plain estimate\'s bias (PR + 1)/(n_eff + PR + 1), for independent and correlated samples', () => {
    // λ_j = j^{−1/2}, N = 40: PR ≈ 29.7; with 200 independent samples the plain bias (PR+1)/(T+PR+1) ≈ 13 %.
    const lambdas = Array.from({ length: 40 }, (_, j) => 1 / Math.sqrt(j + 1));
    const truth = exactPr(lambdas);
    for (const { rho, t, neff } of [
      { rho: 0, t: 200, neff: 200 },
      // AR(1): Var of a sample covariance entry ∝ Σ_k ρ^{2|k|}/T, so n_eff = T(1 − ρ²)/(1 + ρ²) = 0.22 T at ρ = 0.8.
      { rho: 0.8, t: 900, neff: (900 * 0.36) / 1.64 },
    ]) {
      const seeds = 24;
      const runs = Array.from({ length: seeds }, (_, k) => participationRatio(rt, ar1Samples(`ar1-${rho}-${k}`, t, lambdas, rho)));
      const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / seeds;
      const cross = mean((r) => r.pr as number);
      const spread = Math.sqrt(mean((r) => ((r.pr as number) - cross) ** 2) * seeds / (seeds - 1));
      // The mean over 24 seeds is within 3 standard errors of the exact PR, plus 1 % for the second-order ratio bias
      // E[t²/P] − E[t²]/E[P] ≈ PR·Var(P)/P² that a ratio of unbiased means keeps (≈ 0.5 % here in a 200-seed run).
      expect(Math.abs(cross / truth - 1)).toBeLessThan((3 * spread) / Math.sqrt(seeds) / truth + 0.01);
      // The jackknife error matches the seed-to-seed spread (ratio within [0.6, 1.6] for 24 seeds).
      const jack = mean((r) => r.prStdErr as number);
      expect(jack / spread).toBeGreaterThan(0.6);
      expect(jack / spread).toBeLessThan(1.6);
      // The plain estimate is low by the first-order prediction (within 25 % of the bias; second-order terms are
      // O(bias²)), and the effective samples recover T or T(1 − ρ²)/(1 + ρ²) within 25 %.
      const plainBias = 1 - mean((r) => r.plainPr as number) / truth;
      const predicted = (truth + 1) / (neff + truth + 1);
      expect(Math.abs(plainBias / predicted - 1)).toBeLessThan(0.25);
      expect(Math.abs(mean((r) => r.effectiveSamples as number) / neff - 1)).toBeLessThan(0.25);
      expect(runs.every((r) => r.warnings.some((w) => /biased low by about/.test(w)))).toBe(true);
    }
  });

  it('does not warn when the recording is long enough for the plain estimate', () => {
    const lambdas = Array.from({ length: 10 }, (_, j) => 1 / (j + 1));
    const r = participationRatio(rt, ar1Samples('long', 4000, lambdas, 0));
    expect(r.status).toBe('ok');
    // (PR + 1)/(T + PR + 1) ≈ 0.0014 here.
    expect(r.plainBias as number).toBeLessThan(0.01);
    expect(r.warnings).toEqual([]);
  });
});

describe('participation ratio: when it is undefined', () => {
  it('an all-zero recording has no activity: status and reason, no number', () => {
    const r = participationRatio(rt, { values: new Float64Array(50 * 8), nSamples: 50, nUnits: 8 });
    expect(r.status).toBe('no-activity');
    expect(r.pr).toBeNull();
    expect(r.prOverN).toBeNull();
    expect(r.reason).toMatch(/no activity .* PR is undefined; record a state that fluctuates/);
    // A constant offset is not activity either (fluctuation below 1e-12 of the values' RMS).
    const offset = participationRatio(rt, { values: new Float64Array(50 * 8).fill(3), nSamples: 50, nUnits: 8 });
    expect(offset.status).toBe('no-activity');
  });

  it('a network whose activity decayed (g = 0.5, no input) is silent, not PR ≈ 1', async () => {
    using net = gaussianNetwork(rt, { n: 60, g: 0.5, seed: 'decay' });
    const run = await simulateRate(rt, { connectivity: net }, { t: 100, transient: 50, seed: 3, record: { units: 'all', every: 4 } });
    const rec = run.recording as SampleMatrix;
    // The state is ~e^{−(1−g)·50} ≈ 1e-11 by now (the old estimate printed PR ≈ 1 here).
    expect(Math.max(...rec.values.map(Math.abs))).toBeLessThan(1e-8);
    const r = participationRatio(rt, rec);
    expect(r.status).toBe('no-activity');
    expect(r.pr).toBeNull();
    // Recorded from the start, the decay is large but still visible: it is a transient, not a state.
    const early = await simulateRate(rt, { connectivity: net }, { t: 60, seed: 3, record: { units: 'all', every: 4 } });
    const transient = participationRatio(rt, early.recording as SampleMatrix);
    expect(transient.status).toBe('non-stationary');
    expect(transient.reason).toMatch(/variance changes by a factor .* discard a longer transient/);
    expect(transient.pr).toBeNull();
  });

  it('too few samples: cross-block asked for is refused with a status, auto falls back to plain with a warning', () => {
    const m = { values: randomArray('few', 6 * 5), nSamples: 6, nUnits: 5 };
    const strict = participationRatio(rt, m, { estimator: 'cross-block' });
    expect(strict.status).toBe('too-few-samples');
    expect(strict.pr).toBeNull();
    expect(strict.reason).toMatch(/needs at least 10 samples \(got 6\); record longer/);
    const auto = participationRatio(rt, m);
    expect(auto.status).toBe('ok');
    expect(auto.estimator).toBe('plain');
    expect(auto.pr).toBe(auto.plainPr);
    expect(auto.warnings[0]).toMatch(/too few for the cross-block estimate/);
    expect(participationRatio(rt, [m, m], { estimator: 'cross-block' }).reason).toMatch(/at least 3 trajectories \(got 2\)/);
  });

  it('bad options and mismatched trajectories are refused by name', () => {
    const m = { values: randomArray('opts', 20 * 3), nSamples: 20, nUnits: 3 };
    expect(() => participationRatio(rt, m, { blocks: 3 })).toThrow(/participationRatio: blocks must be an integer ≥ 5 \(got 3\)/);
    expect(() => participationRatio(rt, m, { estimator: 'unbiased' as never })).toThrow(/estimator must be one of 'auto', 'cross-block', 'plain'/);
    expect(() => participationRatio(rt, m, { activityFloor: -1 })).toThrow(/activityFloor must be ≥ 0/);
    expect(() => participationRatio(rt, [])).toThrow(/at least one sample matrix/);
    const other = { values: randomArray('opts2', 20 * 4), nSamples: 20, nUnits: 4 };
    expect(() => participationRatio(rt, [m, m, other])).toThrow(/recording\[2\]\.nUnits = 4 differs from recording\[0\]\.nUnits = 3/);
  });
});

describe('participation ratio: the report recording', () => {
  it('flags the plain estimate of N = 500, g = 3 over 150 τ (the report default) as biased by tens of percent', async () => {
    using net = gaussianNetwork(rt, { n: 500, g: 3, seed: 'report-bias' });
    const run = await simulateRate(rt, { connectivity: net }, { t: 200, transient: 50, seed: 1, record: { units: 'all', every: 4 } });
    const r = participationRatio(rt, run.recording as SampleMatrix);
    expect(r.status).toBe('ok');
    // Plain ≈ 9 against a cross-block ≈ 17 (long recordings give ≈ 20, and the theory ≈ 0.04·N):
    // the predicted bias is over 25 % and the warning says so.
    expect(r.plainBias as number).toBeGreaterThan(0.25);
    expect(r.warnings.some((w) => /biased low by about \d+/.test(w))).toBe(true);
    expect(r.plainPr as number).toBeLessThan((r.pr as number) - 2 * (r.prStdErr as number));
  });
});
