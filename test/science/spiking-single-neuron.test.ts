/**
 * Single neurons against closed forms (uncoupled networks, so each neuron is on its own):
 * LIF and QIF with constant drive fire periodically with the periods below, and Euler's
 * periods converge to them at first order; LIF with white noise fires at the Siegert rate.
 *
 * Periods from V_reset to θ under constant μ (τ_m dv/dt = f):
 *   LIF: T = τ_m ln((μ − V_r)/(μ − θ));
 *   QIF: with u = v − V_T/2 and q = μ − V_T²/(4ΔV) > 0,
 *        T = τ_m √(ΔV/q) [atan((V_peak − V_T/2)/√(ΔV q)) − atan((V_r − V_T/2)/√(ΔV q))].
 * Euler's error: forward Euler solves the modified equation dv/dt = f − (dt/2) f f′ + O(dt²)
 * (Hairer, Lubich & Wanner, Geometric Numerical Integration, §IX.1), so the time from V_r to θ
 * is T + c₁ dt + O(dt²) with c₁ = ½ ln(f(θ)/f(V_r)) (for the LIF c₁ = −T/(2τ_m)); the spike is
 * detected at the first step after the crossing, which adds a delay in [0, dt). So
 * ISI − T ∈ [c₁ dt, (c₁ + 1) dt) up to O(dt²): first-order convergence with a known constant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, SpikingNetwork, type SpikingNetworkParams } from '../../src/index.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

function uncoupled(n: number) {
  return rt.csr({ nRows: n, nCols: n, rowPtr: new Int32Array(n + 1), colIdx: [], values: [] });
}

/** Inter-spike intervals (ms) of each neuron after its first spike, from a run of tMs. */
async function intervals(params: Omit<SpikingNetworkParams, 'weights'> & { n: number }, tMs: number): Promise<number[][]> {
  const { n, ...rest } = params;
  using weights = uncoupled(n);
  using net = new SpikingNetwork(rt, { weights, ...rest });
  const run = await net.run({ tMs });
  const steps: number[][] = Array.from({ length: n }, () => []);
  const spikes = run.spikes as NonNullable<typeof run.spikes>;
  for (let k = 0; k < spikes.neuron.length; k++) steps[spikes.neuron[k]].push(spikes.step[k]);
  return steps.map((s) => s.slice(1).map((step, k) => (step - s[k]) * net.dtMs));
}

const LIF = { tau: 10, vr: 10, theta: 20 };
const lifPeriod = (mu: number) => LIF.tau * Math.log((mu - LIF.vr) / (mu - LIF.theta));
const QIF = { tau: 10, vT: 20, dV: 20, vr: 10, peak: 100 };
function qifPeriod(mu: number): number {
  const q = mu - QIF.vT ** 2 / (4 * QIF.dV);
  const w = Math.sqrt(QIF.dV * q);
  return QIF.tau * Math.sqrt(QIF.dV / q) * (Math.atan((QIF.peak - QIF.vT / 2) / w) - Math.atan((QIF.vr - QIF.vT / 2) / w));
}
const qifF = (v: number, mu: number) => (v * (v - QIF.vT)) / QIF.dV + mu;

const MUS_LIF = [20.2, 22, 25, 30, 40];
const MUS_QIF = [5.5, 7.8, 10, 15, 25];

describe('uncoupled neurons with constant drive', () => {
  it('the defaults fire near 25 Hz: LIF μ = 20.2 (T = 39.3 ms) and QIF μ = 7.8 (T = 39.8 ms)', () => {
    expect(1000 / lifPeriod(20.2)).toBeCloseTo(25.43, 2);
    expect(1000 / qifPeriod(7.8)).toBeCloseTo(25.15, 2);
  });

  it.each([0.1, 0.05, 0.025, 0.0125])('LIF Euler (dt = %f ms): ISI − T within [c₁dt, (c₁+1)dt) + O(dt²), c₁ = −T/(2τ)', async (dt) => {
    const isis = await intervals({ n: MUS_LIF.length, types: MUS_LIF.map(() => 0), mu: MUS_LIF, dtMs: dt }, 400);
    MUS_LIF.forEach((mu, i) => {
      const t = lifPeriod(mu);
      const c1 = -t / (2 * LIF.tau);
      expect(isis[i].length).toBeGreaterThan(2);
      // Periodic: every interval is the same whole number of steps.
      expect(new Set(isis[i].map((x) => Math.round(x / dt))).size).toBe(1);
      // O(dt²) allowance: the next term of the modified equation, bounded by (dt/τ)²·T.
      const slack = (dt / LIF.tau) ** 2 * t * 2;
      expect(isis[i][0] - t).toBeGreaterThanOrEqual(c1 * dt - slack);
      expect(isis[i][0] - t).toBeLessThan((c1 + 1) * dt + slack);
    });
  });

  it.each([0.1, 0.05, 0.025, 0.0125])('LIF exact propagators (dt = %f ms): ISI is T rounded up to the grid', async (dt) => {
    const isis = await intervals({ n: MUS_LIF.length, types: MUS_LIF.map(() => 0), mu: MUS_LIF, dtMs: dt, integrator: 'exact' }, 400);
    MUS_LIF.forEach((mu, i) => {
      const t = lifPeriod(mu);
      expect(isis[i][0]).toBeGreaterThanOrEqual(t - 1e-9);
      expect(isis[i][0]).toBeLessThan(t + dt + 1e-9);
    });
  });

  it.each([0.1, 0.05, 0.025, 0.0125])('QIF Euler (dt = %f ms): ISI − T within [c₁dt, (c₁+1)dt) + O(dt²), c₁ = ½ ln(f(V_peak)/f(V_r))', async (dt) => {
    const isis = await intervals({ n: MUS_QIF.length, types: MUS_QIF.map(() => 1), mu: MUS_QIF, dtMs: dt }, 400);
    MUS_QIF.forEach((mu, i) => {
      const t = qifPeriod(mu);
      const c1 = 0.5 * Math.log(qifF(QIF.peak, mu) / qifF(QIF.vr, mu));
      expect(new Set(isis[i].map((x) => Math.round(x / dt))).size).toBe(1);
      // O(dt²): the QIF's fast upswing near V_peak (f′ = 2v/ΔV up to 10 per τ) makes the
      // second-order term larger than the LIF's; 4 c₁² (dt/τ)·dt bounds it over this μ range.
      const slack = 4 * c1 * c1 * (dt / QIF.tau) * dt;
      expect(isis[i][0] - t).toBeGreaterThanOrEqual(c1 * dt - slack);
      expect(isis[i][0] - t).toBeLessThan((c1 + 1) * dt + slack);
    });
  });

  it('a refractory period adds whole steps to the period', async () => {
    const dt = 0.1;
    const plain = await intervals({ n: 1, types: [0], mu: [25], dtMs: dt }, 300);
    const refractory = await intervals({ n: 1, types: [0], mu: [25], dtMs: dt, lif: { refractoryMs: 2 } }, 300);
    expect(refractory[0][0]).toBeCloseTo(plain[0][0] + 2, 9);
  });
});

describe('LIF with white noise: the Siegert rate', () => {
  /**
   * Siegert (1951): 1/ν = τ√π ∫_a^b e^{u²}(1 + erf u) du, a = (V_r − μ)/σ, b = (θ − μ)/σ. With
   * e^{u²}(1 + erf u) = (2/√π) ∫₀^∞ e^{−t² + 2ut} dt the u-integral is done in closed form:
   * 1/ν = τ ∫₀^∞ e^{−t²} (e^{2bt} − e^{2at})/t dt, a smooth integrand (→ 2(b − a) at t = 0) without
   * the cancellation of 1 + erf u for u ≪ 0; composite Simpson on [0, 12] (e^{−t²+2bt} < 1e-40 beyond).
   */
  function siegertRate(mu: number, sigma: number, theta: number, vr: number, tau: number): number {
    const a = (vr - mu) / sigma;
    const b = (theta - mu) / sigma;
    const f = (t: number) => (t === 0 ? 2 * (b - a) : (Math.exp(-t * t + 2 * b * t) - Math.exp(-t * t + 2 * a * t)) / t);
    const m = 24_000;
    const h = 12 / m;
    let s = 0;
    for (let k = 0; k <= m; k++) s += (k === 0 || k === m ? 1 : k % 2 ? 4 : 2) * f(k * h);
    return 1000 / (tau * (s * h) / 3);
  }

  it('the Siegert formula: μ → θ−V_r limit and the noiseless rate for μ > θ', () => {
    // Weak noise, suprathreshold drive: the rate tends to the deterministic 1/T (σ → 0).
    expect(siegertRate(30, 0.05, 20, 10, 10) / (1000 / lifPeriod(30))).toBeCloseTo(1, 3);
  });

  it('σ = 0 and zero noise give identical trains (the degenerate case)', async () => {
    const a = await intervals({ n: 3, types: [0, 0, 0], mu: [21, 22, 23] }, 200);
    const b = await intervals({ n: 3, types: [0, 0, 0], mu: [21, 22, 23], lif: { noiseSigmaMv: 0 } }, 200);
    expect(b).toEqual(a);
  });

  it.each([
    [15, 5],
    [18, 3],
    [20, 2],
  ])('μ = %d mV, σ = %d mV, dt = 0.1 ms: rate of 2000 neurons within 2% of Siegert with the discrete-time threshold shift', async (mu, sigma) => {
    // Euler–Maruyama samples v only on the grid, so the first crossing is detected late by the
    // overshoot of a Gaussian random walk with step s = σ√(dt/τ): the threshold acts as
    // θ + ρ s with ρ = −ζ(1/2)/√(2π) = 0.5826 (Siegmund 1985, corrected diffusion approximation).
    // Without it the rate is 3.5–9% below Siegert at dt = 0.1 ms. Spike counts: ~2000·5 s·20 Hz =
    // 2·10⁵, so the statistical error is ≈ 0.3%; 2% leaves room for the O(dt) remainder.
    const n = 2000;
    const dt = 0.1;
    using weights = uncoupled(n);
    using net = new SpikingNetwork(rt, { weights, fracQif: 0, mu: new Float64Array(n).fill(mu), dtMs: dt, lif: { noiseSigmaMv: sigma }, seed: `siegert-${mu}` });
    const run = await net.run({ tMs: 5200, keepSpikes: true });
    const spikes = run.spikes as NonNullable<typeof run.spikes>;
    let count = 0;
    for (const s of spikes.step) if (s * dt >= 200) count++;
    const rate = count / n / 5;
    const rho = 0.5825971579390106;
    const expected = siegertRate(mu, sigma, 20 + rho * sigma * Math.sqrt(dt / 10), 10, 10);
    expect(Math.abs(rate / expected - 1)).toBeLessThan(0.02);
    expect(Math.abs(rate / siegertRate(mu, sigma, 20, 10, 10) - 1)).toBeGreaterThan(0.03);
  });
});
