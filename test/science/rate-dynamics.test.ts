import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BlowUpError, intrinsicTimescales, load, lyapunovExponents, participationRatio, randomModeNetwork, RateNetwork, type Runtime,
  simulateRate,
} from '../../src/index.js';
import type { F64Buffer } from '../../src/wasm/arena.js';
import { RateNetworkRef } from '../../src/reference/rate.js';
import { scsVariance } from '../../src/theory/dmft/scs.js';
import { gaussianDense, partiallySymmetric } from '../helpers/networks.js';
import { randomArray, randomCsr } from '../helpers/random.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

const gaussian = (n: number, g: number, seed: string) => gaussianDense(rt, n, g, seed);

describe('integrators', () => {
  // dx/dt = (A − I)x with A a rotation generator: x(t) = e^{−t}·(cos 2t, sin 2t) from x0 = (1, 0).
  const errorAt = (integrator: 'euler' | 'rk4', dt: number) => {
    using A = rt.dense(2, 2, [0, -2, 2, 0]);
    using net = new RateNetwork(rt, { connectivity: A, phi: 'linear' });
    net.setState([1, 0]).step(dt, integrator, Math.round(2 / dt));
    const [x, y] = net.state();
    return Math.hypot(x - Math.exp(-2) * Math.cos(4), y - Math.exp(-2) * Math.sin(4));
  };

  it.each([['euler', 1, 0.01], ['rk4', 4, 0.1]] as const)('%s converges with order %i on a linear system with a known solution', (integrator, order, dt0) => {
    // Observed orders log2(e(dt)/e(dt/2)) approach the true order as O(dt): start where that is < 12%.
    const e = [dt0, dt0 / 2, dt0 / 4].map((dt) => errorAt(integrator, dt));
    for (let i = 0; i + 1 < e.length; i++) {
      const observed = Math.log2(e[i] / e[i + 1]);
      expect(Math.abs(observed - order)).toBeLessThan(0.12 * order);
    }
  });

  it('WASM steps follow the pure-TS reference network (dense and CSR) to rounding', () => {
    const n = 60;
    const x0 = randomArray('ref-x0', n, -1, 1);
    using Jd = gaussian(n, 1.5, 'ref-dense');
    const csr = randomCsr('ref-csr', n, n, 6);
    using Js = rt.csr(csr);
    for (const [J, ref] of [
      [Jd, { kind: 'dense' as const, n, values: Jd.toArray() }],
      [Js, { kind: 'csr' as const, n, rowPtr: csr.rowPtr, colIdx: csr.colIdx, values: csr.values }],
    ] as const) {
      for (const integrator of ['euler', 'rk4'] as const) {
        using net = new RateNetwork(rt, { connectivity: J, bias: 0.1 });
        net.setState(x0).step(0.05, integrator, 40);
        const r = new RateNetworkRef(ref, new Float64Array(n).fill(0.1));
        r.x.set(x0);
        for (let s = 0; s < 40; s++) r.step(0.05, integrator);
        // Different summation orders in the products (≤ 2γ_n per product) and ≤ 2 ulp tanh, amplified
        // by at most e^{(‖J‖+1)·t} ≈ e^{8} over t = 2: 1e-10 absolute is a generous, still failing bound.
        const got = net.state();
        for (let i = 0; i < n; i++) expect(Math.abs(got[i] - r.x[i])).toBeLessThan(1e-10);
      }
    }
  });
});

describe('operators', () => {
  it('a matrix-free random-mode network integrates like its dense materialisation', () => {
    // Same seed → same modes; the factored product U(s∘(Vx)) and the dense gemv differ only in
    // summation order (≤ 2γ_n per product), so 40 RK4 steps agree to ~1e-12.
    const params = { n: 200, g: 1.8, rank: 20, spectrum: 'power' as const, alpha: 0.5, seed: 'modes' };
    using factored = randomModeNetwork(rt, { ...params, dense: false });
    using dense = randomModeNetwork(rt, params);
    expect(factored.matrix).toBeNull();
    const x0 = randomArray('modes-x0', 200, -1, 1);
    using a = new RateNetwork(rt, { connectivity: factored });
    using b = new RateNetwork(rt, { connectivity: dense.matrix! }); // the DenseMatrix itself: gemv
    a.setState(x0).step(0.05, 'rk4', 40);
    b.setState(x0).step(0.05, 'rk4', 40);
    const [xa, xb] = [a.state(), b.state()];
    for (let i = 0; i < 200; i++) expect(Math.abs(xa[i] - xb[i])).toBeLessThan(1e-10);
  });
});

describe('SCS networks', () => {
  it('relax to the fixed point x = 0 for g < 1', async () => {
    using J = gaussian(200, 0.5, 'relax');
    const run = await simulateRate(rt, { connectivity: J }, { t: 60, transient: 50, seed: 3, record: { units: 'all' } });
    // |x| decays like e^{−(1 − ρ(J))t} with ρ(J) ≈ g: below 1e-6 well before t = 50.
    expect(Math.max(...run.recording!.values.map(Math.abs))).toBeLessThan(1e-6);
  });

  it('at g = 2 have the DMFT variance q = Δ0 (finite N within 10%)', async () => {
    // Δ0(g = 2) = 1.925 from the energy balance of Sompolinsky, Crisanti & Sommers (1988).
    // N = 500: finite-size corrections are O(1/√N) ≈ 5% per realisation; 150 τ of sampling
    // (correlation time ≈ 5 τ) adds ≈ 2%; 10% is about two standard deviations of both.
    using J = gaussian(500, 2, 'scs-q');
    const run = await simulateRate(rt, { connectivity: J }, { t: 200, transient: 50, seed: 1, record: false });
    expect(Math.abs(run.summary.q / scsVariance(2) - 1)).toBeLessThan(0.1);
    expect(Math.abs(run.summary.meanActivity)).toBeLessThan(0.05);
  });

  it('reproduce bit for bit from a seed; other seeds give other trajectories', async () => {
    using J = gaussian(100, 1.8, 'repro');
    const opts = { t: 20, seed: 'same', record: { units: 'all' as const, every: 5 } };
    const a = await simulateRate(rt, { connectivity: J, noise: 0.1 }, opts);
    const b = await simulateRate(rt, { connectivity: J, noise: 0.1 }, opts);
    const c = await simulateRate(rt, { connectivity: J, noise: 0.1 }, { ...opts, seed: 'other' });
    expect(a.recording!.values).toEqual(b.recording!.values);
    expect(a.recording!.values).not.toEqual(c.recording!.values);
  });

  it('with zero noise the stochastic path equals the deterministic one bit for bit', async () => {
    using J = gaussian(80, 1.5, 'noise0');
    const opts = { t: 10, seed: 4, integrator: 'euler' as const, record: { units: 'all' as const } };
    const plain = await simulateRate(rt, { connectivity: J }, opts);
    const noisy = await simulateRate(rt, { connectivity: J, noise: 0 }, opts);
    expect(noisy.recording!.values).toEqual(plain.recording!.values);
  });

  it('noise alone gives the Euler–Maruyama OU variance σ²/(2 − dt) (τ = 1)', async () => {
    // x ← (1 − dt)x + σ√dt ξ has stationary variance σ²dt/(1 − (1 − dt)²) = σ²/(2 − dt) (→ σ²τ/2).
    // 1000 units × ~15 independent correlation times: se(q) ≈ √2·q/√15000 ≈ 0.0015; allow 5 se.
    using zero = rt.dense(1000, 1000);
    const sigma = 0.5;
    const dt = 0.02;
    const run = await simulateRate(rt, { connectivity: zero, phi: 'linear', noise: sigma }, {
      t: 20, transient: 5, dt, integrator: 'euler', seed: 'ou', record: false,
    });
    expect(Math.abs(run.summary.q - sigma ** 2 / (2 - dt))).toBeLessThan(0.0075);
  });
});

describe('Lyapunov exponents', () => {
  it('equal a_i − 1 for a linear network with symmetric J of eigenvalues a_i (three exponents)', async () => {
    // J = Q diag(a) Qᵀ with Q orthogonal (Gram–Schmidt of a random matrix): dx/dt = (J − I)x.
    const a = [0.6, 0.3, -0.2, -0.9, -1.5];
    const n = a.length;
    const rng = seedrandom('lyap-linear');
    const q: number[][] = [];
    for (let i = 0; i < n; i++) {
      const v = Array.from({ length: n }, () => rng() - 0.5);
      for (const u of q) {
        const d = u.reduce((s, ui, j) => s + ui * v[j], 0);
        for (let j = 0; j < n; j++) v[j] -= d * u[j];
      }
      const norm = Math.hypot(...v);
      q.push(v.map((x) => x / norm));
    }
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let m = 0; m < n; m++) values[i * n + j] += q[m][i] * a[m] * q[m][j];
    using J = rt.dense(n, n, values);
    const result = await lyapunovExponents(rt, { connectivity: J, phi: 'linear' }, { t: 140, transient: 40, k: 3, seed: 1 });
    // Vectors align with the leading eigenvectors within e^{−0.3·40} ≈ 6e-6 during the transient;
    // RK4's per-step error at dt = 0.05 is O((0.05·1.9)⁵/120) ≈ 1e-7: 1e-4 is a safe, strict bound.
    for (let i = 0; i < 3; i++) expect(Math.abs(result.exponents[i] - (a[i] - 1))).toBeLessThan(1e-4);
    expect(result.lambdaStdErr).toBeLessThan(1e-4);
  });

  it('fused (one pass over dense J for state and tangents) equal the unfused products bit for bit', async () => {
    using J = gaussian(60, 2, 'fused-lyapunov');
    const options = { t: 30, transient: 5, k: 4, seed: 'fused' };
    const fused = await lyapunovExponents(rt, { connectivity: J }, options);
    // An operator without multiplyRows takes the generic path: one gemv per vector and stage.
    const plain = { nRows: 60, nCols: 60, multiply: (x: F64Buffer, y?: F64Buffer) => J.multiply(x, y) };
    const unfused = await lyapunovExponents(rt, { connectivity: plain }, options);
    expect(fused.exponents).toEqual(unfused.exponents);
    expect(fused.segmentEstimates).toEqual(unfused.segmentEstimates);
  });

  it('are negative for g < 1 (≈ g − 1) and positive for g = 2, agreeing with two-trajectory divergence', async () => {
    using Jstable = gaussian(200, 0.5, 'lyap-stable');
    const stable = await lyapunovExponents(rt, { connectivity: Jstable }, { t: 100, transient: 20, seed: 1 });
    // Linearisation at x = 0: λ = max Re eig(J) − 1, with max Re eig ≈ g(1 ± few·N^{-1/2}) = 0.5 ± 0.15.
    expect(Math.abs(stable.lambdaMax - (0.5 - 1))).toBeLessThan(0.15);

    using J = gaussian(300, 2, 'lyap-chaos');
    const chaos = await lyapunovExponents(rt, { connectivity: J }, { t: 850, transient: 50, seed: 1, segments: 10 });
    expect(chaos.lambdaMax).toBeGreaterThan(3 * chaos.lambdaStdErr); // positive at p < 0.002
    // Literature: SCS DMFT (Sompolinsky et al. 1988) and finite-N spectra (Engelken, Wolf & Abbott 2023)
    // put λ_max(g = 2) near 0.1/τ; finite networks scatter by a few hundredths.
    expect(chaos.lambdaMax).toBeGreaterThan(0.04);
    expect(chaos.lambdaMax).toBeLessThan(0.2);

    // Independent estimate without tangent dynamics: two nonlinear trajectories δ0 = 1e-8 apart,
    // renormalised every τ (Benettin's original scheme).
    using a = new RateNetwork(rt, { connectivity: J });
    using b = new RateNetwork(rt, { connectivity: J });
    a.randomizeState('lyap-two');
    a.step(0.05, 'rk4', 1000);
    const x = a.state();
    const dir = randomArray('lyap-dir', x.length);
    const norm = Math.hypot(...dir);
    const d0 = 1e-8;
    b.setState(x.map((v, i) => v + (d0 * dir[i]) / norm));
    let sum = 0;
    const blocks = 350;
    for (let k = 0; k < blocks; k++) {
      a.step(0.05, 'rk4', 20);
      b.step(0.05, 'rk4', 20);
      const xa = a.state();
      const xb = b.state();
      const d = Math.hypot(...xb.map((v, i) => v - xa[i]));
      sum += Math.log(d / d0);
      b.setState(xa.map((v, i) => v + ((xb[i] - v) * d0) / d));
    }
    const twoTrajectory = sum / blocks;
    expect(Math.abs(twoTrajectory - chaos.lambdaMax)).toBeLessThan(4 * chaos.lambdaStdErr + 0.02);
  });
});

describe('participation ratio', () => {
  it('is r for r orthogonal modes of equal variance and N − 1 for isotropic basis-vector data', () => {
    const n = 12;
    const t = 64;
    const r = 3;
    const values = new Float64Array(t * n);
    // Modes: coordinate axes 0..r−1 carrying √2·cos(2π(a+1)s/t): orthogonal in time, equal variance.
    for (let s = 0; s < t; s++) for (let a = 0; a < r; a++) values[s * n + a] = Math.SQRT2 * Math.cos((2 * Math.PI * (a + 1) * s) / t);
    for (const method of ['covariance', 'gram'] as const) {
      expect(participationRatio(rt, { values, nSamples: t, nUnits: n }, { method, estimator: 'plain' }).pr).toBeCloseTo(r, 10);
    }
    // Samples √N·e_s: C ∝ I − 11ᵀ/N, eigenvalues (1 ×(N−1), 0): PR = N − 1.
    const iso = new Float64Array(n * n);
    for (let s = 0; s < n; s++) iso[s * n + s] = Math.sqrt(n);
    expect(participationRatio(rt, { values: iso, nSamples: n, nUnits: n }, { estimator: 'plain' }).pr).toBeCloseTo(n - 1, 10);
  });

  it('covariance and Gram forms agree on random data, whichever is larger, for both estimators', () => {
    for (const [t, n] of [[30, 10], [10, 30], [57, 8]]) {
      const values = randomArray(`pr-${t}-${n}`, t * n);
      const m = { values, nSamples: t, nUnits: n };
      for (const estimator of ['plain', 'cross-block'] as const) {
        const c = participationRatio(rt, m, { method: 'covariance', estimator });
        const g = participationRatio(rt, m, { method: 'gram', estimator });
        expect(c.status).toBe('ok');
        for (const key of ['pr', 'prStdErr', 'plainPr', 'effectiveSamples'] as const) {
          if (c[key] === null) expect(g[key]).toBeNull();
          else expect(Math.abs((g[key] as number) - c[key])).toBeLessThan(1e-10 * c[key]);
        }
      }
      expect(participationRatio(rt, m).method).toBe(t >= n ? 'covariance' : 'gram');
    }
  });
});

describe('timescales', () => {
  it('recover τ_1/e = τc and τ_int = τc/2 of Ornstein–Uhlenbeck series', () => {
    // AR(1) x_{s+1} = a·x_s + √(1 − a²)·ξ, a = e^{−Δ/τc}: ρ(τ) = e^{−τ/τc} exactly,
    // so τ_1/e = τc and ∫ρ² = τc/2. 20 series × 20000 samples (4000 τc): se ≈ 2% per unit.
    const tauC = 5;
    const dtS = 0.1;
    const a = Math.exp(-dtS / tauC);
    const units = 20;
    const t = 20000;
    const rng = seedrandom('ou-series');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const values = new Float64Array(t * units);
    for (let u = 0; u < units; u++) {
      let x = normal();
      for (let s = 0; s < t; s++) {
        values[s * units + u] = x;
        x = a * x + Math.sqrt(1 - a * a) * normal();
      }
    }
    const ts = intrinsicTimescales(rt, { values, nSamples: t, nUnits: units }, { sampleDt: dtS, maxLag: 400, degrees: Array.from({ length: units }, (_, i) => i) });
    expect(Math.abs(ts.summary.tau1e.median / tauC - 1)).toBeLessThan(0.1);
    expect(Math.abs(ts.summary.tauIntegrated.median / (tauC / 2) - 1)).toBeLessThan(0.15);
    expect(ts.summary.tau1e.unresolved).toBe(0);
    expect(Math.abs(ts.degreeSpearman!)).toBeLessThan(0.6); // unrelated "degrees": no strong rank correlation
  });

  it('grow with the reciprocal correlation η at fixed g', async () => {
    const median = async (eta: number) => {
      using J = partiallySymmetric(rt, 300, 2, eta, `eta-${eta}`);
      const run = await simulateRate(rt, { connectivity: J }, { t: 250, transient: 50, seed: 2, record: { units: 'all', every: 4 } });
      return intrinsicTimescales(rt, run.recording!, { sampleDt: run.recording!.sampleDt, maxLag: 300 }).summary.tauIntegrated.median;
    };
    const [t0, t5] = [await median(0), await median(0.5)];
    expect(t5).toBeGreaterThan(1.2 * t0);
  });
});

describe('runs: progress, cancellation, blow-up and bad input', () => {
  it('report progress, stop on abort, and name the time and unit of a blow-up', async () => {
    using J = gaussian(50, 1.5, 'progress');
    const seen: number[] = [];
    await simulateRate(rt, { connectivity: J }, { t: 10, chunkSteps: 50, record: false, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([50, 100, 150, 200]);
    const controller = new AbortController();
    controller.abort();
    await expect(simulateRate(rt, { connectivity: J }, { t: 10, signal: controller.signal })).rejects.toThrow(/cancelled at t = 0/);
    using huge = rt.dense(3, 3, [60, 0, 0, 0, 60, 0, 0, 0, 60]);
    const blowUp = simulateRate(rt, { connectivity: huge, phi: 'linear' }, { t: 100, x0: [1, 1, 1] });
    await expect(blowUp).rejects.toBeInstanceOf(BlowUpError);
    await expect(simulateRate(rt, { connectivity: huge, phi: 'linear' }, { t: 100, x0: [1, 1, 1] })).rejects.toThrow(/blew up at t = \d+.*x\[0\] = (Infinity|NaN)/);
    // A finite runaway is stopped too: J = 1.2·I with a linear φ grows as e^{0.2t} and passes the
    // state limit 1e6 at t ≈ ln(1e6)/0.2 ≈ 69 (detected at the end of that chunk of 12.8 τ).
    using runaway = rt.dense(3, 3, [1.2, 0, 0, 0, 1.2, 0, 0, 0, 1.2]);
    const limited = simulateRate(rt, { connectivity: runaway, phi: 'linear' }, { t: 200, x0: [1, 1, 1], record: false });
    await expect(limited).rejects.toThrow(/blew up at t = 76\.[78]\d*: \|x\[0\]\| = .* reached the state limit 1000000/);
    const lifted = await simulateRate(rt, { connectivity: runaway, phi: 'linear' }, { t: 80, x0: [1, 1, 1], record: false, stateLimit: 1e10 });
    expect(lifted.summary.q).toBeGreaterThan(1e6);
  });

  it('reject invalid parameters with messages naming them', async () => {
    using J = gaussian(4, 1, 'bad');
    using rect = rt.dense(2, 3);
    const run = (params: object, options: object) => simulateRate(rt, { connectivity: J, ...params }, { t: 1, ...options });
    await expect(run({}, { dt: 0 })).rejects.toThrow(/simulateRate: dt must be > 0/);
    await expect(run({}, { dt: 1.5, integrator: 'euler' })).rejects.toThrow(/simulateRate: dt must be < tau \(got dt = 1.5, tau = 1\)/);
    // RK4 too (issue 19: dt = 2τ was accepted although coupling puts it outside RK4's stability region).
    await expect(run({}, { dt: 2 })).rejects.toThrow(/simulateRate: dt must be < tau \(got dt = 2, tau = 1\)/);
    await expect(lyapunovExponents(rt, { connectivity: J }, { t: 50, dt: 1 })).rejects.toThrow(/lyapunovExponents: dt must be < tau/);
    await expect(run({}, { stateLimit: 0 })).rejects.toThrow(/stateLimit must be > 0/);
    await expect(run({}, { t: 1, transient: 2 })).rejects.toThrow(/t must exceed transient/);
    await expect(run({ phi: 'softsign' }, {})).rejects.toThrow(/RateNetwork: phi must be one of/);
    await expect(run({}, { x0: [0, Number.NaN, 0, 0] })).rejects.toThrow(/x0\[1\] must be a finite number/);
    await expect(run({}, { x0: [0, 0] })).rejects.toThrow(/simulateRate: x0 has length 2, expected n = 4/);
    await expect(run({ tau: -1 }, {})).rejects.toThrow(/tau must be > 0/);
    await expect(run({}, { integrator: 'leapfrog' })).rejects.toThrow(/integrator must be one of 'rk4', 'euler'/);
    await expect(run({ input: (_t: number, out: Float64Array) => out.fill(Number.NaN) }, {})).rejects.toThrow(/input\(0\)\[0\] is not a finite number/);
    expect(() => new RateNetwork(rt, { connectivity: rect })).toThrow(/connectivity must be square \(got 2×3\)/);
    await expect(lyapunovExponents(rt, { connectivity: J }, { t: 5, k: 5 })).rejects.toThrow(/k must be an integer in \[1, 4\]/);
  });
});
