/**
 * Spectral laws of random connectivity, to set theory beside computed spectra. All are N → ∞
 * statements; finite N adds fluctuations of the edge of order N^{-1/2} (plus outliers).
 */
import { requireFinite, requireFiniteArray, requireInt } from '../validate.js';

/**
 * Circular law: for J_ij i.i.d. with mean 0 and variance g²/N, the eigenvalues fill the disc of
 * radius g uniformly (Girko 1984; Tao & Vu, Ann. Probab. 38, 2010). The bulk radius g = 1 is the
 * chaos threshold of dx/dt = −x + J·tanh(x) (Sompolinsky, Crisanti & Sommers, PRL 61, 1988).
 */
export function circularLawRadius(g: number): number {
  return requireFinite('circularLawRadius', 'g', g, 0);
}

/**
 * Elliptic law: for variance g²/N and corr(J_ij, J_ji) = η the eigenvalues fill the ellipse with
 * semi-axes (1 + η)·g along the real axis and (1 − η)·g along the imaginary axis (Sommers,
 * Crisanti, Sompolinsky & Stein, PRL 60, 1988).
 */
export function ellipticLawSemiAxes(g: number, eta: number): { real: number; imaginary: number } {
  requireFinite('ellipticLawSemiAxes', 'g', g, 0);
  requireFinite('ellipticLawSemiAxes', 'eta', eta, -1, 1);
  return { real: (1 + eta) * g, imaginary: (1 - eta) * g };
}

/** Mean of a sequence. */
function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * Bulk radius of a sparse directed network with degree heterogeneity: J_ij = w_ij on the edges
 * j → i, w i.i.d. with mean 0 and variance σ², in-degrees k_in and out-degrees k_out:
 *
 *   r² = σ²·⟨k_in·k_out⟩ / ⟨k⟩.
 *
 * Derivation: for a random matrix with independent centred entries of variances S_ij, the bulk is
 * the disc of radius √ρ(S), ρ the Perron root of the variance profile (Cook, Hachem, Najim &
 * Renfrew, Electron. J. Probab. 23, 2018; for sparse graphs Neri & Metz, PRL 117, 2016). In the
 * configuration model an edge j → i is present with probability k_in,i·k_out,j/(N⟨k⟩), so
 * S = σ²·k_in·k_outᵀ/(N⟨k⟩) has rank one and ρ(S) = σ²·Σ_i k_in,i·k_out,i/(N⟨k⟩). Uncorrelated
 * in/out degrees give ⟨k_in k_out⟩ = ⟨k⟩² and r = σ√⟨k⟩; positively correlated degrees enlarge r
 * (e.g. k_in = k_out with coefficient of variation CV: r² = σ²⟨k⟩(1 + CV²)).
 */
export function degreeHeterogeneousRadius(params: {
  weightVariance: number;
  inDegrees: ArrayLike<number>;
  outDegrees: ArrayLike<number>;
}): number {
  const where = 'degreeHeterogeneousRadius';
  const sigma2 = requireFinite(where, 'weightVariance', params.weightVariance, 0);
  const kIn = requireFiniteArray(where, 'inDegrees', params.inDegrees);
  const kOut = requireFiniteArray(where, 'outDegrees', params.outDegrees);
  if (kIn.length === 0 || kIn.length !== kOut.length) {
    throw new RangeError(`${where}: inDegrees and outDegrees must be non-empty and of equal length (got ${kIn.length} and ${kOut.length})`);
  }
  const k = mean(kIn);
  if (!(k > 0)) throw new RangeError(`${where}: the mean degree must be > 0 (got ${k})`);
  const product = mean(Float64Array.from(kIn, (ki, i) => ki * kOut[i]));
  return Math.sqrt((sigma2 * product) / k);
}

/**
 * The outlier of a rank-one mean M = u·vᵀ (M_ij = u_i·v_j): its only nonzero eigenvalue vᵀu.
 * It stands outside the bulk when |vᵀu| exceeds the bulk radius (Tao, PTRF 155, 2013).
 */
export function rankOneOutlier(u: ArrayLike<number>, v: ArrayLike<number>): number {
  requireFiniteArray('rankOneOutlier', 'u', u);
  requireFiniteArray('rankOneOutlier', 'v', v);
  if (u.length !== v.length) throw new RangeError(`rankOneOutlier: u and v differ in length (${u.length} vs ${v.length})`);
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/**
 * Outlier of an E/I network whose entries have mean μ_E on excitatory columns (a fraction f_E of the
 * n neurons) and μ_I on inhibitory ones (include connection probability: μ = p·w̄). The mean matrix
 * is 1·μᵀ with per-neuron mean input Σ_j μ_j, so its nonzero eigenvalue is n·(f_E·μ_E + (1 − f_E)·μ_I);
 * balanced networks (f_E·μ_E + f_I·μ_I = 0) have none (Rajan & Abbott, PRL 97, 2006).
 */
export function eiMeanOutlier(params: { n: number; fractionExcitatory: number; meanExcitatory: number; meanInhibitory: number }): number {
  const where = 'eiMeanOutlier';
  const n = requireInt(where, 'n', params.n, 1);
  const fE = requireFinite(where, 'fractionExcitatory', params.fractionExcitatory, 0, 1);
  const muE = requireFinite(where, 'meanExcitatory', params.meanExcitatory);
  const muI = requireFinite(where, 'meanInhibitory', params.meanInhibitory);
  return n * (fE * muE + (1 - fE) * muI);
}
