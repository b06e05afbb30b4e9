/**
 * Spectral laws of random connectivity, to set theory beside computed spectra. All are N → ∞
 * statements; finite N adds fluctuations of the edge of order N^{-1/2} (plus outliers).
 */
import { requireFinite, requireFiniteArray, requireInt } from '../validate.js';

/** Spectral predictions of a model's law (null where no law applies). */
export interface SpectralTheory {
  /** Radius of the whole spectrum: max(bulk radius, |outliers|). */
  spectralRadius: number | null;
  /** Radius of the bulk (circle, ellipse or ring) as N → ∞. */
  bulkRadius: number | null;
  /** Predicted outlier eigenvalues outside the bulk (real). */
  outliers: number[];
  /** The law and its source. */
  law: string;
}

export const NO_THEORY: SpectralTheory = { spectralRadius: null, bulkRadius: null, outliers: [], law: 'none' };

/** Combines a bulk radius with outliers that lie outside it. */
export function theoryOf(bulkRadius: number, outliers: number[], law: string): SpectralTheory {
  const outside = outliers.filter((o) => Math.abs(o) > bulkRadius);
  return { spectralRadius: Math.max(bulkRadius, ...outside.map(Math.abs)), bulkRadius, outliers: outside, law };
}

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

/**
 * Gaussian network J_ij ~ N(J0/N, g²/N), corr(J_ij, J_ji) = η. Elliptic law (Sommers et al. 1988):
 * the bulk fills an ellipse with semi-axes g(1+η), g(1−η), so radius g(1+|η|). The mean J0/N adds a
 * rank-one perturbation whose outlier sits at J0 + ηg²/J0 when |J0| > g (O'Rourke & Renfrew 2014).
 */
export function gaussianSpectralLaw(g: number, j0: number, eta: number): SpectralTheory {
  const { real, imaginary } = ellipticLawSemiAxes(g, eta);
  const outliers = Math.abs(j0) > g ? [j0 + (eta * g * g) / j0] : [];
  return theoryOf(Math.max(real, imaginary), outliers, 'elliptic law, radius g(1+|η|); outlier J0 + ηg²/J0 (O\'Rourke & Renfrew 2014)');
}

/**
 * Sparse lognormal-degree network with weights of variance g²/K and mean J0/K on its edges.
 * Bulk radius √λ_max(σ²) of the variance profile σ_ij² = a_ij g²/K (Rajan & Abbott 2006; Aljadeff,
 * Stern & Sharpee 2015); for a configuration-model adjacency the Perron root is ⟨k_in k_out⟩/⟨k⟩
 * (Restrepo, Ott & Hunt 2007): degreeHeterogeneousRadius. The mean gives an outlier at
 * J0⟨k_in k_out⟩/(K⟨k⟩). η ≠ 0 enters as an elliptic factor (1 + |η|·reciprocity), exact only for
 * homogeneous degrees.
 */
export function lognormalSpectralLaw(params: {
  inDegrees: ArrayLike<number>; outDegrees: ArrayLike<number>; k: number; g: number; j0: number; eta: number; reciprocity: number;
}): SpectralTheory {
  const { inDegrees, outDegrees, k, g, j0, eta, reciprocity } = params;
  let product = 0;
  let degree = 0;
  for (let i = 0; i < inDegrees.length; i++) {
    product += inDegrees[i] * outDegrees[i];
    degree += inDegrees[i];
  }
  const perron = degree > 0 ? product / degree : 0; // ⟨k_in k_out⟩ / ⟨k⟩: the outlier of the mean
  const radius = degree > 0 ? degreeHeterogeneousRadius({ weightVariance: (g * g) / k, inDegrees, outDegrees }) : 0;
  const bulk = radius * (1 + Math.abs(eta) * reciprocity);
  return theoryOf(bulk, j0 !== 0 ? [(j0 * perron) / k] : [],
    'radius² = g²⟨k_in k_out⟩/(K⟨k⟩) (variance-profile bulk, Aljadeff et al. 2015; Perron root, Restrepo et al. 2007)');
}

/** One block of inputs of an E/I network: K_b expected inputs, connection probability p_b, weight w_b. */
export interface InputBlock {
  inputs: number;
  p: number;
  weight: number;
}

/**
 * E/I network (Rajan & Abbott 2006): with independent entries the bulk radius² is Σ_j var(J_ij) =
 * Σ_b K_b w_b² (1 + c² − p_b) (c: weight jitter CV); the mean matrix adds an outlier at the mean
 * row sum Σ_b K_b w_b — exact (all-ones eigenvector) with fixed in-degree and no jitter.
 */
export function eiSpectralLaw(blocks: readonly InputBlock[], jitter: number): SpectralTheory {
  const radius2 = blocks.reduce((s, b) => s + b.inputs * b.weight ** 2 * (1 + jitter ** 2 - b.p), 0);
  const rowSum = blocks.reduce((s, b) => s + b.inputs * b.weight, 0);
  return theoryOf(Math.sqrt(radius2), [rowSum], 'bulk radius² = Σ_b K_b w_b²(1 + c² − p_b), outlier = mean row sum (Rajan & Abbott 2006)');
}

/**
 * Random-mode network J = Σ_a s_a u_a v_aᵀ with independent input and output modes (overlap 0):
 * single ring theorem (Guionnet, Krishnapur & Zeitouni 2011), outer radius √(Σ s²/N) = g. With
 * overlapping modes no law is implemented.
 */
export function randomModeSpectralLaw(g: number, overlap: number): SpectralTheory {
  return overlap === 0
    ? theoryOf(g, [], 'single ring theorem (Guionnet, Krishnapur & Zeitouni 2011): outer radius √(Σ s²/N) = g for overlap 0')
    : NO_THEORY;
}

/**
 * Gaussian bulk of gain g plus a low-rank part m nᵀ/N: circular bulk of radius g; for rank one the
 * single nonzero eigenvalue nᵀm/N of the low-rank part is an outlier when it leaves the bulk
 * (Mastrogiuseppe & Ostojic 2018). `rankOneValue` is null for higher ranks (no outlier law).
 */
export function lowRankSpectralLaw(g: number, rankOneValue: number | null): SpectralTheory {
  const law = 'bulk radius g (circular law); rank-one outlier nᵀm/N (Mastrogiuseppe & Ostojic 2018)';
  return rankOneValue === null ? { spectralRadius: null, bulkRadius: g, outliers: [], law } : theoryOf(g, [rankOneValue], law);
}

/**
 * The Jacobian −1 + J·diag(φ′(x)) at x = 0 is −1 + φ′(0)·J: its spectrum is J's law scaled by
 * φ′(0) and shifted to centre −1.
 */
export function jacobianAtRestLaw(connectivity: SpectralTheory, slopeAtZero: number): {
  law: string; center: number; bulkRadius: number | null; outliers: number[];
} {
  return {
    law: `−1 + φ′(0)·λ(J) at x = 0 with ${connectivity.law}`,
    center: -1,
    bulkRadius: connectivity.bulkRadius === null ? null : slopeAtZero * connectivity.bulkRadius,
    outliers: connectivity.outliers.map((o) => -1 + slopeAtZero * o),
  };
}

/**
 * The symmetric part (J + Jᵀ)/2 of a Gaussian network with gain g and reciprocal correlation η has
 * off-diagonal variance g²(1 + η)/(2N), so its spectrum follows Wigner's semicircle on
 * [−edge, edge], edge = g·√(2(1 + η)).
 */
export function symmetricPartSemicircleEdge(g: number, eta: number): number {
  requireFinite('symmetricPartSemicircleEdge', 'g', g, 0);
  requireFinite('symmetricPartSemicircleEdge', 'eta', eta, -1, 1);
  return g * Math.sqrt(2 * (1 + eta));
}

/** Sparse Gaussian Erdős–Rényi network with weights of mean 0 and variance g²/N overall: circular law of radius g. */
export function sparseGaussianSpectralLaw(g: number): SpectralTheory {
  return theoryOf(circularLawRadius(g), [], 'circular law, radius g (entries of mean 0 and variance g²/N)');
}
