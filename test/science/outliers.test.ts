import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyseForceConnectivity, type DenseMatrix, eigenvalueOutliers, gaussianNetwork, load, type Runtime, sinesTarget,
  trainReadoutForce,
} from '../../src/index.js';

describe('eigenvalue outliers', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('uses any solver through the interface: a diagonal matrix has exactly the entries beyond the threshold', () => {
    const n = 5;
    const values = new Float64Array(n * n);
    [0.5, -2, 1.04, 1.06, 3].forEach((d, i) => { values[i * n + i] = d; });
    const diagonal = (_: Runtime, m: { n: number; values: Float64Array }) => Array.from({ length: m.n }, (_, i) => ({ re: m.values[i * m.n + i], im: 0 }));
    const got = eigenvalueOutliers(rt, { n, values }, { bulkRadius: 1, solver: diagonal });
    expect(got.threshold).toBe(1.05);
    expect(got.values).toEqual([{ re: 3, im: 0 }, { re: -2, im: 0 }, { re: 1.06, im: 0 }]);
    expect(got.count).toBe(3);
    expect(got.spectralRadius).toBe(3);
    expect(() => eigenvalueOutliers(rt, { n, values }, { bulkRadius: 0 })).toThrow(/bulkRadius must be > 0/);
  });

  it('an i.i.d. matrix has none; adding θ·u vᵀ (vᵀu = 1) puts one outlier near θ (Tao 2013)', () => {
    // Finite-n: the bulk edge sits ≈ 1.7 % above g (margin 5 %); the outlier deviates from θ by O(n^{-1/2}) ≈ 0.07.
    const n = 300;
    using net = gaussianNetwork(rt, { n, g: 1, seed: 'outlier-iid' });
    const J = (net.matrix as DenseMatrix).toArray();
    expect(eigenvalueOutliers(rt, { n, values: J }, { bulkRadius: 1 }).count).toBe(0);
    const u = rt.scope(() => rt.rng('outlier-u').normal(n).toArray());
    const uu = u.reduce((s, x) => s + x * x, 0);
    const theta = 2;
    const perturbed = J.map((v, k) => v + (theta * u[Math.floor(k / n)] * u[k % n]) / uu);
    const got = eigenvalueOutliers(rt, { n, values: perturbed }, { bulkRadius: 1 });
    expect(got.count).toBe(1);
    expect(got.values[0].im).toBe(0);
    expect(Math.abs(got.values[0].re - theta)).toBeLessThan(0.25);
  });

  it('readout FORCE adds outliers to J that J0 does not have; ΔJ is rank one and carries reciprocal motifs', async () => {
    const r = await trainReadoutForce(rt, { n: 300, target: sinesTarget(), trainPeriods: 4, testPeriods: 1, seed: 2 });
    const analysis = analyseForceConnectivity(rt, r);
    const { n, J0 } = r.connectivity!;
    expect(eigenvalueOutliers(rt, { n, values: J0 }, { bulkRadius: 1.5 }).count).toBe(0);
    expect(analysis.outliers.count).toBeGreaterThanOrEqual(1);
    expect(analysis.outliers.bulkRadius).toBe(1.5);
    // ΔJ = W_fb wᵀ: A_ij A_ji averages to ≈ (w·W_fb)²/(|w|²|W_fb|²)-scale, clearly above the i.i.d. J0 (|·| ≤ 6/n).
    expect(Math.abs(analysis.motifs.J0.reciprocal)).toBeLessThan(6 / n);
    expect(analysis.motifs.dJ.reciprocal).toBeGreaterThan(0.05);
  });
});
