import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DenseMatrix, gaussianNetwork, linearEqualTimeCovariance, linearLongWindowCovariance, linearLongWindowPrOverN, load, matrixParticipationRatio,
  modeEpsilon, modeStatistics, type Network, participationRatio, randomModeNetwork, type Runtime, type SampleMatrix, type ScsCorrelations,
  scsCorrelations, scsDimension,
  simulateRate,
} from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

const denseOf = (net: Network): Float64Array => (net.matrix as DenseMatrix).data.toArray();

describe('dimension theory of the SCS network (Clark, Abbott & Litwin-Kumar 2023)', () => {
  // One mean-field solution at g = 2 for every test below that evaluates the PR there.
  let atTwo: ScsCorrelations | null;
  beforeAll(() => {
    atTwo = scsCorrelations(2);
  });

  it('reproduces the published g = 2 tanh values (davidclark1/rnn-lyapunov, data/participation_theory)', () => {
    const r = scsDimension(2, { correlations: atTwo });
    expect(r.status).toBe('chaotic');
    // Published to 6 significant digits: agreement within half a unit of the last digit (Δ0 within one unit:
    // the published 1.92480 is 1.9248054… truncated, the value scipy's brentq gives too).
    expect(Math.abs(r.delta0 - 1.92480)).toBeLessThan(1e-5);
    expect(Math.abs(r.meanSlope - 0.48682)).toBeLessThan(5e-6);
    expect(Math.abs((r.prXOverN as number) - 0.0159148)).toBeLessThan(5e-8);
    expect(Math.abs((r.prPhiOverN as number) - 0.0197407)).toBeLessThan(5e-8);
    // The frequency grid integrates both spectra back to their equal-time values.
    expect(r.sumRuleError).toBeLessThan(1e-5);
  });

  it('is converged in the frequency grid near onset (the ridge width 1 − (g⟨φ′⟩)² = 0.0075 at g = 1.2)', () => {
    const correlations = scsCorrelations(1.2);
    const coarse = scsDimension(1.2, { correlations });
    expect(coarse.onsetGap).toBeLessThan(0.01);
    const fine = scsDimension(1.2, { correlations, resolution: 2 });
    expect(Math.abs((fine.prXOverN as number) / (coarse.prXOverN as number) - 1)).toBeLessThan(1e-6);
    expect(Math.abs((fine.prPhiOverN as number) / (coarse.prPhiOverN as number) - 1)).toBeLessThan(1e-6);
  });

  it('has no dimension below the transition and a dimension that grows with g above it', () => {
    const quiet = scsDimension(0.9);
    expect(quiet.status).toBe('quiescent');
    expect(quiet.prXOverN).toBeNull();
    const values = [scsDimension(1.5), scsDimension(2, { correlations: atTwo }), scsDimension(3)];
    for (let k = 1; k < values.length; k++) {
      expect(values[k].prXOverN as number).toBeGreaterThan(values[k - 1].prXOverN as number);
      expect(values[k].prPhiOverN as number).toBeGreaterThan(values[k - 1].prPhiOverN as number);
    }
  });

  it('random-mode connectivity: ε < 0 (toward orthogonal) raises PR, ε > 0 (low effective rank) lowers it; ε enters only ψ', () => {
    const iid = scsDimension(2, { correlations: atTwo });
    const orthogonal = scsDimension(2, { epsilon: -1, correlations: atTwo });
    const lowRank = scsDimension(2, { epsilon: 4, correlations: atTwo });
    expect(orthogonal.prXOverN as number).toBeGreaterThan(2 * (iid.prXOverN as number));
    expect(orthogonal.prPhiOverN as number).toBeGreaterThan(2 * (iid.prPhiOverN as number));
    expect(lowRank.prXOverN as number).toBeLessThan(iid.prXOverN as number);
    expect(lowRank.delta0).toBe(iid.delta0);
    // ψ^x is affine in ε with slope |U|²CC-integral = ψ^x's first term: check linearity through three points.
    const mid = scsDimension(2, { epsilon: 1.5, correlations: atTwo });
    expect(Math.abs(mid.psiX - (orthogonal.psiX + (lowRank.psiX - orthogonal.psiX) * (2.5 / 5)))).toBeLessThan(1e-9 * mid.psiX);
  });

  it('φ = erf (odd, saturating) has a dimension too; non-odd φ and bad ε are refused by name', () => {
    // erf has slope 2/√π at 0: chaos from g = √π/2 ≈ 0.886. Its grid integrates the spectra back too.
    const erf = scsDimension(1.5, { phi: 'erf' });
    expect(erf.status).toBe('chaotic');
    expect(erf.sumRuleError).toBeLessThan(1e-5);
    expect(erf.prPhiOverN as number).toBeGreaterThan(erf.prXOverN as number);
    expect(scsDimension(0.8, { phi: 'erf' }).status).toBe('quiescent');
    expect(() => scsDimension(12, { phi: 'sigmoid' })).toThrow(/scsCorrelations: phi = 'sigmoid' has no dimension theory: .* odd, saturating φ/);
    expect(() => scsDimension(1.5, { correlations: atTwo })).toThrow(/correlations are for g = 2, φ = tanh, not g = 1.5/);
    expect(() => scsDimension(2, { epsilon: -2 })).toThrow(/scsDimension: epsilon must be ≥ -1/);
    expect(() => scsDimension(Number.NaN)).toThrow(/scsDimension: g must be a finite number/);
  });
});

describe('linear networks (Hu & Sompolinsky 2022)', () => {
  it('closed forms: (1 − g²)² for i.i.d. J; the reciprocal-correlation form at g = 0.5 gives 0.5625 and 0.3051', () => {
    expect(linearLongWindowPrOverN(0.5)).toBe(0.5625);
    expect(Math.abs(linearLongWindowPrOverN(0.5, 0.5) - 0.3051)).toBeLessThan(5e-5);
    // The κ-form tends to (1 − g²)² as κ → 0.
    expect(Math.abs(linearLongWindowPrOverN(0.5, 1e-9) - 0.5625)).toBeLessThan(1e-8);
    expect(() => linearLongWindowPrOverN(0.8, 0.3)).toThrow(/unstable for g\(1 \+ κ\) = 1.04/);
  });

  it('agree with the direct inversion (1 − J)⁻¹(1 − J)⁻ᵀ of sampled networks (N = 300, 3 seeds)', () => {
    // numpy at N = 400 (10 seeds): seed-to-seed spread 0.002 (κ = 0) and 0.004 (κ = 0.5), mean offset < 0.004.
    // The mean of 3 seeds at N = 300 is held to 0.012: about 4 spreads plus the finite-N offset.
    for (const eta of [0, 0.5]) {
      const values = [1, 2, 3].map((s) => {
        using net = gaussianNetwork(rt, { n: 300, g: 0.5, eta, seed: `linear-${eta}-${s}` });
        const j = denseOf(net);
        const c = linearLongWindowCovariance(j, 300);
        return matrixParticipationRatio(c, 300) / 300;
      });
      const mean = values.reduce((a, v) => a + v, 0) / values.length;
      expect(Math.abs(mean - linearLongWindowPrOverN(0.5, eta))).toBeLessThan(0.012);
    }
  });

  it('the Lyapunov covariance solves its equation, equals ½(1 − J)⁻¹ for symmetric J, and matches a noisy simulation', async () => {
    const n = 60;
    using net = gaussianNetwork(rt, { n, g: 0.6, seed: 'lyapunov' });
    const j = denseOf(net);
    const { covariance, residual } = linearEqualTimeCovariance(j, n);
    expect(residual).toBeLessThan(1e-10);
    // Symmetric J: A = J − 1 is symmetric and negative definite, so C = −(2A)⁻¹ = ½(1 − J)⁻¹.
    const sym = j.map((v, k) => (v + j[(k % n) * n + Math.floor(k / n)]) / 2);
    const cs = linearEqualTimeCovariance(sym, n).covariance;
    // (1 − J)·(2C) = I within the residual bound.
    let worst = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += ((r === k ? 1 : 0) - sym[r * n + k]) * 2 * cs[k * n + c];
        worst = Math.max(worst, Math.abs(s - (r === c ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-10);
    // A linear network driven by white noise: the recorded equal-time covariance has the Lyapunov PR
    // (exact up to sampling: within 4 jackknife errors plus 1 % for Euler–Maruyama's O(dt) bias at dt = 0.01).
    const run = await simulateRate(rt, { connectivity: net, phi: 'linear', noise: 1 }, {
      t: 2100, transient: 100, dt: 0.01, integrator: 'euler', seed: 5, record: { units: 'all', every: 50 },
    });
    const measured = participationRatio(rt, run.recording as SampleMatrix);
    const theory = matrixParticipationRatio(covariance, n);
    expect(measured.status).toBe('ok');
    expect(Math.abs((measured.pr as number) - theory)).toBeLessThan(4 * (measured.prStdErr as number) + 0.01 * theory);
  });
});

describe('ε and the effective rank of a matrix', () => {
  it('i.i.d. Gaussian: ε ≈ 0; J = gO (Haar orthogonal): ε = −1; orthonormal modes: N/PR_s − 2; Gaussian modes: ≈ N/PR_s', () => {
    const n = 300;
    using iid = gaussianNetwork(rt, { n, g: 1.5, seed: 'eps-iid', selfCoupling: true });
    // E tr[(JJᵀ)²] = g⁴(2N + 1) and tr JJᵀ ≈ N g², so ε = 1/N plus fluctuations of order 1/N: |ε| < 0.05 at N = 300.
    expect(Math.abs(modeStatistics(rt, iid).epsilon)).toBeLessThan(0.05);
    // R = N orthonormal modes of equal strength g: J = g·U Vᵀ, a Haar orthogonal matrix times g.
    using orthogonal = randomModeNetwork(rt, { n, g: 1.5, spectrum: new Array(n).fill(1), orthonormal: true, seed: 'eps-o' });
    expect(Math.abs(modeStatistics(rt, orthogonal).epsilon + 1)).toBeLessThan(1e-10);
    // Orthonormal modes: the singular values are the s_a, so ε = N/PR_s − 2 exactly.
    using ortho = randomModeNetwork(rt, { n, g: 1.5, spectrum: 'power', alpha: 0.5, orthonormal: true, seed: 'eps-m' });
    const prS = ortho.info.effectiveRank as number;
    const stats = modeStatistics(rt, ortho);
    expect(Math.abs(stats.epsilon - (n / prS - 2))).toBeLessThan(1e-9 * n);
    expect(Math.abs(stats.effectiveRank - prS)).toBeLessThan(1e-9 * prS);
    // Gaussian modes: tr[(JJᵀ)²] ≈ (Σs²)²(1/PR_s + 2/N) to leading order, so ε ≈ N/PR_s. With 50 equal modes
    // (ε ≈ 6) numpy gives 5.9999 ± 0.099 over 20 seeds at N = 300: allow 5 % (3 spreads).
    using gauss = randomModeNetwork(rt, { n, g: 1.5, spectrum: new Array(50).fill(1), seed: 'eps-g' });
    expect(gauss.info.effectiveRank).toBeCloseTo(50, 10);
    expect(Math.abs(modeStatistics(rt, gauss).epsilon / (n / 50) - 1)).toBeLessThan(0.05);
    expect(modeEpsilon(4, 4, 4)).toEqual({ epsilon: -1, effectiveRank: 4 }); // J = I₄
    expect(() => modeEpsilon(4, 0, 0)).toThrow(/modeEpsilon: J must be nonzero/);
  });
});
