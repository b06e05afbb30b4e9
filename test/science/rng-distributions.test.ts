import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime } from '../../src/index.js';
import { chiSquareUniformPValue, ksPValue, ksStatistic, normalCdf } from '../helpers/stats.js';

const N = 100_000;

describe('distributions of the seeded generator (fixed seeds, significance level 0.001)', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it.each(['u1', 'u2', 'u3'])('uniform (seed %s): KS p > 0.001 and χ² over 100 bins p > 0.001', (seed) => {
    using rng = rt.rng(seed);
    const u = rng.uniform(N).toArray();
    expect(ksPValue(ksStatistic(u, (x) => Math.min(1, Math.max(0, x))), N)).toBeGreaterThan(1e-3);
    const counts = new Array<number>(100).fill(0);
    for (const v of u) counts[Math.floor(v * 100)]++;
    expect(chiSquareUniformPValue(counts)).toBeGreaterThan(1e-3);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });

  it.each(['z1', 'z2', 'z3'])('standard normal (seed %s): KS p > 0.001, mean and variance within 5 standard errors', (seed) => {
    using rng = rt.rng(seed);
    const z = rng.normal(N).toArray();
    expect(ksPValue(ksStatistic(z, normalCdf), N)).toBeGreaterThan(1e-3);
    const mean = z.reduce((s, v) => s + v, 0) / N;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (N - 1);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N)); // se(mean) = 1/√N
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // se(s²) = √(2/N) for σ = 1
  });

  it('a wrong law is rejected: N(0, 1.02²) draws fail the N(0, 1) KS test', () => {
    using rng = rt.rng('z1');
    const z = rng.normal(N, 0, 1.02).toArray();
    expect(ksPValue(ksStatistic(z, normalCdf), N)).toBeLessThan(1e-3);
  });

  it.each([[10, 0.5], [100, 1], [50, 2]])('lognormal mean %d, CV %d: log is normal (KS), sample mean and CV match', (mean, cv) => {
    using rng = rt.rng(`ln-${mean}-${cv}`);
    const x = rng.lognormal(N, { mean, cv }).toArray();
    const sigma = Math.sqrt(Math.log1p(cv * cv));
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    expect(ksPValue(ksStatistic(x.map(Math.log), (v) => normalCdf((v - mu) / sigma)), N)).toBeGreaterThan(1e-3);
    const m = x.reduce((s, v) => s + v, 0) / N;
    // se of the sample mean is mean·cv/√N; allow 5 of them.
    expect(Math.abs(m - mean)).toBeLessThan((5 * mean * cv) / Math.sqrt(N));
  });
});
