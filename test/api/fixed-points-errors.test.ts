import { beforeAll, describe, expect, it } from 'vitest';
import { findFixedPoints } from '../../src/analysis/fixed-points.js';
import { populationCorrelations } from '../../src/analysis/population-correlations.js';
import { callbackOperator, gaussianNetwork, load, type Runtime } from '../../src/index.js';
import { gmres } from '../../src/linalg/gmres.js';
import { populationPrediction } from '../../src/theory/population.js';
import { productRadius, staticShell } from '../../src/theory/fixed-points.js';

describe('fixed points and correlations: bad input names the parameter', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('findFixedPoints', async () => {
    using net = gaussianNetwork(rt, { n: 10, g: 0.5 });
    await expect(findFixedPoints(rt, net, { phi: 'cube' as never })).rejects.toThrow(/phi/);
    await expect(findFixedPoints(rt, net, { starts: 0 })).rejects.toThrow(/starts/);
    await expect(findFixedPoints(rt, net, { bias: [1, 2] })).rejects.toThrow(/bias has length 2/);
    await expect(findFixedPoints(rt, net, { x0: [[1, 2]] })).rejects.toThrow(/x0\[0\] has length 2/);
    await expect(findFixedPoints(rt, net, { tol: Number.NaN })).rejects.toThrow(/tol/);
    await expect(findFixedPoints(rt, net, { start: 3 } as never)).rejects.toThrow(/unknown option 'start'/);
    using op = callbackOperator(rt, 10, (x) => x);
    await expect(findFixedPoints(rt, op)).rejects.toThrow(/slowPoints needs J's transpose/);
  });

  it('populationCorrelations, gmres and the theories', async () => {
    using net = gaussianNetwork(rt, { n: 10, g: 2 });
    await expect(populationCorrelations(rt, net, { variable: 'r' as never })).rejects.toThrow(/variable/);
    await expect(populationCorrelations(rt, net, { maxPairs: 0 })).rejects.toThrow(/maxPairs/);
    await expect(populationCorrelations(rt, net, { t: 51, transient: 50, sampleDt: 0.5 })).rejects.toThrow(/samples after the transient/);
    using b = rt.f64(9);
    using x = rt.f64(10);
    expect(() => gmres(rt, net, b, x)).toThrow(/b and x must have length n = 10/);
    expect(() => populationPrediction(2, Number.NaN)).toThrow(/j0/);
    expect(() => populationPrediction(2, 1, { phi: 'relu' as never })).toThrow(/phi/);
    expect(() => staticShell(-1)).toThrow(/g/);
    expect(() => productRadius(1, [], 0.5)).toThrow(/gains/);
    expect(() => productRadius(1, [1], 2)).toThrow(/t/);
  });
});
