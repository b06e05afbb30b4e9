/**
 * Rate networks  τ dx/dt = −x + J φ(x) + b + I(t)  (+ σ dW),  r = φ(x).
 *
 * The state lives in WASM buffers; each step calls the operator's product J·φ(x) (dense gemv,
 * CSR spmv or a matrix-free operator) and the O(N) kernels of assembly/kernels/rate.ts.
 *
 * Integrators (fixed step):
 * - 'rk4', classical Runge–Kutta, global error O(dt⁴): the default, adequate for smooth
 *   (tanh, sigmoid, linear) networks with dt up to ~0.1 τ; use it for Lyapunov exponents.
 * - 'euler', forward Euler, global error O(dt): cheap and standard for noisy runs and relu
 *   networks (whose kinks spoil RK4's order anyway); needs dt ≪ τ (dt ≥ τ is rejected).
 * Noise σ > 0 is additive white noise, dx = f(x) dt + σ dW, added after the deterministic step
 * as σ√dt·ξ, ξ ~ N(0, 1) (Euler–Maruyama; for additive noise strong order 1 with either
 * integrator). With J = 0 the stationary variance of x is σ²τ/2.
 */
import type { LinearOperator } from '../linalg/operator.js';
import { multiplyRows, type RowScratch, rowScratch } from '../linalg/operators.js';
import type { Rng } from '../random/rng.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { disposeAll, F64Buffer } from '../wasm/arena.js';
import { BlowUpError } from './driver.js';
import { requireFinite, requireFiniteArray, requireInt, requireOneOf, requirePositive } from '../validate.js';
import { type Derivative, OdeScratch, odeStep, rowOf, type VectorRef } from './integrate.js';
import { NONLINEARITIES, type Nonlinearity, type NonlinearityName, nonlinearity } from './nonlinearity.js';

export const INTEGRATORS = ['rk4', 'euler'] as const;
export type Integrator = (typeof INTEGRATORS)[number];

/** A constant (scalar or per-neuron) input, or I(t) written into `out` (length n) at time t. */
export type InputSpec = number | ArrayLike<number> | ((t: number, out: Float64Array) => void);

export interface RateNetworkParams {
  /** The connectivity J (square): row i receives from columns j. */
  connectivity: LinearOperator;
  /** φ, default 'tanh'. */
  phi?: NonlinearityName;
  /** Time constant τ (default 1: times are in units of τ). */
  tau?: number;
  /** Constant bias b (scalar or per neuron), default 0. */
  bias?: number | ArrayLike<number>;
  /** External input I(t), default 0. */
  input?: InputSpec;
  /** Noise amplitude σ ≥ 0 (dx = … dt + σ dW), default 0. */
  noise?: number;
}

/**
 * Default bound on |x_i|: a rate network with a bounded φ stays within |x(0)| + Σ_j|J_ij| + |input|,
 * so states beyond it mean a numerical instability or dynamics that diverge (relu or linear φ with
 * gain above 1); RunOptions.stateLimit raises it where such values are meaningful.
 */
export const DEFAULT_STATE_LIMIT = 1e6;

/**
 * Checks dt against the integrator's stability: both need dt < τ. The leak −x/τ alone is stable for
 * dt < 2τ (Euler) and dt < 2.79τ (RK4); coupling spreads the Jacobian's spectrum over a disc around
 * −1/τ of radius ~g·φ′/τ, which these regions contain only for steps well below τ (and the state
 * check catches a step that is still too large).
 */
export function requireStableStep(where: string, dt: number, tau: number): void {
  if (dt >= tau) {
    throw new RangeError(`${where}: dt must be < tau (got dt = ${dt}, tau = ${tau}): larger steps leave the integrators' stability region; 0.05·tau is the default`);
  }
}

/** τ dx/dt = −x + J φ(x) + b + I(t) with optional white noise, over any LinearOperator J; RK4 or Euler steps in WASM. */
export class RateNetwork implements Disposable {
  readonly n: number;
  readonly phi: NonlinearityName;
  /** φ's entry in the nonlinearity table. */
  readonly nonlinearity: Nonlinearity;
  readonly tau: number;
  readonly noise: number;
  /** Current time (in the units of τ). */
  time = 0;
  readonly #rt: Runtime;
  readonly #J: LinearOperator;
  readonly #input: InputSpec | undefined;
  readonly #bias: Float64Array;
  readonly #x: F64Buffer;
  readonly #r: F64Buffer;
  readonly #h: F64Buffer;
  readonly #drive: F64Buffer;
  readonly #scratch: OdeScratch;
  readonly #derivative: Derivative = ([x], t, [out]) => this.derivative(x, t, out);
  #noiseDraws: F64Buffer | undefined;
  #noiseRng: Rng | undefined;

  constructor(rt: Runtime, params: RateNetworkParams) {
    const where = 'RateNetwork';
    const { connectivity: J } = params;
    if (!J || typeof J.multiply !== 'function') throw new TypeError(`${where}: connectivity must be a matrix or LinearOperator`);
    if (J.nRows !== J.nCols) throw new RangeError(`${where}: connectivity must be square (got ${J.nRows}×${J.nCols})`);
    const n = J.nRows;
    this.phi = requireOneOf(where, 'phi', params.phi ?? 'tanh', NONLINEARITIES);
    this.nonlinearity = nonlinearity(this.phi);
    this.tau = requirePositive(where, 'tau', params.tau ?? 1);
    this.noise = requireFinite(where, 'noise', params.noise ?? 0, 0);
    this.#bias = perNeuron(where, 'bias', params.bias ?? 0, n);
    this.#input = params.input;
    if (typeof params.input !== 'function' && params.input !== undefined) {
      const constant = perNeuron(where, 'input', params.input, n);
      for (let i = 0; i < n; i++) this.#bias[i] += constant[i];
      this.#input = undefined;
    }
    this.n = n;
    this.#rt = rt;
    this.#J = J;
    const buffer = () => new F64Buffer(rt.arena, n, where);
    this.#x = buffer();
    this.#r = buffer();
    this.#h = buffer();
    this.#drive = buffer().set(this.#bias);
    this.#scratch = new OdeScratch(rt.arena, n, 1);
  }

  /** Sets x (copied; finite numbers, length n) and the time. */
  setState(x: ArrayLike<number>, time = 0): this {
    requireFiniteArray('RateNetwork.setState', 'x', x);
    if (x.length !== this.n) throw new RangeError(`RateNetwork.setState: x has length ${x.length}, expected ${this.n}`);
    this.#x.set(x);
    this.time = requireFinite('RateNetwork.setState', 'time', time);
    return this;
  }

  /** x_i ~ N(0, std²) i.i.d. from `seed` (the default initial condition, std = 1); time ← 0. */
  randomizeState(seed: Seed, std = 1): this {
    requireFinite('RateNetwork.randomizeState', 'std', std, 0);
    using rng = this.#rt.rng(seed);
    rng.normalInto(this.#x, 0, std);
    this.time = 0;
    return this;
  }

  /** Seeds the noise stream (needed when noise > 0; `run` does it from its seed). */
  seedNoise(seed: Seed): this {
    this.#noiseRng?.dispose();
    this.#noiseRng = this.#rt.rng(seed);
    this.#noiseDraws ??= new F64Buffer(this.#rt.arena, this.n, 'RateNetwork.seedNoise');
    return this;
  }

  /** A copy of the state x. */
  state(): Float64Array {
    return this.#x.toArray();
  }

  /** The state buffer itself (read it with view(); valid until disposal). */
  get stateBuffer(): F64Buffer {
    return this.#x;
  }

  /** Advances `steps` steps of size dt; throws BlowUpError if the state leaves |x_i| < stateLimit. */
  step(dt: number, integrator: Integrator = 'rk4', steps = 1, stateLimit = DEFAULT_STATE_LIMIT): this {
    const where = 'RateNetwork.step';
    requirePositive(where, 'dt', dt);
    requireOneOf(where, 'integrator', integrator, INTEGRATORS);
    requireStableStep(where, dt, this.tau);
    requireInt(where, 'steps', steps);
    requirePositive(where, 'stateLimit', stateLimit);
    for (let s = 0; s < steps; s++) this.stepUnchecked(dt, integrator);
    this.checkState(stateLimit);
    return this;
  }

  /** One step without argument checks or blow-up check (for drivers that check per chunk). */
  stepUnchecked(dt: number, integrator: Integrator): void {
    const { core } = this.#rt;
    odeStep(core, this.n, integrator, dt, this.time, [this.#x], this.#scratch, this.#derivative);
    this.addNoise(dt);
    this.time += dt;
  }

  /** x ← x + σ√dt·ξ (the Euler–Maruyama increment of additive noise); nothing when σ = 0. */
  addNoise(dt: number): void {
    if (this.noise === 0) return;
    if (!this.#noiseRng || !this.#noiseDraws) throw new Error('RateNetwork: noise > 0 needs seedNoise(seed) before stepping');
    this.#noiseRng.normalInto(this.#noiseDraws);
    this.#rt.core.blas1_axpy_f64(this.noise * Math.sqrt(dt), this.#noiseDraws.ptr, this.#x.ptr, this.n);
  }

  /** out = f(x, t) = (−x + J φ(x) + b + I(t)) / τ for a state buffer x. */
  derivative(x: VectorRef, t: number, out: VectorRef): void {
    this.nonlinearity.kernel(this.#rt.core, x.ptr, this.#r.ptr, this.n);
    this.#J.multiply(this.#r, this.#h);
    this.derivativeFrom(x, this.#h, t, out);
  }

  /** out = (−x + h + b + I(t)) / τ given the recurrent input h = J φ(x) (computed by the caller). */
  derivativeFrom(x: VectorRef, h: VectorRef, t: number, out: VectorRef): void {
    if (this.#input) this.#updateDrive(t);
    this.#rt.core.rate_deriv_f64(this.n, x.ptr, h.ptr, this.#drive.ptr, 1 / this.tau, out.ptr);
  }

  /** The connectivity this network integrates. */
  get connectivity(): LinearOperator {
    return this.#J;
  }

  /** Throws BlowUpError naming the first unit with |x_i| ≥ limit (or non-finite). */
  checkState(limit: number): void {
    const bad = this.#rt.core.vec_first_beyond_f64(this.n, this.#x.ptr, limit);
    if (bad < 0) return;
    const value = this.#x.view()[bad];
    const reason = Number.isFinite(value)
      ? `|x[${bad}]| = ${value.toExponential(3)} reached the state limit ${limit} (the dynamics diverge: lower the gain or dt; raise stateLimit if such values are meaningful)`
      : `x[${bad}] = ${value} (reduce dt or the gain, or check the input)`;
    throw new BlowUpError('rate network', this.time, bad, value, reason);
  }

  dispose(): void {
    disposeAll([this.#x, this.#r, this.#h, this.#drive, this.#scratch]);
    this.#noiseDraws?.dispose();
    this.#noiseRng?.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** drive = b + I(t), with I written by the user's function. */
  #updateDrive(t: number): void {
    const input = this.#input as (t: number, out: Float64Array) => void;
    const drive = this.#drive.view();
    drive.fill(0);
    input(t, drive);
    for (let i = 0; i < this.n; i++) {
      const v = drive[i] + this.#bias[i];
      if (!Number.isFinite(v)) throw new RangeError(`RateNetwork: input(${t})[${i}] is not a finite number (got ${drive[i]})`);
      drive[i] = v;
    }
  }
}

/**
 * Steps m networks that share one connectivity J in lockstep (an ensemble of trajectories): at each
 * stage one multiplyRows gives all m recurrent inputs J φ(x_a), which for a dense J is one pass over
 * the matrix instead of m. Each network's trajectory equals its own stepUnchecked bit for bit: the
 * same kernels run in the same order per network, and multiplyRows equals multiply row for row.
 */
export class LockstepStepper implements Disposable {
  readonly #rt: Runtime;
  readonly #networks: readonly RateNetwork[];
  readonly #states: F64Buffer[];
  readonly #phi: F64Buffer;
  readonly #inputs: F64Buffer;
  readonly #scratch: OdeScratch;
  readonly #rows: RowScratch & Disposable;
  readonly #derivative: Derivative;

  constructor(rt: Runtime, networks: readonly RateNetwork[]) {
    const where = 'LockstepStepper';
    if (networks.length === 0) throw new RangeError(`${where}: networks must not be empty`);
    const J = networks[0].connectivity;
    if (networks.some((network) => network.connectivity !== J)) throw new RangeError(`${where}: every network must share one connectivity`);
    const { n } = networks[0];
    const m = networks.length;
    this.#rt = rt;
    this.#networks = networks;
    this.#states = networks.map((network) => network.stateBuffer);
    // Rows of #phi: φ(x_1), …, φ(x_m); rows of #inputs: J φ(x_a).
    this.#phi = new F64Buffer(rt.arena, m * n, where);
    this.#inputs = new F64Buffer(rt.arena, m * n, where);
    this.#scratch = new OdeScratch(rt.arena, n, m);
    this.#rows = rowScratch(rt, J);
    const rows = Array.from({ length: m }, (_, a) => rowOf(this.#inputs, a, n));
    this.#derivative = (states, t, out) => {
      const { core } = this.#rt;
      for (let a = 0; a < m; a++) networks[a].nonlinearity.kernel(core, states[a].ptr, this.#phi.ptr + 8 * a * n, n);
      multiplyRows(this.#rt, J, this.#phi, m, this.#inputs, this.#rows);
      for (let a = 0; a < m; a++) networks[a].derivativeFrom(states[a], rows[a], t, out[a]);
    };
  }

  /** One step of every network (no checks: the caller checks the states per chunk). */
  step(dt: number, integrator: Integrator): void {
    const networks = this.#networks;
    odeStep(this.#rt.core, networks[0].n, integrator, dt, networks[0].time, this.#states, this.#scratch, this.#derivative);
    for (const network of networks) {
      network.addNoise(dt);
      network.time += dt;
    }
  }

  dispose(): void {
    disposeAll([this.#phi, this.#inputs, this.#scratch, this.#rows]);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** A scalar or a length-n array of finite numbers, as a Float64Array of length n. */
function perNeuron(where: string, name: string, value: number | ArrayLike<number>, n: number): Float64Array {
  if (typeof value === 'number') return new Float64Array(n).fill(requireFinite(where, name, value));
  requireFiniteArray(where, name, value);
  if (value.length !== n) throw new RangeError(`${where}: ${name} has length ${value.length}, expected ${n}`);
  return Float64Array.from(value);
}
