import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, spikeCountMatrix, SpikingNetwork } from '../../src/index.js';
import { erf } from '../../src/dynamics/nonlinearity.js';
import {
  FOURCAUD_BRUNEL_ALPHA, firingRate, gainRescaledDimension, type IfNeuron, neuronGain, operatingPoints,
} from '../../src/theory/spiking-gain.js';

const LIF: IfNeuron = { kind: 'lif', tauMs: 10, thetaMv: 20, vResetMv: 10, refractoryMs: 0 };
const QIF: IfNeuron = { kind: 'qif', tauMs: 10, thetaMv: 100, vResetMv: 10, refractoryMs: 0, vTMv: 20, deltaVMv: 20 };

/** Siegert by its textbook form, 1/ν = τ_ref + τ√π ∫ e^{x²}(1 + erf x) dx (Simpson, 4000 intervals); accurate while (V_r − μ)/σ ≥ −4. */
function siegert(mu: number, sigma: number, tauRef: number): number {
  const a = (10 - mu) / sigma;
  const b = (20 - mu) / sigma;
  const m = 4000;
  let s = 0;
  for (let k = 0; k <= m; k++) {
    const x = a + ((b - a) * k) / m;
    s += (k === 0 || k === m ? 1 : k % 2 ? 4 : 2) * Math.exp(x * x) * (1 + erf(x));
  }
  return 1 / (tauRef + 10 * Math.sqrt(Math.PI) * ((s * (b - a)) / m / 3));
}

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

const uncoupled = (n: number) => rt.csr({ nRows: n, nCols: n, rowPtr: new Int32Array(n + 1), colIdx: [], values: [] });

/** Mean rate (kHz) of n uncoupled neurons over tMs after 200 ms. */
async function simulatedRate(params: Omit<ConstructorParameters<typeof SpikingNetwork>[1], 'weights'>, n: number, tMs: number, dtMs: number) {
  using weights = uncoupled(n);
  using net = new SpikingNetwork(rt, { weights, dtMs, ...params });
  const run = await net.run({ tMs: tMs + 200 });
  let count = 0;
  for (const s of (run.spikes as NonNullable<typeof run.spikes>).step) if (s * dtMs >= 200) count++;
  return count / n / tMs;
}

describe('firing rates and gains of integrate-and-fire neurons', () => {
  it('LIF: the first-passage quadrature equals Siegert\'s formula (to 1e-6) and the noiseless rate as σ → 0', () => {
    for (const [mu, sigma, tauRef] of [[18, 2, 2], [15, 5, 0], [12, 3, 2], [20.2, 4, 0]]) {
      expect(Math.abs(firingRate({ ...LIF, refractoryMs: tauRef }, mu, sigma) / siegert(mu, sigma, tauRef) - 1)).toBeLessThan(1e-6);
    }
    // Suprathreshold μ = 22: T = τ ln((μ − V_r)/(μ − θ)); the O(σ²) noise correction is < 1e-4 at σ = 0.01.
    const period = 10 * Math.log(12 / 2);
    expect(Math.abs(firingRate(LIF, 22, 0.01) * period - 1)).toBeLessThan(1e-4);
    // Gain of the noiseless LIF: dν/dμ = ν²τ(1/(μ − θ) − 1/(μ − V_r)).
    const nu = 1 / period;
    expect(Math.abs(neuronGain(LIF, 22, 0.01) / (nu * nu * 10 * (1 / 2 - 1 / 12)) - 1)).toBeLessThan(1e-3);
  });

  it('QIF: the numerical rate tends to the noiseless period τ√(ΔV/I)[atan(u_θ/√(ΔV I)) − atan(u_r/√(ΔV I))] and matches simulated noisy QIF neurons', async () => {
    // v(v − 20)/20 + μ = (v − 10)²/20 + μ − 5: I = μ − 5, u = v − 10.
    const i = 7.8 - 5;
    const r = Math.sqrt(20 * i);
    const period = 10 * Math.sqrt(20 / i) * (Math.atan(90 / r) - Math.atan(0 / r));
    expect(Math.abs(firingRate(QIF, 7.8, 0.01) * period - 1)).toBeLessThan(1e-4);
    // 400 uncoupled QIF neurons with white noise, dt = 0.02 ms, 2 s: ≥ 10⁴ spikes (≤ 1 %); Euler's bias at this
    // step was 0.02–1.5 % in a dt sweep (0.1, 0.05, 0.02 ms; 1000 neurons, 3 s): hold 3 %.
    for (const [mu, sigma] of [[7.8, 2], [6, 1]]) {
      const simulated = await simulatedRate({ fracQif: 1, mu: new Float64Array(400).fill(mu), qif: { noiseSigmaMv: sigma }, seed: `qif-${mu}` }, 400, 2000, 0.02);
      expect(Math.abs(simulated / firingRate(QIF, mu, sigma) - 1)).toBeLessThan(0.03);
    }
    // The QIF's gain at 25 Hz is several times below the LIF's (the founding study's reason PR differs between them).
    expect(neuronGain(LIF, 20.2, 1)).toBeGreaterThan(3 * neuronGain(QIF, 7.8, 1));
  });

  it('LIF behind a τ_s = 5 ms synapse: the Fourcaud–Brunel threshold shift brings the diffusion rate near a Poisson-driven simulation', async () => {
    expect(FOURCAUD_BRUNEL_ALPHA).toBeCloseTo(2.06525, 5);
    // 100 Poisson sources of 100 Hz, weight 0.2 into I: μ = 10 + τ_s w R = 20, σ = τ_s w √(R/τ_m) = 1 (R = 10 kHz).
    const simulated = await simulatedRate({ fracQif: 0, mu: new Float64Array(1000).fill(10), lif: { poisson: { rateHz: 100, weight: 0.2, count: 100 } }, seed: 'fb' }, 1000, 3000, 0.05);
    const white = firingRate(LIF, 20, 1);
    const filtered = firingRate({ ...LIF, tauSynMs: 5 }, 20, 1);
    // The shift is first order in √(τ_s/τ_m) = 0.71, not small: the corrected rate is within 25 % (white noise: 42 % off).
    expect(Math.abs(filtered / simulated - 1)).toBeLessThan(0.25);
    expect(Math.abs(white / simulated - 1)).toBeGreaterThan(2 * Math.abs(filtered / simulated - 1));
  });

  it('operating points and g_eff: μ_i, σ_i from the inputs\' rates; g_eff² = τ_s² Σ γ_i² w_ij²/N; PR/N = (1 − g_eff²)²', () => {
    // Two neurons, w_01 = 2, w_10 = −1, rates 20 and 10 Hz.
    const csr = { rowPtr: [0, 1, 2], colIdx: [1, 0], values: [2, -1] };
    const op = operatingPoints(csr, [0.02, 0.01], [15, 16], 5, [10, 10]);
    expect(op.mu[0]).toBeCloseTo(15 + 5 * 2 * 0.01, 12);
    expect(op.mu[1]).toBeCloseTo(16 - 5 * 0.02, 12);
    expect(op.sigma[0]).toBeCloseTo(5 * Math.sqrt((4 * 0.01) / 10), 12);
    const d = gainRescaledDimension(csr, [0.03, 0.01], 5);
    expect(d.gEffSquared).toBeCloseTo((25 * (0.03 ** 2 * 4 + 0.01 ** 2 * 1)) / 2, 12);
    expect(d.prOverN).toBeCloseTo((1 - d.gEffSquared) ** 2, 12);
    expect(gainRescaledDimension(csr, [1, 1], 5).prOverN).toBeNull(); // g_eff ≥ 1: no stationary linear state
    expect(() => firingRate(LIF, 20, 0)).toThrow(/firingRate: sigma must be > 0/);
    expect(() => operatingPoints(csr, [0.02], [15], 5, [10])).toThrow(/rowPtr \(n \+ 1\), muExt and tauMs/);
  });

  it('spike counts per bin as a sample matrix: every spike of the window counted once, in its bin', () => {
    const trains = { n: 2, dtMs: 0.1, fromStep: 0, toStep: 10_000, neuron: Int32Array.from([0, 1, 0, 1]), step: Int32Array.from([100, 2500, 2999, 9999]) };
    const m = spikeCountMatrix(trains, { binMs: 100 }); // window [200, 1000) ms: bins [200, 300) … [900, 1000)
    expect(m.nSamples).toBe(8);
    expect(m.nUnits).toBe(2);
    expect(Array.from(m.values)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // 10 ms is before the window
    expect(() => spikeCountMatrix(trains, { binMs: 0.01 })).toThrow(/spikeCountMatrix: binMs must be at least one step/);
  });
});
