/**
 * Fixed points and slow points of rate networks  dx/dt = F(x) = −x + J φ(x) + b  (τ = 1).
 *
 * Search (from many starts, states sampled along a trajectory plus Gaussian random states):
 * 1. Newton–Krylov: solve A(x)·δ = −F(x), A = −I + J·diag φ′(x) the Jacobian operator
 *    (dynamics/jacobian.ts), by GMRES (linalg/gmres.ts) to the forcing tolerance
 *    η_k = min(0.1, ‖F‖∞) (Eisenstat & Walker, SIAM J. Sci. Comput. 17, 1996: superlinear near x*),
 *    then a backtracking line search on ‖F‖₂ (halve λ until ‖F(x + λδ)‖ ≤ (1 − 10⁻⁴λ)‖F(x)‖; an
 *    inexact Newton direction with η < 1 is a descent direction of ‖F‖², Dennis & Schnabel §6.3).
 * 2. Where Newton stalls (a local minimum of ‖F‖ with A singular is what stops it), minimise the
 *    speed q(x) = ½‖F(x)‖² by L-BFGS (memory 10) with the gradient ∇q = Aᵀ F = −F + φ′ ⊙ (Jᵀ F),
 *    as BrainPy's slow-point finder (after Sussillo & Barak, Neural Comput. 25, 2013) minimises q;
 *    a minimum with q small enough that Newton converges from it becomes a fixed point, otherwise a
 *    minimum with q/N ≤ slowTol is a slow point.
 * A fixed point is accepted when ‖F‖∞ ≤ c·√N·ε·(‖x*‖∞ + ‖b‖∞): the rounding floor of F, whose
 * product J·φ sums N terms with random signs (error ~√N·ε·|x|), times the margin c (default 64).
 *
 * Deduplication: two fixed points are one when their rms distance ‖x_a − x_b‖/√N ≤ dedupTol
 * (default 1e-6: Newton leaves them ~1e-14 apart, distinct fixed points of a random network lie O(1)
 * apart); slow points, located only to the L-BFGS gradient tolerance, merge within 1e-3.
 *
 * At each fixed point: the spectrum of A (all eigenvalues by the dense solver up to denseLimit,
 * otherwise the leading ones by Arnoldi with which = 'LR'), the unstable dimension, and the bulk radius
 * of A + I measured as max |λ + 1| and as √(2⟨|λ + 1|²⟩) (for a uniform disc of radius R,
 * ⟨|μ|²⟩ = R²/2), beside the circular-law prediction g·√⟨φ′(x*)²⟩ when the gain g is known.
 *
 * Bias of the search (local root finding finds the largest basins, THEORY.md §7): the result says how
 * many starts converged, how many landed on a point already found, and how the number of distinct
 * points grew with the number of starts (`discovery`); a curve still rising means the count is a
 * lower bound. Along the trajectory, the cosine between the velocity F(x) and the direction x* − x
 * to the nearest fixed point measures whether the flow heads for fixed points (random directions in
 * N dimensions give |cos| ~ 1/√N).
 */
import { throwIfCancelled, yieldNow } from '../dynamics/driver.js';
import { jacobianOperator } from '../dynamics/jacobian.js';
import { NONLINEARITIES, type NonlinearityName } from '../dynamics/nonlinearity.js';
import { RateNetwork } from '../dynamics/rate.js';
import { runNetwork } from '../dynamics/run.js';
import { eigs } from '../linalg/eigen/krylov.js';
import { eigDense } from '../linalg/eigen/dense.js';
import type { Complex } from '../linalg/eigen/types.js';
import { type GmresOptions, gmres } from '../linalg/gmres.js';
import type { LinearOperator } from '../linalg/operator.js';
import { denseFromOperator, type TransposableOperator } from '../linalg/operators.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import type { F64Buffer } from '../wasm/arena.js';
import { requireFinite, requireFiniteArray, requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';
import { productRadius } from '../theory/fixed-points.js';
import { quantile } from './statistics.js';

export const SPECTRUM_MODES = ['dense', 'leading', 'none'] as const;
export type SpectrumMode = (typeof SPECTRUM_MODES)[number];

export interface FixedPointOptions {
  /** φ (default 'tanh'). */
  phi?: NonlinearityName;
  /** Constant input b (scalar or per neuron, default 0). */
  bias?: number | ArrayLike<number>;
  /** Number of starts (default 32), half from the trajectory and half random unless trajectoryFraction says otherwise. */
  starts?: number;
  /** Fraction of the starts taken from trajectory states (default 0.5). */
  trajectoryFraction?: number;
  /** The trajectory that supplies starts and the velocity alignment (defaults t = 150, transient = 50, dt = 0.1, RK4). */
  trajectory?: { t?: number; transient?: number; dt?: number };
  /** Standard deviation of the random starts x_i ~ N(0, σ²) (default: √q of the trajectory, or 1). */
  randomStd?: number;
  /** Explicit starts instead of generated ones (each of length n). */
  x0?: ArrayLike<number>[];
  /** Seeds the trajectory and the random starts (default 0). */
  seed?: Seed;
  /** Margin c of the acceptance ‖F‖∞ ≤ c·√N·ε·(‖x‖∞ + ‖b‖∞) (default 64). */
  tol?: number;
  /** Newton iterations per attempt (default 60). */
  maxNewton?: number;
  /** GMRES settings of the Newton steps (default restart min(n, 150), 10 cycles). */
  gmres?: Pick<GmresOptions, 'restart' | 'maxRestarts'>;
  /** Minimise q where Newton stalls and report slow points (default true). */
  slowPoints?: boolean;
  /** A q-minimum counts as a slow point when q/N ≤ slowTol (default 1e-4). */
  slowTol?: number;
  /** L-BFGS iterations per start (default 400). */
  minimiseIterations?: number;
  /** Fixed points closer than this rms distance are one (default 1e-6). */
  dedupTol?: number;
  /** Jacobian spectra: all eigenvalues ('dense', default for n ≤ denseLimit), the leading ones ('leading'), or none. */
  spectrum?: SpectrumMode;
  /** Largest n for the default dense spectrum (default 500). */
  denseLimit?: number;
  /** Leading eigenvalues (largest real part) per point (default 6). */
  leading?: number;
  /** The gain g of J (entries of variance g²/N) for the predicted bulk radius g√⟨φ′²⟩ (default: none). */
  gain?: number;
  /** Trajectory states at which the velocity alignment is measured (default 200; 0 skips it). */
  alignmentSamples?: number;
  onProgress?: (startsDone: number, startsTotal: number) => void;
  signal?: AbortSignal;
}

export interface JacobianSpectrum {
  mode: SpectrumMode;
  /** All eigenvalues (dense) or the leading ones (largest real part first). */
  eigenvalues: Complex[];
  /** max Re λ: the point is linearly stable when < 0. */
  maxRealPart: number;
  /** Eigenvalues with Re λ > 0 (dense only; null otherwise). */
  unstableDimension: number | null;
  /** Bulk radius of A + I: max |λ + 1| and √(2⟨|λ + 1|²⟩) (dense only), and g√⟨φ′(x*)²⟩ (when the gain is known). */
  maxRadius: number | null;
  secondMomentRadius: number | null;
  predictedRadius: number | null;
  /**
   * Quantiles of |λ + 1| (dense, gain known) beside the radial law of J·diag φ′(x*) for J independent
   * of x* (theory/fixed-points.ts productRadius): how far the bulk departs from that hypothesis.
   */
  radialQuantiles: { t: number; measured: number; predicted: number }[] | null;
  status: string;
}

export interface FoundPoint {
  kind: 'fixed' | 'slow';
  x: Float64Array;
  /** |x|²/N. */
  radius: number;
  /** ‖F‖∞, the scale ‖x‖∞ + ‖b‖∞ of the acceptance test, and ‖F‖∞/(ε·scale). */
  residual: number;
  residualScale: number;
  residualOverEps: number;
  /** q/N = ½‖F‖²/N (0 up to rounding at a fixed point). */
  speed: number;
  /** ⟨φ′(x)²⟩ over units. */
  meanSlopeSquared: number;
  /** Starts that ended here. */
  hits: number;
  spectrum: JacobianSpectrum | null;
}

export interface FixedPointSearch {
  n: number;
  phi: NonlinearityName;
  /** Distinct fixed points (ascending radius), then slow points. */
  points: FoundPoint[];
  fixedCount: number;
  slowCount: number;
  starts: {
    total: number; fromTrajectory: number; random: number;
    /** Starts that ended on a fixed point, on a slow point, or neither. */
    toFixed: number; toSlow: number; failed: number;
    /** Starts that ended on a point found before. */
    duplicates: number;
  };
  /** Distinct fixed points after each start, in the order the starts were tried. */
  discovery: number[];
  /** For odd φ and b = 0, −x* is a fixed point too: how many found points have their mirror image among the found. */
  mirrored: number | null;
  /** |x|²/N averaged along the trajectory (the chaotic radius when the network is chaotic). */
  trajectoryRadius: number | null;
  alignment: {
    samples: number;
    /** cos(F(x), x* − x) per sample, x* the fixed point nearest to x. */
    cosines: Float64Array;
    mean: number; median: number; p10: number; p90: number;
    /** |cos| of a random direction: 1/√N. */
    nullScale: number;
    /** ‖x − x*‖/√N, averaged. */
    meanDistance: number;
  } | null;
  newtonIterations: number;
  matvecs: number;
  warnings: string[];
  params: { seed: Seed; starts: number; tol: number; dedupTol: number; slowTol: number; randomStd: number; trajectory: { t: number; transient: number; dt: number } };
}

const KEYS = [
  'phi', 'bias', 'starts', 'trajectoryFraction', 'trajectory', 'randomStd', 'x0', 'seed', 'tol', 'maxNewton', 'gmres', 'slowPoints',
  'slowTol', 'minimiseIterations', 'dedupTol', 'spectrum', 'denseLimit', 'leading', 'gain', 'alignmentSamples', 'onProgress', 'signal',
];

/** Rms distance within which slow points (located to the L-BFGS tolerance only) are merged. */
const SLOW_DEDUP_TOL = 1e-3;
/** q/N below which an L-BFGS minimum is handed back to Newton (its basin of quadratic convergence). */
const NEWTON_HANDOVER = 1e-12;
/** Fractions t at which the radial distribution of the Jacobian bulk is compared with its law. */
const RADIAL_QUANTILES = [0.25, 0.5, 0.75, 0.9];
/** States beyond this are taken as divergence (unbounded φ). */
const STATE_BOUND = 1e6;

/** J's transpose product: the operator's own, or the matrix of a Network. */
function transposedOf(connectivity: LinearOperator): TransposableOperator | null {
  const op = connectivity as Partial<TransposableOperator> & { matrix?: Partial<TransposableOperator> | null };
  if (typeof op.multiplyTransposed === 'function') return op as TransposableOperator;
  const m = op.matrix;
  return m && typeof m.multiplyTransposed === 'function' ? (m as TransposableOperator) : null;
}

/** F, its Jacobian and the gradient of q on WASM buffers, for one network. */
class FixedPointProblem implements Disposable {
  readonly n: number;
  readonly rt: Runtime;
  readonly network: RateNetwork;
  readonly connectivity: LinearOperator;
  readonly phi: NonlinearityName;
  readonly biasMax: number;
  readonly #transposed: TransposableOperator | null;
  readonly #gains: F64Buffer;
  readonly #tmp: F64Buffer;
  matvecs = 0;

  constructor(rt: Runtime, connectivity: LinearOperator, phi: NonlinearityName, bias: number | ArrayLike<number>) {
    this.rt = rt;
    this.network = new RateNetwork(rt, { connectivity, phi, bias });
    this.n = this.network.n;
    this.connectivity = connectivity;
    this.phi = phi;
    this.biasMax = typeof bias === 'number' ? Math.abs(bias) : Math.max(0, ...Array.from(bias, Math.abs));
    this.#transposed = transposedOf(connectivity);
    this.#gains = rt.f64(this.n);
    this.#tmp = rt.f64(this.n);
  }

  get canMinimise(): boolean {
    return this.#transposed !== null;
  }

  /** out = F(x) = −x + J φ(x) + b. */
  residual(x: F64Buffer, out: F64Buffer): void {
    this.network.derivative(x, 0, out);
    this.matvecs++;
  }

  /** The acceptance threshold c·√N·ε·(‖x‖∞ + ‖b‖∞). */
  threshold(x: F64Buffer, c: number): number {
    return c * Math.sqrt(this.n) * Number.EPSILON * this.scale(x);
  }

  /** ‖x‖∞ + ‖b‖∞, at least 1 (states are O(1) in the units of φ; x* = 0 has F = 0 exactly). */
  scale(x: F64Buffer): number {
    return Math.max(1, this.rt.core.blas1_amax_f64(x.ptr, this.n) + this.biasMax);
  }

  /** out = ∇q = −F + φ′(x) ⊙ (Jᵀ F), given F = F(x). */
  gradient(x: F64Buffer, f: F64Buffer, out: F64Buffer): void {
    const { core } = this.rt;
    this.network.nonlinearity.derivativeKernel(core, x.ptr, this.#gains.ptr, this.n);
    (this.#transposed as TransposableOperator).multiplyTransposed(f, this.#tmp);
    this.matvecs++;
    core.vec_mul_f64(this.n, this.#gains.ptr, this.#tmp.ptr, out.ptr);
    core.blas1_axpy_f64(-1, f.ptr, out.ptr, this.n);
  }

  dispose(): void {
    this.network.dispose();
    this.#gains.dispose();
    this.#tmp.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

type NewtonStatus = 'converged' | 'stalled' | 'maxIter' | 'diverged';

/** Newton–Krylov with backtracking from x (updated in place). */
function newton(p: FixedPointProblem, x: F64Buffer, c: number, maxIter: number, gm: Pick<GmresOptions, 'restart' | 'maxRestarts'>) {
  const { rt, n } = p;
  const { core } = rt;
  return rt.scope(() => {
    const f = rt.f64(n);
    const rhs = rt.f64(n);
    const delta = rt.f64(n);
    const trial = rt.f64(n);
    const fTrial = rt.f64(n);
    p.residual(x, f);
    let norm = core.blas1_nrm2_f64(f.ptr, n);
    let iterations = 0;
    let status: NewtonStatus = 'maxIter';
    for (; iterations <= maxIter; iterations++) {
      if (core.blas1_amax_f64(f.ptr, n) <= p.threshold(x, c)) {
        status = 'converged';
        break;
      }
      if (iterations === maxIter) break;
      const jac = jacobianOperator(rt, p.connectivity, x, p.phi);
      core.vec_copy_f64(n, f.ptr, rhs.ptr);
      core.blas1_scal_f64(-1, rhs.ptr, n);
      delta.fill(0);
      const eta = Math.max(Math.min(0.1, core.blas1_amax_f64(f.ptr, n)), 1e-13);
      const solved = gmres(rt, jac, rhs, delta, { tol: eta, ...gm });
      jac.dispose();
      p.matvecs += solved.matvecs;
      if (!(solved.relativeResidual < 1)) {
        status = 'stalled';
        break;
      }
      let lambda = 1;
      let accepted = false;
      for (let k = 0; k < 40; k++, lambda /= 2) {
        core.vec_copy_f64(n, x.ptr, trial.ptr);
        core.blas1_axpy_f64(lambda, delta.ptr, trial.ptr, n);
        p.residual(trial, fTrial);
        const trialNorm = core.blas1_nrm2_f64(fTrial.ptr, n);
        if (trialNorm <= (1 - 1e-4 * lambda) * norm) {
          accepted = true;
          norm = trialNorm;
          break;
        }
      }
      if (!accepted) {
        status = 'stalled';
        break;
      }
      core.vec_copy_f64(n, trial.ptr, x.ptr);
      core.vec_copy_f64(n, fTrial.ptr, f.ptr);
      if (!(core.blas1_amax_f64(x.ptr, n) < STATE_BOUND)) {
        status = 'diverged';
        break;
      }
    }
    return { status, iterations, residual: core.blas1_amax_f64(f.ptr, n), norm };
  });
}

/** L-BFGS (memory 10, Armijo backtracking) on q = ½‖F‖² from x (updated in place); returns q/N. */
function minimiseSpeed(p: FixedPointProblem, x: F64Buffer, maxIter: number): number {
  const { rt, n } = p;
  const { core } = rt;
  return rt.scope(() => {
    const f = rt.f64(n);
    const grad = rt.f64(n);
    const trial = rt.f64(n);
    const evaluate = (at: F64Buffer): number => {
      p.residual(at, f);
      return 0.5 * core.blas1_dot_f64(f.ptr, f.ptr, n);
    };
    let q = evaluate(x);
    p.gradient(x, f, grad);
    let g = grad.toArray();
    const memory: { s: Float64Array; y: Float64Array; rho: number }[] = [];
    for (let iter = 0; iter < maxIter && q / n > NEWTON_HANDOVER; iter++) {
      // Two-loop recursion: d = −H·g.
      const d = Float64Array.from(g, (v) => -v);
      const alphas: number[] = [];
      for (let k = memory.length - 1; k >= 0; k--) {
        const { s, y, rho } = memory[k];
        let a = 0;
        for (let i = 0; i < n; i++) a += s[i] * d[i];
        a *= rho;
        alphas[k] = a;
        for (let i = 0; i < n; i++) d[i] -= a * y[i];
      }
      if (memory.length > 0) {
        const { s, y } = memory[memory.length - 1];
        let sy = 0;
        let yy = 0;
        for (let i = 0; i < n; i++) {
          sy += s[i] * y[i];
          yy += y[i] * y[i];
        }
        for (let i = 0; i < n; i++) d[i] *= sy / yy;
      }
      for (let k = 0; k < memory.length; k++) {
        const { s, y, rho } = memory[k];
        let b = 0;
        for (let i = 0; i < n; i++) b += y[i] * d[i];
        b *= rho;
        for (let i = 0; i < n; i++) d[i] += s[i] * (alphas[k] - b);
      }
      let slope = 0;
      for (let i = 0; i < n; i++) slope += g[i] * d[i];
      if (!(slope < 0)) {
        memory.length = 0;
        continue;
      }
      const xOld = x.toArray();
      let step = memory.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      let qNew = Number.NaN;
      let accepted = false;
      const dBuf = rt.f64From(d);
      for (let k = 0; k < 40; k++, step /= 2) {
        core.vec_copy_f64(n, x.ptr, trial.ptr);
        core.blas1_axpy_f64(step, dBuf.ptr, trial.ptr, n);
        qNew = evaluate(trial);
        if (qNew <= q + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
      }
      dBuf.dispose();
      if (!accepted) break; // stationary to rounding
      core.vec_copy_f64(n, trial.ptr, x.ptr);
      p.gradient(x, f, grad);
      const gNew = grad.toArray();
      const xNew = x.toArray();
      const s = Float64Array.from(xNew, (v, i) => v - xOld[i]);
      const y = Float64Array.from(gNew, (v, i) => v - g[i]);
      let sy = 0;
      for (let i = 0; i < n; i++) sy += s[i] * y[i];
      if (sy > 0) {
        memory.push({ s, y, rho: 1 / sy });
        if (memory.length > 10) memory.shift();
      }
      const decrease = q - qNew;
      q = qNew;
      g = gNew;
      if (decrease <= 1e-15 * q) break;
    }
    return q / n;
  });
}

function rmsDistance(a: Float64Array, b: Float64Array, sign = 1): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - sign * b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

/** The Jacobian spectrum at x* and its bulk radius. */
function spectrumAt(p: FixedPointProblem, x: Float64Array, mode: SpectrumMode, leading: number, gain: number | undefined): JacobianSpectrum | null {
  if (mode === 'none') return null;
  const { rt, n } = p;
  const slopes = Float64Array.from(x, p.network.nonlinearity.derivative);
  const predictedRadius = gain === undefined ? null : productRadius(gain, slopes, 1);
  using jac = jacobianOperator(rt, p.connectivity, x, p.phi);
  if (mode === 'dense') {
    const result = eigDense(rt, { n, values: denseFromOperator(rt, jac) }, { which: 'LR', condition: false });
    const values = result.eigenvalues;
    const radii = Float64Array.from(values, ({ re, im }) => Math.hypot(re + 1, im)).sort();
    const second = radii.reduce((s, r) => s + r * r, 0) / radii.length;
    const radialQuantiles = gain === undefined ? null : RADIAL_QUANTILES.map((t) => ({ t, measured: quantile(radii, t), predicted: productRadius(gain, slopes, t) }));
    return {
      mode, eigenvalues: values, maxRealPart: values[0]?.re ?? Number.NaN, unstableDimension: values.filter((v) => v.re > 0).length,
      maxRadius: radii[radii.length - 1], secondMomentRadius: Math.sqrt(2 * second), predictedRadius, radialQuantiles, status: result.status,
    };
  }
  const k = Math.min(leading, n - 2);
  if (k < 1) return null;
  const result = eigs(rt, jac, { k, which: 'LR' });
  return {
    mode, eigenvalues: result.eigenvalues, maxRealPart: result.eigenvalues[0]?.re ?? Number.NaN, unstableDimension: null,
    maxRadius: null, secondMomentRadius: null, predictedRadius, radialQuantiles: null, status: result.status,
  };
}

/**
 * Fixed points (and slow points) of dx/dt = −x + J φ(x) + b from many starts; see the module comment
 * for the method, the acceptance test and what the result says about the search's bias.
 */
export async function findFixedPoints(rt: Runtime, connectivity: LinearOperator, options: FixedPointOptions = {}): Promise<FixedPointSearch> {
  const where = 'findFixedPoints';
  requireOptions(where, options, KEYS);
  if (!connectivity || typeof connectivity.multiply !== 'function') throw new TypeError(`${where}: connectivity must be a matrix or LinearOperator`);
  if (connectivity.nRows !== connectivity.nCols) throw new RangeError(`${where}: connectivity must be square (got ${connectivity.nRows}×${connectivity.nCols})`);
  const n = connectivity.nRows;
  const phi = requireOneOf(where, 'phi', options.phi ?? 'tanh', NONLINEARITIES);
  const bias = options.bias ?? 0;
  if (typeof bias === 'number') requireFinite(where, 'bias', bias);
  else {
    requireFiniteArray(where, 'bias', bias);
    if (bias.length !== n) throw new RangeError(`${where}: bias has length ${bias.length}, expected n = ${n}`);
  }
  const seed = options.seed ?? 0;
  const tol = requirePositive(where, 'tol', options.tol ?? 64);
  const maxNewton = requireInt(where, 'maxNewton', options.maxNewton ?? 60, 1);
  const gm = { restart: Math.min(n, 150), maxRestarts: 10, ...(options.gmres ?? {}) };
  const slowTol = requireFinite(where, 'slowTol', options.slowTol ?? 1e-4, 0);
  const minimiseIterations = requireInt(where, 'minimiseIterations', options.minimiseIterations ?? 400, 0);
  const dedupTol = requirePositive(where, 'dedupTol', options.dedupTol ?? 1e-6);
  const denseLimit = requireInt(where, 'denseLimit', options.denseLimit ?? 500, 1);
  const spectrumMode = requireOneOf(where, 'spectrum', options.spectrum ?? (n <= denseLimit ? 'dense' : 'leading'), SPECTRUM_MODES);
  const leading = requireInt(where, 'leading', options.leading ?? 6, 1);
  const gain = options.gain === undefined ? undefined : requireFinite(where, 'gain', options.gain, 0);
  const alignmentSamples = requireInt(where, 'alignmentSamples', options.alignmentSamples ?? 200, 0);
  const trajectoryFraction = requireFinite(where, 'trajectoryFraction', options.trajectoryFraction ?? 0.5, 0, 1);
  const traj = {
    t: requirePositive(where, 'trajectory.t', options.trajectory?.t ?? 150),
    transient: requireFinite(where, 'trajectory.transient', options.trajectory?.transient ?? 50, 0),
    dt: requirePositive(where, 'trajectory.dt', options.trajectory?.dt ?? 0.1),
  };
  if (options.trajectory) requireOptions(`${where}: trajectory`, options.trajectory, ['t', 'transient', 'dt']);
  let explicit: Float64Array[] | null = null;
  if (options.x0 !== undefined) {
    if (!Array.isArray(options.x0) || options.x0.length === 0) throw new RangeError(`${where}: x0 must be a non-empty array of starts`);
    explicit = options.x0.map((s, i) => {
      requireFiniteArray(where, `x0[${i}]`, s);
      if (s.length !== n) throw new RangeError(`${where}: x0[${i}] has length ${s.length}, expected n = ${n}`);
      return Float64Array.from(s);
    });
  }
  const total = explicit ? explicit.length : requireInt(where, 'starts', options.starts ?? 32, 1);
  const wantSlow = options.slowPoints ?? true;

  using problem = new FixedPointProblem(rt, connectivity, phi, bias);
  if (wantSlow && !problem.canMinimise) {
    throw new TypeError(`${where}: slowPoints needs J's transpose product (a DenseMatrix, CsrMatrix or Network); pass slowPoints: false for other operators`);
  }
  const warnings: string[] = [];
  // The trajectory: states for starts and for the alignment.
  const fromTrajectory = explicit ? 0 : Math.round(total * trajectoryFraction);
  const needTrajectory = fromTrajectory > 0 || alignmentSamples > 0;
  let states: Float64Array[] = [];
  let trajectoryRadius: number | null = null;
  if (needTrajectory) {
    const steps = Math.round((traj.t - traj.transient) / traj.dt);
    const wanted = Math.max(alignmentSamples, fromTrajectory, 1);
    const every = Math.max(1, Math.floor(steps / wanted));
    const run = await runNetwork(rt, problem.network, {
      t: traj.t, transient: traj.transient, dt: traj.dt, seed: deriveSeed(seed, 'fixed-points', 'trajectory'),
      record: { units: 'all', every }, signal: options.signal,
    });
    const rec = run.recording as NonNullable<typeof run.recording>;
    states = Array.from({ length: rec.nSamples }, (_, s) => rec.values.slice(s * n, (s + 1) * n));
    trajectoryRadius = run.summary.q;
  }
  const randomStd = requireFinite(where, 'randomStd', options.randomStd ?? (trajectoryRadius && trajectoryRadius > 1e-6 ? Math.sqrt(trajectoryRadius) : 1), 0);
  const starts: Float64Array[] = explicit ?? [];
  if (!explicit) {
    for (let k = 0; k < fromTrajectory; k++) starts.push(states[Math.floor(((k + 0.5) * states.length) / fromTrajectory)]);
    using rng = rt.rng(deriveSeed(seed, 'fixed-points', 'random-starts'));
    using draws = rt.f64(n);
    for (let k = fromTrajectory; k < total; k++) starts.push(rng.normalInto(draws, 0, randomStd).toArray());
  }

  const points: FoundPoint[] = [];
  const discovery: number[] = [];
  let toFixed = 0;
  let toSlow = 0;
  let failed = 0;
  let duplicates = 0;
  let newtonIterations = 0;
  const slopes = rt.f64(n);
  const describe = (x: F64Buffer, kind: FoundPoint['kind']): FoundPoint => {
    const f = rt.f64(n);
    problem.residual(x, f);
    const residual = rt.core.blas1_amax_f64(f.ptr, n);
    const speed = (0.5 * rt.core.blas1_dot_f64(f.ptr, f.ptr, n)) / n;
    f.dispose();
    problem.network.nonlinearity.derivativeKernel(rt.core, x.ptr, slopes.ptr, n);
    const meanSlopeSquared = rt.core.blas1_dot_f64(slopes.ptr, slopes.ptr, n) / n;
    const scale = problem.scale(x);
    const values = x.toArray();
    return {
      kind, x: values, radius: rt.core.blas1_dot_f64(x.ptr, x.ptr, n) / n, residual, residualScale: scale,
      residualOverEps: scale > 0 ? residual / (Number.EPSILON * scale) : residual === 0 ? 0 : Number.POSITIVE_INFINITY,
      speed, meanSlopeSquared, hits: 1, spectrum: null,
    };
  };
  const record = (point: FoundPoint) => {
    const tolerance = point.kind === 'fixed' ? dedupTol : SLOW_DEDUP_TOL;
    const same = points.find((q) => q.kind === point.kind && rmsDistance(q.x, point.x) <= tolerance);
    if (same) {
      same.hits++;
      duplicates++;
    } else {
      points.push(point);
    }
  };
  try {
    for (const [k, start] of starts.entries()) {
      throwIfCancelled(options.signal, where, `start ${k}`);
      const x = rt.f64From(start);
      try {
        let result = newton(problem, x, tol, maxNewton, gm);
        newtonIterations += result.iterations;
        if (result.status !== 'converged' && result.status !== 'diverged' && wantSlow && minimiseIterations > 0) {
          const speed = minimiseSpeed(problem, x, minimiseIterations);
          if (speed <= NEWTON_HANDOVER * 1e6) {
            result = newton(problem, x, tol, maxNewton, gm);
            newtonIterations += result.iterations;
          }
          if (result.status !== 'converged') {
            const point = describe(x, 'slow');
            if (point.speed <= slowTol) {
              toSlow++;
              record(point);
            } else {
              failed++;
            }
          }
        }
        if (result.status === 'converged') {
          toFixed++;
          record(describe(x, 'fixed'));
        } else if (!wantSlow || minimiseIterations === 0 || result.status === 'diverged') {
          failed++;
        }
      } finally {
        x.dispose();
      }
      discovery.push(points.filter((q) => q.kind === 'fixed').length);
      options.onProgress?.(k + 1, total);
      await yieldNow();
    }
  } finally {
    slopes.dispose();
  }
  const fixed = points.filter((q) => q.kind === 'fixed').sort((a, b) => a.radius - b.radius);
  const slow = points.filter((q) => q.kind === 'slow').sort((a, b) => a.speed - b.speed);
  for (const point of fixed) point.spectrum = spectrumAt(problem, point.x, spectrumMode, leading, gain);
  const odd = problem.network.nonlinearity.odd && problem.biasMax === 0;
  const mirrored = odd ? fixed.filter((a) => fixed.some((b) => rmsDistance(a.x, b.x, -1) <= dedupTol)).length : null;

  let alignment: FixedPointSearch['alignment'] = null;
  if (alignmentSamples > 0 && fixed.length > 0 && states.length > 0) {
    const cosines = new Float64Array(states.length);
    let distance = 0;
    using xb = rt.f64(n);
    using fb = rt.f64(n);
    for (const [s, state] of states.entries()) {
      xb.set(state);
      problem.residual(xb, fb);
      const v = fb.toArray();
      let nearest = fixed[0];
      let best = Number.POSITIVE_INFINITY;
      for (const point of fixed) {
        const d = rmsDistance(point.x, state);
        if (d < best) {
          best = d;
          nearest = point;
        }
      }
      let dot = 0;
      let vv = 0;
      let dd = 0;
      for (let i = 0; i < n; i++) {
        const di = nearest.x[i] - state[i];
        dot += v[i] * di;
        vv += v[i] * v[i];
        dd += di * di;
      }
      cosines[s] = vv > 0 && dd > 0 ? dot / Math.sqrt(vv * dd) : Number.NaN;
      distance += best / states.length;
    }
    const sorted = Float64Array.from(cosines).filter(Number.isFinite).sort();
    alignment = {
      samples: states.length, cosines, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, median: quantile(sorted, 0.5),
      p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), nullScale: 1 / Math.sqrt(n), meanDistance: distance,
    };
  }
  if (fixed.length === 0) warnings.push(`no fixed point found from ${total} starts (${failed} failed${wantSlow ? `, ${toSlow} ended on slow points` : ''})`);
  if (total >= 4 && discovery.length >= 4 && discovery[discovery.length - 1] > discovery[Math.floor(discovery.length / 2) - 1]) {
    warnings.push(`the number of distinct fixed points still grew in the second half of the starts (${discovery[Math.floor(discovery.length / 2) - 1]} → ${discovery[discovery.length - 1]}): the count is a lower bound`);
  }
  const stable = fixed.filter((q) => q.spectrum !== null && q.spectrum.maxRealPart < 0 && q.radius > 0);
  if (stable.length > 0) {
    warnings.push(`${stable.length} nonzero fixed point(s) are linearly stable (max Re λ < 0): trajectories may end there, and the network is then not chaotic at this size`);
  }
  if (failed > 0) warnings.push(`${failed} of ${total} starts converged to neither a fixed nor a slow point`);
  return {
    n, phi, points: [...fixed, ...slow], fixedCount: fixed.length, slowCount: slow.length,
    starts: { total, fromTrajectory, random: explicit ? 0 : total - fromTrajectory, toFixed, toSlow, failed, duplicates },
    discovery, mirrored, trajectoryRadius, alignment, newtonIterations, matvecs: problem.matvecs, warnings,
    params: { seed, starts: total, tol, dedupTol, slowTol, randomStd, trajectory: traj },
  };
}
