import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianDense } from '../helpers/networks.js';
import { type Runtime, load, simulateRate } from '../../src/index.js';
import { nonlinearity } from '../../src/dynamics/nonlinearity.js';
import { scsLyapunov } from '../../src/theory/dmft/lyapunov.js';
import { pairCorrelation } from '../../src/theory/dmft/pair-series.js';
import type { MeanFieldPhi } from '../../src/theory/dmft/phi.js';
import { scsAutocorrelation, scsMeanField, scsPotential, scsVariance } from '../../src/theory/dmft/scs.js';
import { correlationTimescales } from '../../src/theory/dmft/timescales.js';
import { gaussianExpectation, gaussianPairExpectation, midpointGaussianExpectation } from '../../src/theory/quadrature.js';

/** tanh(u) + 0.3: not odd, chaotic, with a static part Δ∞ > 0 (J(tanh + 0.3) = J tanh + quenched input). */
const SHIFTED_TANH: MeanFieldPhi = {
  name: 'tanh + 0.3',
  phi: (u) => Math.tanh(u) + 0.3,
  derivative: (u) => 1 - Math.tanh(u) ** 2,
  primitive: (u) => nonlinearity('tanh').primitive(u) + 0.3 * u,
  odd: false,
};

/**
 * E[f(x)h(y)] for the Gaussian pair by a nested trapezoid rule finer than the library's (step 0.075
 * on [−9, 9]: error ~e^{−2π·0.7/0.075} at q = 5, tail e^{−40}): the reference for the series where
 * the 0.2-step rule is the weaker side.
 */
function finePairExpectation(f: (u: number) => number, h: (u: number) => number, c: number, q: number): number {
  const shared = Math.sqrt(Math.abs(c));
  const own = Math.sqrt(Math.max(q - Math.abs(c), 0));
  const rule = (g: (z: number) => number) => gaussianExpectation(g, 120, 9);
  return rule((z) => rule((y) => f(own * y + shared * z)) * rule((y) => h(own * y + Math.sign(c) * shared * z)));
}

describe('Mehler series of the pair correlation', () => {
  it.each(['tanh', 'erf', 'sigmoid'] as const)('%s: F, ∂F/∂c and E[ΦΦ] equal the nested Gaussian rule', (name) => {
    const phi = nonlinearity(name);
    for (const q of [0.5, 2, 5]) {
      const s = pairCorrelation(phi, q);
      for (const rho of [-0.5, 0, 0.3, 0.9, 1]) {
        const c = rho * q;
        // Series tail < 1e-12 for q ≤ 5 (see pair-series.ts). The reference is the fine rule: the
        // library's 0.2-step nested rule is itself off by 1e-8 at q = 5, ρ = 1 (tanh(√5 z)² is
        // analytic only in a strip of half-width π/(2√5)).
        expect(Math.abs(s.correlation(c) - finePairExpectation(phi.phi, phi.phi, c, q))).toBeLessThan(2e-12);
        const meanPrimitive = gaussianExpectation((z) => phi.primitive(Math.sqrt(q) * z));
        expect(Math.abs(meanPrimitive ** 2 + s.primitiveIncrement(c) - finePairExpectation(phi.primitive, phi.primitive, c, q)))
          .toBeLessThan(1e-11 * q);
        // ∂F/∂c converges like Σ n b_n: geometric for |ρ| ≤ 0.9, used only there (lyapunov.ts).
        if (Math.abs(rho) <= 0.9) {
          expect(Math.abs(s.slopeCorrelation(c) - finePairExpectation(phi.derivative, phi.derivative, c, q))).toBeLessThan(1e-11);
        }
      }
    }
  });

  it('the midpoint rule integrates a jump at 0 where the trapezoid rule does not', () => {
    const relu = nonlinearity('relu');
    expect(Math.abs(midpointGaussianExpectation((z) => relu.derivative(z) ** 2) - 0.5)).toBeLessThan(1e-14);
    expect(Math.abs(gaussianExpectation((z) => relu.derivative(z) ** 2) - 0.5)).toBeGreaterThan(0.005); // node at 0: h·φ(0)/2 ≈ 0.01
  });
});

describe('SCS mean-field theory for every φ of the table', () => {
  it('erf: quiescent below g_c = 1/φ′(0) = √π/2, chaotic above, Δ(τ) conserving the particle energy', () => {
    const gc = Math.sqrt(Math.PI) / 2;
    expect(scsMeanField(0.99 * gc, { phi: 'erf' }).status).toBe('quiescent');
    const above = scsMeanField(1.01 * gc, { phi: 'erf' });
    expect(above.status).toBe('chaotic');
    // Near onset Δ0 → 0 continuously (a second-order transition).
    expect(above.delta0).toBeLessThan(0.1);
    const g = 2;
    const { tau, delta, delta0 } = scsAutocorrelation(g, { phi: 'erf', tauMax: 10, dtau: 0.02 });
    const energy0 = scsPotential(g, delta0, delta0, { phi: 'erf' });
    // V(Δ0) = V(0) is the energy condition (single integrals vs the nested rule: 1e-9).
    expect(Math.abs(energy0 - scsPotential(g, 0, delta0, { phi: 'erf' }))).toBeLessThan(1e-9 * Math.abs(energy0));
    for (const i of [50, 150, 300]) {
      const v = (delta[i + 1] - delta[i - 1]) / (2 * (tau[1] - tau[0])); // central difference, O(dτ²)
      expect(Math.abs(v * v / 2 + scsPotential(g, delta[i], delta0, { phi: 'erf' }) - energy0)).toBeLessThan(2e-4);
    }
  });

  it('sigmoid: a stable fixed point Δ0 = Δ∞ = q_s until g²E[φ′²] reaches 1 (g ≈ 10.1), chaotic with Δ∞ > 0 above', () => {
    const phi = nonlinearity('sigmoid');
    for (const g of [0.5, 2, 4, 8]) {
      const r = scsMeanField(g, { phi: 'sigmoid' });
      expect(r.status).toBe('static');
      expect(r.staticStability).toBeLessThan(1);
      expect(r.delta0).toBe(r.deltaInf);
      const map = g * g * gaussianExpectation((z) => phi.phi(Math.sqrt(r.delta0) * z) ** 2);
      expect(Math.abs(map - r.delta0)).toBeLessThan(1e-12 * r.delta0);
    }
    const chaotic = scsMeanField(12, { phi: 'sigmoid' });
    expect(chaotic.status).toBe('chaotic');
    expect(chaotic.staticStability).toBeGreaterThan(1);
    expect(chaotic.deltaInf).toBeGreaterThan(0.9 * chaotic.delta0); // mostly static: ⟨φ⟩² dominates the input
    // At q ≈ 65 (σ(u) = (1 + tanh(u/2))/2: a tanh series at variance 16) the series is good to ~1e-7.
    const F = (c: number) => finePairExpectation(phi.phi, phi.phi, c, chaotic.delta0);
    expect(Math.abs(chaotic.deltaInf - 144 * F(chaotic.deltaInf))).toBeLessThan(1e-6 * chaotic.deltaInf);
  });

  it('relu and linear φ are homogeneous: quiescent below threshold, diverged above, and say so', () => {
    // relu: E[relu′²] = 1/2, so x = 0 is stable for g < √2; above, the energy balance scales as Δ0² and has no root.
    expect(scsMeanField(1.4, { phi: 'relu' }).status).toBe('quiescent');
    const relu = scsMeanField(1.5, { phi: 'relu' });
    expect(relu.status).toBe('diverged');
    expect(relu.message).toMatch(/no finite chaotic state/);
    expect(Number.isNaN(relu.delta0)).toBe(true);
    expect(() => scsVariance(1.5, { phi: 'relu' })).toThrow(/scsVariance: diverged at g = 1.5/);
    expect(scsMeanField(0.99, { phi: 'linear' }).status).toBe('quiescent');
    expect(scsMeanField(1.01, { phi: 'linear' }).status).toBe('diverged');
    expect(scsLyapunov(2, { phi: 'relu' }).lambdaMax).toBeNull();
  });

  it('a non-odd chaotic φ has a static part: V′(Δ∞) = 0, V(Δ0) = V(Δ∞), and Δ(τ) conserves energy into Δ∞', () => {
    const g = 2;
    const r = scsMeanField(g, { phi: SHIFTED_TANH, tauMax: 30, dtau: 0.02 });
    expect(r.status).toBe('chaotic');
    expect(r.deltaInf).toBeGreaterThan(0.5);
    expect(r.delta0).toBeLessThan(r.staticVariance); // the chaotic variance lies below the unstable fixed point's
    const F = (c: number) => gaussianPairExpectation(SHIFTED_TANH.phi, SHIFTED_TANH.phi, c, r.delta0);
    // Independent of the series: Δ∞ = g²F(Δ∞; Δ0) and the energy equality with the nested rule (1e-9).
    expect(Math.abs(r.deltaInf - g * g * F(r.deltaInf))).toBeLessThan(1e-9);
    const V = (d: number) => scsPotential(g, d, r.delta0, { phi: SHIFTED_TANH });
    expect(Math.abs(V(r.delta0) - V(r.deltaInf))).toBeLessThan(1e-9);
    expect(Math.abs(r.delta[r.delta.length - 1] - r.deltaInf)).toBeLessThan(1e-3 * (r.delta0 - r.deltaInf));
    for (const i of [25, 100, 200]) {
      const v = (r.delta[i + 1] - r.delta[i - 1]) / 0.04;
      expect(Math.abs(v * v / 2 + V(r.delta[i]) - V(r.delta0))).toBeLessThan(2e-4);
    }
    expect(r.timescales.delta.tauHalf).toBeGreaterThan(0.5);
  });

  it('timescales follow their definitions on a known correlation: ρ = e^{−τ/2} gives τ½ = 2 ln 2, τ_1/e = 2, τ_int = 1', () => {
    const tau = Float64Array.from({ length: 4001 }, (_, i) => i * 0.01);
    const f = Float64Array.from(tau, (t) => 3 + 2 * Math.exp(-t / 2));
    const ts = correlationTimescales(tau, f, 3);
    // Linear interpolation of an exponential: error ≤ dτ²/8·|ρ''|/|ρ'| ≈ 1e-5; trapezoid τ_int: O(dτ²) ≈ 1e-5, tail e^{−40}.
    expect(Math.abs(ts.tauHalf - 2 * Math.LN2)).toBeLessThan(1e-4);
    expect(Math.abs(ts.tau1e - 2)).toBeLessThan(1e-4);
    expect(Math.abs(ts.tauIntegrated - 1)).toBeLessThan(1e-4);
  });
});

describe('DMFT Lyapunov exponent', () => {
  it('Δ′(τ) is an excited state of H = −∂τ² − g²C_φ′ with E = −1, below the ground state that gives λ_max > 0', () => {
    let previous = 0;
    for (const g of [1.5, 2, 3]) {
      const r = scsLyapunov(g);
      // Second differences at dτ = 0.05: O(dτ²·|ψ''''|) ≈ 1e-4 on the eigenvalues; measured ≤ 2e-5.
      expect(Math.abs(r.excitedEnergy + 1)).toBeLessThan(1e-4);
      expect(Math.abs(r.derivativeEnergy + 1)).toBeLessThan(1e-4);
      expect(r.derivativeOverlap).toBeGreaterThan(0.9999);
      expect(r.groundEnergy).toBeLessThan(-1);
      expect(r.lambdaMax as number).toBeGreaterThan(previous);
      previous = r.lambdaMax as number;
    }
    // Halving dτ moves λ_max by O(dτ²): a convergence check of the discretisation.
    const coarse = scsLyapunov(2, { dtau: 0.1 }).lambdaMax as number;
    const fine = scsLyapunov(2, { dtau: 0.05 }).lambdaMax as number;
    expect(Math.abs(coarse - fine)).toBeLessThan(1e-3);
    expect(scsLyapunov(0.9).lambdaMax).toBeNull();
  });
});

describe('SCS theory against simulation', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('sigmoid networks settle on the predicted fixed-point variance q_s (N = 1000, three seeds, within 8%)', async () => {
    // g = 4: q_s = 5.855, bulk radius² 0.40 so the fixed point attracts at rate ≥ 1 − 0.63 per τ:
    // after t = 25 the state is within e^{−9} of it. One realisation's q = mean of N squared
    // Gaussian-like x_i* fluctuates by ≈ √(2/N) = 4.5%; the mean of three by 2.6%: 8% is three of those.
    const g = 4;
    const qs = scsMeanField(g, { phi: 'sigmoid' }).delta0;
    let q = 0;
    for (const seed of ['sigmoid-a', 'sigmoid-b', 'sigmoid-c']) {
      using J = gaussianDense(rt, 1000, g, seed);
      const run = await simulateRate(rt, { connectivity: J, phi: 'sigmoid' }, { t: 25, dt: 0.1, transient: 20, seed: 1, record: false });
      q += run.summary.q / 3;
    }
    expect(Math.abs(q / qs - 1)).toBeLessThan(0.08);
  });
});
