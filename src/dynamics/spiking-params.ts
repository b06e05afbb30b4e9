/**
 * Spiking-network parameters (NEST's split): `Params` are what the user gives, per neuron type;
 * `Derived` is the per-type table of constants for one dt that the kernels read
 * (assembly/kernels/spiking.ts). Pure: no WASM memory here.
 *
 * Model (time in ms, voltage in mV relative to rest), LIF and GLM: a = 0, b = 1; QIF: a = 1, b = 0:
 *   τ_m dv/dt = a v (v − V_T)/ΔV − b v + μ + I (+ σ √τ_m ξ(t)),   τ_s dI/dt = −I (+ Poisson input),
 *   LIF/QIF: spike when v > θ, then v ← V_reset and v is held for the refractory period;
 *   GLM (Poisson generalised linear model, van Meegen & van Albada, arXiv 1909.01908): no threshold
 *   and no reset; spikes are a Poisson process of rate ν(v) = ν_max Φ((v − θ)/σ_ν)
 *   = ν_max·½(1 + erf((v − θ)/(√2 σ_ν))), at most one per step with probability 1 − e^{−ν dt}.
 * GLM defaults: τ_m = 10, τ_s = 5, θ = 10, σ_ν = 5, ν_max = 100 Hz, μ = 5 (ν(μ) = 100·Φ(−1) ≈ 15.9 Hz).
 * Defaults: τ_m = 10, τ_s = 5, V_T = ΔV = 20, V_reset = 10, θ_LIF = 20, θ_QIF = V_peak = 100,
 * μ_LIF = 20.2 and μ_QIF = 7.8 (both fire near 25 Hz uncoupled), no refractoriness, no noise.
 */
import { SPIKING_FIELDS, SPIKING_STRIDE } from '../wasm/abi.js';
import { requireFinite, requireInt, requirePositive } from '../validate.js';

export const NEURON_KINDS = ['lif', 'qif', 'glm'] as const;
export type NeuronKind = (typeof NEURON_KINDS)[number];

/** 'euler': forward Euler, term for term as Brian2's `method='euler'`; 'exact': exact propagators for the linear parts. */
export const SPIKING_INTEGRATOR_NAMES = ['euler', 'exact'] as const;
export type SpikingIntegrator = (typeof SPIKING_INTEGRATOR_NAMES)[number];

/** Poisson spike trains into I: `count` independent sources of `rateHz` each, each spike adds `weight`. */
export interface PoissonDrive {
  rateHz: number;
  weight: number;
  count: number;
}

/** Parameters of one neuron type (every field optional: the type's defaults fill in). */
export interface NeuronTypeParams {
  /** Membrane time constant τ_m (ms). */
  tauMs?: number;
  /** Synaptic time constant τ_s (ms). */
  tauSynMs?: number;
  /** QIF: V_T in a v (v − V_T)/ΔV (mV). */
  vTMv?: number;
  /** QIF: ΔV (mV). */
  deltaVMv?: number;
  /** Spike threshold θ (mV): LIF threshold, QIF V_peak. */
  thetaMv?: number;
  vResetMv?: number;
  /** Refractory period (ms, rounded to whole steps): v is held at V_reset. */
  refractoryMs?: number;
  /** Constant drive μ (mV) of every neuron of the type (a per-neuron `mu` array overrides it). */
  muMv?: number;
  /** White-noise amplitude σ (mV): τ_m dv/dt = … + σ √τ_m ξ(t). */
  noiseSigmaMv?: number;
  /** Poisson input into I, or null. */
  poisson?: PoissonDrive | null;
  /** GLM: the rate function's maximum ν_max (Hz). */
  rateMaxHz?: number;
  /** GLM: the rate function's width σ_ν (mV) in ν_max Φ((v − θ)/σ_ν). */
  rateWidthMv?: number;
}

export type ResolvedTypeParams = Required<Omit<NeuronTypeParams, 'poisson'>> & { poisson: PoissonDrive | null };

const LIF_DEFAULTS: ResolvedTypeParams = {
  tauMs: 10, tauSynMs: 5, vTMv: 20, deltaVMv: 20, thetaMv: 20, vResetMv: 10, refractoryMs: 0, muMv: 20.2,
  noiseSigmaMv: 0, poisson: null, rateMaxHz: 100, rateWidthMv: 5,
};
const QIF_DEFAULTS: ResolvedTypeParams = { ...LIF_DEFAULTS, thetaMv: 100, muMv: 7.8 };
/** vResetMv is unused by the GLM (no reset); below θ so that the shared check passes. */
const GLM_DEFAULTS: ResolvedTypeParams = { ...LIF_DEFAULTS, thetaMv: 10, vResetMv: 0, muMv: 5 };
export const TYPE_DEFAULTS: Readonly<Record<NeuronKind, Readonly<ResolvedTypeParams>>> = {
  lif: LIF_DEFAULTS, qif: QIF_DEFAULTS, glm: GLM_DEFAULTS,
};

const TYPE_KEYS = Object.keys(LIF_DEFAULTS);

/** The type's parameters with defaults filled in, each validated (`where.kind.field` in messages). */
export function resolveTypeParams(where: string, kind: NeuronKind, given: NeuronTypeParams | undefined): ResolvedTypeParams {
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    throw new TypeError(`${where}: ${kind} must be an object of neuron parameters`);
  }
  for (const key of Object.keys(given ?? {})) {
    if (!TYPE_KEYS.includes(key)) throw new RangeError(`${where}: unknown ${kind} parameter '${key}' (allowed: ${TYPE_KEYS.join(', ')})`);
  }
  const p = { ...TYPE_DEFAULTS[kind], ...given };
  const name = (field: string) => `${kind}.${field}`;
  requirePositive(where, name('tauMs'), p.tauMs);
  requirePositive(where, name('tauSynMs'), p.tauSynMs);
  requireFinite(where, name('vTMv'), p.vTMv);
  requirePositive(where, name('deltaVMv'), p.deltaVMv);
  requireFinite(where, name('thetaMv'), p.thetaMv);
  requireFinite(where, name('vResetMv'), p.vResetMv);
  if (p.vResetMv >= p.thetaMv) {
    throw new RangeError(`${where}: ${name('vResetMv')} must be below ${name('thetaMv')} (got ${p.vResetMv} ≥ ${p.thetaMv})`);
  }
  requireFinite(where, name('refractoryMs'), p.refractoryMs, 0);
  requireFinite(where, name('muMv'), p.muMv);
  requireFinite(where, name('noiseSigmaMv'), p.noiseSigmaMv, 0);
  if (p.poisson !== null) {
    if (typeof p.poisson !== 'object') throw new TypeError(`${where}: ${name('poisson')} must be {rateHz, weight, count} or null`);
    requireFinite(where, name('poisson.rateHz'), p.poisson.rateHz, 0);
    requireFinite(where, name('poisson.weight'), p.poisson.weight);
    requireInt(where, name('poisson.count'), p.poisson.count, 0);
  }
  requireFinite(where, name('rateMaxHz'), p.rateMaxHz, 0);
  requirePositive(where, name('rateWidthMv'), p.rateWidthMv);
  if (kind === 'glm' && p.refractoryMs !== 0) {
    throw new RangeError(`${where}: glm.refractoryMs must be 0 (the Poisson GLM has no refractoriness; got ${p.refractoryMs})`);
  }
  return p;
}

/** Largest expected Poisson events per neuron and step: inversion from one uniform stays accurate and cheap. */
const MAX_POISSON_LAMBDA = 20;

/**
 * Largest ν_max·dt a GLM neuron may have: a step holds at most one spike, with probability
 * 1 − e^{−ν dt} instead of the expected ν dt events, so the rate is undercounted by a fraction
 * ≈ ν dt/2 — at most 2.5% at the rate function's maximum with this bound.
 */
export const GLM_MAX_RATE_DT = 0.05;

/** Throws when GLM neurons (`hasGlm`) would run with ν_max·dt > GLM_MAX_RATE_DT (see there). */
export function requireGlmStep(where: string, glm: ResolvedTypeParams, dtMs: number, hasGlm: boolean): void {
  const rateDt = (glm.rateMaxHz * dtMs) / 1000;
  if (hasGlm && rateDt > GLM_MAX_RATE_DT) {
    throw new RangeError(`${where}: dtMs = ${dtMs} is too long for glm.rateMaxHz = ${glm.rateMaxHz}: ν_max·dt = ${rateDt} exceeds ` +
      `${GLM_MAX_RATE_DT} (a step holds at most one GLM spike, undercounting the rate by ≈ ν·dt/2); lower dtMs to ≤ ${(1000 * GLM_MAX_RATE_DT) / glm.rateMaxHz}`);
  }
}

/**
 * Derived: the kernels' per-type table for step dtMs (row 0 = LIF, row 1 = QIF, row 2 = GLM). Euler uses
 * c_m = dt/τ_m, c_s = dt/τ_s, 1/ΔV and −V_T exactly as Brian2 folds them; the exact integrator's
 * propagators are P22 = e^{−dt/τ_m}, P20 = 1 − P22, P21 = τ_s/(τ_s − τ_m)(e^{−dt/τ_s} − e^{−dt/τ_m})
 * (→ (dt/τ_m) e^{−dt/τ_m} when τ_s = τ_m), P11 = e^{−dt/τ_s}; the QIF keeps Euler for v; the GLM
 * row adds ν_max·dt (per step) and 1/(√2 σ_ν).
 */
export function spikingTable(
  where: string, types: Readonly<Record<'lif' | 'qif', ResolvedTypeParams> & { glm?: ResolvedTypeParams }>, dtMs: number,
): Float64Array {
  const F = SPIKING_FIELDS;
  const table = new Float64Array(NEURON_KINDS.length * SPIKING_STRIDE);
  NEURON_KINDS.forEach((kind, row) => {
    const p = types[kind] ?? TYPE_DEFAULTS[kind];
    const set = (field: number, value: number) => { table[row * SPIKING_STRIDE + field] = value; };
    const qif = kind === 'qif';
    const cM = dtMs / p.tauMs;
    set(F.a, qif ? 1 : 0);
    set(F.b, qif ? 0 : 1);
    set(F.cM, cM);
    set(F.cS, dtMs / p.tauSynMs);
    set(F.invDeltaV, 1.0 / p.deltaVMv);
    set(F.negVT, -p.vTMv);
    set(F.theta, p.thetaMv);
    set(F.vReset, p.vResetMv);
    set(F.refractorySteps, Math.round(p.refractoryMs / dtMs));
    set(F.noise, p.noiseSigmaMv * Math.sqrt(dtMs / p.tauMs));
    const lambda = p.poisson === null ? 0 : (p.poisson.count * p.poisson.rateHz * dtMs) / 1000;
    if (lambda > MAX_POISSON_LAMBDA) {
      throw new RangeError(
        `${where}: ${kind}.poisson gives λ = count·rate·dt = ${lambda} events per step; at most ${MAX_POISSON_LAMBDA} (lower dtMs, or model the input as noise)`,
      );
    }
    set(F.poissonLambda, lambda);
    set(F.poissonExp, Math.exp(-lambda));
    set(F.poissonWeight, p.poisson?.weight ?? 0);
    const p22 = Math.exp(-dtMs / p.tauMs);
    const p11 = Math.exp(-dtMs / p.tauSynMs);
    set(F.p11, p11);
    set(F.glmRateDt, (p.rateMaxHz * dtMs) / 1000);
    set(F.glmInvWidth, 1 / (Math.SQRT2 * p.rateWidthMv));
    if (qif) {
      set(F.p22, 1);
      set(F.p20, cM);
      set(F.p21, cM);
    } else {
      set(F.p22, p22);
      set(F.p20, -Math.expm1(-dtMs / p.tauMs));
      set(F.p21, p.tauSynMs === p.tauMs ? cM * p22 : (p.tauSynMs / (p.tauSynMs - p.tauMs)) * (p11 - p22));
    }
  });
  return table;
}

/** The kernels' storage order: all LIF neurons, then all QIF, then all GLM neurons, each type in the user's order. */
export interface TypeLayout {
  nLif: number;
  /** Internal index of the first GLM neuron (nLif + number of QIF neurons). */
  glmFrom: number;
  /** perm[k]: the user's index of internal neuron k. */
  perm: Int32Array;
  /** internal[i]: the internal index of the user's neuron i. */
  internal: Int32Array;
}

/** The layout for per-neuron types (0 = LIF, 1 = QIF, 2 = GLM). */
export function typeLayout(types: ArrayLike<number>): TypeLayout {
  const n = types.length;
  const perm = new Int32Array(n);
  const internal = new Int32Array(n);
  let k = 0;
  const starts: number[] = [];
  for (const kind of [0, 1, 2]) {
    starts.push(k);
    for (let i = 0; i < n; i++) {
      if (types[i] !== kind) continue;
      perm[k] = i;
      internal[i] = k++;
    }
  }
  return { nLif: starts[1], glmFrom: starts[2], perm, internal };
}

/** values (one per user neuron) in internal order. */
export function toInternal<T extends Float64Array | Int32Array>(values: T, layout: TypeLayout): T {
  return values.map((_, k) => values[layout.perm[k]]) as T;
}

/** values (one per internal neuron) in the user's order. */
export function toUser<T extends Float64Array | Int32Array>(values: T, layout: TypeLayout): T {
  return values.map((_, i) => values[layout.internal[i]]) as T;
}
