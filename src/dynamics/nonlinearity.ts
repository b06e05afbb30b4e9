/**
 * The one table of nonlinearities φ: for each name, the WASM kernels that apply φ and φ′ to a
 * vector (assembly/kernels/activation.ts), the scalar φ, φ′ and primitive Φ = ∫₀ φ (for
 * mean-field potentials), and φ′(0) (the gain of the Jacobian at rest). Rate networks, the
 * Jacobian operator, FORCE, mean-field theory and the CLI all read it; nothing else re-types a φ.
 *
 * This module is pure (it imports no runtime values), so the theory layer may use it.
 */
import type { CoreExports } from '../wasm/abi.js';

/** φ: tanh (default), logistic sigmoid, relu = max(x, 0), erf (the error function itself, φ′(0) = 2/√π), linear. */
export const NONLINEARITIES = ['tanh', 'sigmoid', 'relu', 'erf', 'linear'] as const;
export type NonlinearityName = (typeof NONLINEARITIES)[number];

/** A vector kernel y[i] = f(x[i]) on raw pointers (x and y may alias). */
export type ElementwiseKernel = (core: CoreExports, xPtr: number, yPtr: number, n: number) => void;

export interface Nonlinearity {
  readonly name: NonlinearityName;
  /** y = φ(x) in WASM. */
  readonly kernel: ElementwiseKernel;
  /** y = φ′(x) in WASM (relu′(0) = 0; NaN propagates). */
  readonly derivativeKernel: ElementwiseKernel;
  /** Scalar φ(u), φ′(u) and Φ(u) = ∫₀ᵘ φ (Φ(0) = 0), in double precision. */
  readonly phi: (u: number) => number;
  readonly derivative: (u: number) => number;
  readonly primitive: (u: number) => number;
  /** φ′(0). */
  readonly slopeAtZero: number;
  /** Whether φ is odd (φ(−u) = −φ(u)): then ⟨φ⟩ = 0 under a centred Gaussian. */
  readonly odd: boolean;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(u) to about 1e-15 relative, independent of the WASM kernel's algorithm (and of the
 * reference's): for |u| < 3 the series with positive terms
 *   erf(u) = (2/√π) e^{−u²} Σ_n 2ⁿ u^{2n+1} / (1·3·…·(2n+1))     (A&S 7.1.6, no cancellation),
 * for |u| ≥ 3 erfc by its continued fraction (A&S 7.1.14) evaluated with the modified Lentz method.
 */
export function erf(u: number): number {
  if (Number.isNaN(u)) return u;
  const a = Math.abs(u);
  let value: number;
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * a * a) / (2 * n + 1);
      sum += term;
    }
    value = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
  } else if (a >= 6.5) {
    value = 1; // erfc(6.5) < 4e-20
  } else {
    // erfc(a) = e^{−a²}/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + …)))))
    const tiny = 1e-300;
    let f = a;
    let c = a;
    let d = 0;
    for (let k = 1; k < 300; k++) {
      const ak = k / 2;
      d = a + ak * d;
      d = d === 0 ? tiny : 1 / d;
      c = a + ak / c;
      if (c === 0) c = tiny;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    value = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * f);
  }
  return u < 0 ? -value : u > 0 ? value : u;
}

/** ln cosh u without overflow: |u| + ln(1 + e^{−2|u|}) − ln 2. */
function logCosh(u: number): number {
  const a = Math.abs(u);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

/** Logistic σ(u) = 1/(1 + e^{−u}), evaluated on the side where the exponential cannot overflow. */
function logistic(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/** softplus(u) = ln(1 + e^u) without overflow. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

export const NONLINEARITY_TABLE: { readonly [K in NonlinearityName]: Nonlinearity } = {
  tanh: {
    name: 'tanh',
    kernel: (core, x, y, n) => core.act_tanh_f64(x, y, n),
    derivativeKernel: (core, x, y, n) => core.act_tanh_deriv_f64(x, y, n),
    phi: Math.tanh,
    derivative: (u) => 1 - Math.tanh(u) ** 2,
    primitive: logCosh,
    slopeAtZero: 1,
    odd: true,
  },
  sigmoid: {
    name: 'sigmoid',
    kernel: (core, x, y, n) => core.act_sigmoid_f64(x, y, n),
    derivativeKernel: (core, x, y, n) => core.act_sigmoid_deriv_f64(x, y, n),
    phi: logistic,
    derivative: (u) => logistic(u) * logistic(-u),
    primitive: (u) => softplus(u) - Math.LN2,
    slopeAtZero: 0.25,
    odd: false,
  },
  relu: {
    name: 'relu',
    kernel: (core, x, y, n) => core.act_relu_f64(x, y, n),
    derivativeKernel: (core, x, y, n) => core.act_relu_deriv_f64(x, y, n),
    phi: (u) => (u > 0 ? u : 0),
    derivative: (u) => (u > 0 ? 1 : 0),
    primitive: (u) => (u > 0 ? (u * u) / 2 : 0),
    slopeAtZero: 0,
    odd: false,
  },
  erf: {
    name: 'erf',
    kernel: (core, x, y, n) => core.act_erf_f64(x, y, n),
    derivativeKernel: (core, x, y, n) => core.act_erf_deriv_f64(x, y, n),
    phi: erf,
    derivative: (u) => TWO_OVER_SQRT_PI * Math.exp(-u * u),
    // ∫₀ᵘ erf = u·erf(u) + (e^{−u²} − 1)/√π
    primitive: (u) => u * erf(u) + Math.expm1(-u * u) / Math.sqrt(Math.PI),
    slopeAtZero: TWO_OVER_SQRT_PI,
    odd: true,
  },
  linear: {
    name: 'linear',
    kernel: (core, x, y, n) => {
      if (y !== x) core.vec_copy_f64(n, x, y);
    },
    derivativeKernel: (core, x, y, n) => core.act_linear_deriv_f64(x, y, n),
    phi: (u) => u,
    derivative: () => 1,
    primitive: (u) => (u * u) / 2,
    slopeAtZero: 1,
    odd: true,
  },
};

/** The table entry of a (validated) name. */
export function nonlinearity(name: NonlinearityName): Nonlinearity {
  return NONLINEARITY_TABLE[name];
}
