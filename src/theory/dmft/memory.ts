/**
 * Reciprocal correlations on every edge (undirected adjacency, corr(w_ij, w_ji) = η): the memory
 * term of THEORY.md §3 (derived; checked against simulation in test/science/memory-dmft.test.ts).
 * For degree class κ (k_in = k_out = κK):
 *
 *   dx/dt = −x + ξ_κ(t) + η g² κ ∫_{−∞}^{t} R̄(t − s) φ(x(s)) ds,
 *   ⟨ξ_κ(t)ξ_κ(t′)⟩ = g²κ Q(t − t′),  Q = E[κ′ C_φ,κ′],  R̄ = E[κ′ R_κ′],  R_κ(τ) = ⟨δφ(x_κ(t))/δξ_κ(t − τ)⟩.
 *
 * CV = 0 is the partially symmetric SCS DMFT (Crisanti & Sompolinsky 1987; Martí, Brunel &
 * Ostojic, PRE 97, 062314, 2018). Two solvers:
 * - reciprocalBulkEdge: the real edge λ_e of the linearised spectrum from Ḡ = E[κ/(z − ηg²κḠ)] and
 *   1 = g² E[κ²/(z − ηg²κḠ)²] (branch Ḡ ≈ 1/z at large z); CV = 0 gives the elliptic g(1 + η);
 * - memoryMeanField: the Monte-Carlo DMFT (Eissfeller & Opper, PRL 68, 2094, 1992; Roy, Biroli,
 *   Bunin & Cammarota, J. Phys. A 52, 484001, 2019): per class, Gaussian noise paths of covariance
 *   g²κQ (circulant embedding), Euler integration with the memory sum, C_φ from the paths and R
 *   from tangent kicks (R(τ) = ⟨φ′(x(t0 + τ)) y(τ)⟩, y the linear response to a unit kick at t0,
 *   memory feedback included), then a damped update of Q and R̄.
 */
import { requireFinite, requireFiniteArray, requireInt } from '../../validate.js';
import { type DegreeClasses, requireDegreeClasses } from './mean-field.js';
import { degreeMeanField } from './degree.js';
import { pairCorrelation as pairCorrelationAt } from './pair-series.js';
import { meanFieldPhi, type PhiSpec } from './phi.js';
import { type CorrelationTimescales, correlationTimescales } from './timescales.js';

/** Classes of an undirected network: κ = k/⟨k⟩ (k_in = k_out), one class per distinct degree. */
export function undirectedDegreeClasses(degrees: ArrayLike<number>): DegreeClasses {
  const d = requireFiniteArray('undirectedDegreeClasses', 'degrees', degrees);
  if (d.length === 0) throw new RangeError('undirectedDegreeClasses: degrees must not be empty');
  let sum = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < d.length; i++) {
    if (d[i] < 0) throw new RangeError(`undirectedDegreeClasses: degrees[${i}] must be ≥ 0`);
    sum += d[i];
    counts.set(d[i], (counts.get(d[i]) ?? 0) + 1);
  }
  if (!(sum > 0)) throw new RangeError('undirectedDegreeClasses: the network has no edges');
  const mean = sum / d.length;
  const values = [...counts.keys()].sort((a, b) => a - b);
  const kappa = Float64Array.from(values, (v) => v / mean);
  return { weight: Float64Array.from(values, (v) => (counts.get(v) as number) / d.length), kappaIn: kappa, kappaOut: kappa.slice() };
}

/**
 * The rightmost real edge of the spectrum of J (undirected degrees κ, corr η on every edge, gain
 * g): the largest z with g² E[κ²/(z − ηg²κḠ(z))²] = 1, Ḡ(z) the fixed point of Ḡ = E[κ/(z − ηg²κḠ)]
 * continued from Ḡ ≈ 1/z at large z (bisection on z, fixed-point iteration for Ḡ).
 */
export function reciprocalBulkEdge(g: number, eta: number, classes: DegreeClasses): number {
  const where = 'reciprocalBulkEdge';
  requireFinite(where, 'g', g, 0);
  requireFinite(where, 'eta', eta, -1, 1);
  requireDegreeClasses(where, classes);
  const { weight, kappaIn: kappa } = classes;
  const resolvent = (z: number, start: number): number => {
    let G = start;
    for (let iter = 0; iter < 10_000; iter++) {
      let next = 0;
      for (let c = 0; c < kappa.length; c++) next += (weight[c] * kappa[c]) / (z - eta * g * g * kappa[c] * G);
      if (Math.abs(next - G) <= 1e-15 * Math.abs(next)) return next;
      G = 0.5 * G + 0.5 * next; // damped: the map is a contraction only outside the bulk
    }
    return G;
  };
  const stability = (z: number, G: number): number => {
    let s = 0;
    for (let c = 0; c < kappa.length; c++) s += (weight[c] * kappa[c] * kappa[c]) / (z - eta * g * g * kappa[c] * G) ** 2;
    return g * g * s;
  };
  const m2 = weight.reduce((s, w, c) => s + w * kappa[c] * kappa[c], 0);
  let hi = 2 * g * Math.sqrt(m2) * (1 + Math.abs(eta)) + 1e-12;
  let lo = 0;
  // Walk down from outside the bulk, following the branch, until the stability condition fails.
  let G = 1 / hi;
  const steps = 400;
  for (let i = 1; i <= steps; i++) {
    const z = hi * (1 - i / steps);
    const next = resolvent(z, G);
    const inside = !(Number.isFinite(next)) || stability(z, next) >= 1 || kappa.some((k) => z - eta * g * g * k * next <= 0);
    if (inside) {
      lo = z;
      break;
    }
    hi = z;
    G = next;
  }
  for (let i = 0; i < 100 && hi - lo > 1e-13 * hi; i++) {
    const z = (lo + hi) / 2;
    const next = resolvent(z, G);
    const inside = !(Number.isFinite(next)) || stability(z, next) >= 1 || kappa.some((k) => z - eta * g * g * k * next <= 0);
    if (inside) lo = z;
    else {
      hi = z;
      G = next;
    }
  }
  return (lo + hi) / 2;
}

/** g_c = 1/(φ′(0)·λ_e(g = 1)): the gain where the linearised bulk at x = 0 reaches Re λ = 0. */
export function reciprocalCriticalGain(eta: number, classes: DegreeClasses, slopeAtZero = 1): number {
  return 1 / (slopeAtZero * reciprocalBulkEdge(1, eta, classes));
}

/** A small seeded generator for the Monte-Carlo solver (xoshiro128**, seeded by a string hash; Box–Muller normals). */
class Noise {
  #s = new Uint32Array(4);
  #spare: number | null = null;
  constructor(seed: number | string) {
    let h = 2166136261 >>> 0; // FNV-1a of the seed, then splitmix32 for the four words
    for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    for (let i = 0; i < 4; i++) {
      h = (h + 0x9e3779b9) >>> 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.#s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }
  uniform(): number {
    const s = this.#s;
    const result = Math.imul(((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = ((s[3] << 11) | (s[3] >>> 21)) >>> 0;
    return (result + 0.5) / 4294967296;
  }
  normal(): number {
    if (this.#spare !== null) {
      const v = this.#spare;
      this.#spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const a = 2 * Math.PI * this.uniform();
    this.#spare = r * Math.sin(a);
    return r * Math.cos(a);
  }
}

/** In-place radix-2 FFT (sign −1 forward, +1 inverse, unscaled); n a power of two. */
function fft(re: Float64Array, im: Float64Array, sign: number): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (sign * 2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let j = 0; j < len / 2; j++) {
        const a = i + j;
        const b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

export interface MemoryClassPrediction {
  kappa: number;
  weight: number;
  /** ⟨x²⟩ and ⟨φ²⟩ − ⟨φ⟩² of the class, with Monte-Carlo standard errors (spread over paths/√paths). */
  varX: number;
  varXError: number;
  /** Timescales of the class's normalised x-autocorrelation (no mean removed). */
  timescales: CorrelationTimescales;
  /** Emergent self-coupling s_κ = ηg²κ ∫R̄. */
  selfCoupling: number;
}

export interface MemoryMeanField {
  g: number;
  eta: number;
  phi: string;
  status: 'converged' | 'maxIter';
  iterations: number;
  /** max_τ |ΔQ(τ)|/Q(0) in the last iteration, and the Monte-Carlo error it is compared with (relative, of ⟨x²⟩). */
  change: number;
  monteCarloError: number;
  /** Lags, Q(τ) and R̄(τ) (R̄ on the memory lags 0 … memory). */
  tau: Float64Array;
  q: Float64Array;
  response: Float64Array;
  integratedResponse: number;
  classes: MemoryClassPrediction[];
  /** Spearman-free summary: Pearson correlation of κ and the class τ½ (weighted), as predicted. */
  degreeTimescaleCorrelation: number | null;
}

export interface MemoryMeanFieldOptions {
  phi?: PhiSpec;
  /** Step (default 0.1), path length after burn-in (default 409.6 τ; Q is kept to 80 τ), burn-in (default 20 τ). */
  dt?: number;
  pathTime?: number;
  burnIn?: number;
  /**
   * Memory length of R̄ (default 60 τ): it must cover R̄'s decay, which slows as η grows (at g = 1.5,
   * η = 0.6, windows of 30 τ and 205 τ paths gave τ½ = 15 where 60 τ and 410 τ give 38.5).
   */
  memory?: number;
  /** Noise paths per class (default 200), iterations (default 30), damping (default 0.5). */
  paths?: number;
  iterations?: number;
  damping?: number;
  /** Stop once the relative change of Q(0) is below tolerance × its Monte-Carlo error (default 1),
   *  after at least minIterations (default 4: R̄ starts at 0 and needs a few updates to build up). */
  tolerance?: number;
  minIterations?: number;
  seed?: number | string;
}

/**
 * The Monte-Carlo DMFT with the memory term on degree classes of an undirected network. Starts
 * from the η = 0 degree-class solution (Q = E[κ C_φ] on its D(τ), R̄ = 0), iterates until the
 * largest change of Q(τ) (relative to Q(0)) falls below tolerance × the Monte-Carlo error ('converged') or the
 * iteration budget ends ('maxIter'); the result is the last iterate either way.
 */
export function memoryMeanField(g: number, eta: number, classes: DegreeClasses, options: MemoryMeanFieldOptions = {}): MemoryMeanField {
  const where = 'memoryMeanField';
  requireFinite(where, 'g', g, 0);
  requireFinite(where, 'eta', eta, -1, 1);
  requireDegreeClasses(where, classes);
  const phi = meanFieldPhi(where, options.phi);
  const dt = requireFinite(where, 'dt', options.dt ?? 0.1, 1e-3, 0.5);
  const pathSteps = 2 ** Math.ceil(Math.log2(requireFinite(where, 'pathTime', options.pathTime ?? 409.6, 1) / dt));
  const burnSteps = Math.round(requireFinite(where, 'burnIn', options.burnIn ?? 20, 0) / dt);
  const memorySteps = Math.max(1, Math.round(requireFinite(where, 'memory', options.memory ?? 60, dt) / dt));
  const paths = requireInt(where, 'paths', options.paths ?? 200, 2, 1e5);
  const maxIter = requireInt(where, 'iterations', options.iterations ?? 30, 1, 1000);
  const damping = requireFinite(where, 'damping', options.damping ?? 0.5, 1e-3, 1);
  const minIterations = requireInt(where, 'minIterations', options.minIterations ?? Math.min(4, maxIter), 0, maxIter);
  const tolerance = requireFinite(where, 'tolerance', options.tolerance ?? 1, 0);
  const noise = new Noise(options.seed ?? 0);
  const decay = Math.exp(-dt);
  const gain = 1 - decay; // ∫₀^dt e^{−s} ds
  const { weight, kappaIn: kappa } = classes;
  const nClasses = kappa.length;
  const total = burnSteps + pathSteps; // every path is generated on a circle of 2·total samples
  const circle = 2 ** Math.ceil(Math.log2(2 * total));
  const maxLag = Math.min(pathSteps / 2, Math.round(80 / dt));
  const tau = Float64Array.from({ length: maxLag }, (_, k) => k * dt);

  // Start: the η = 0 solution (Q = E[κ C_φ] on its D(τ)), R̄ = 0.
  const start = degreeMeanField(g, classes, { phi, tauMax: (maxLag - 1) * dt, dtau: dt });
  let q = presynapticOf(start, classes, phi, maxLag);
  let response = new Float64Array(memorySteps + 1);

  let status: MemoryMeanField['status'] = 'maxIter';
  let change = Number.POSITIVE_INFINITY;
  let monteCarloError = Number.NaN;
  let iterations = 0;
  let perClass: { varX: number; varXError: number; cx: Float64Array; cphi: Float64Array; r: Float64Array }[] = [];
  const re = new Float64Array(circle);
  const im = new Float64Array(circle);
  const spectrum = new Float64Array(circle);
  const x = new Float64Array(total);
  const lagRe = new Float64Array(2 * pathSteps);
  const lagIm = new Float64Array(2 * pathSteps);
  const f = new Float64Array(total);
  for (; iterations < maxIter; iterations++) {
    // √(spectrum) of the even, circular extension of Q (negative parts from noise clipped at 0).
    re.fill(0);
    im.fill(0);
    for (let k = 0; k < circle; k++) {
      const lag = Math.min(k, circle - k);
      re[k] = lag < maxLag ? q[lag] : 0;
    }
    fft(re, im, -1);
    for (let k = 0; k < circle; k++) spectrum[k] = Math.sqrt(Math.max(re[k], 0) / circle);
    perClass = [];
    for (let c = 0; c < nClasses; c++) {
      const amplitude = g * Math.sqrt(kappa[c]);
      const memoryGain = eta * g * g * kappa[c] * dt; // ηg²κ times the quadrature weight dt of ∫R̄φ
      const cx = new Float64Array(maxLag);
      const cphi = new Float64Array(maxLag);
      const r = new Float64Array(memorySteps + 1);
      const second: number[] = [];
      for (let p = 0; p < paths; p++) {
        // ξ = Re IFFT(√S · (a + ib)): a stationary Gaussian path with covariance Q·g²κ on the circle.
        for (let k = 0; k < circle; k++) {
          re[k] = spectrum[k] * noise.normal();
          im[k] = spectrum[k] * noise.normal();
        }
        fft(re, im, 1);
        // Exponential integrator: the leak exactly, ξ by the trapezoid rule (ξ is smooth), the
        // memory sum at the left end: error O(dt²) in the noise-driven part (Euler's O(dt) would
        // lower ⟨x²⟩ by ≈ dt/2 = 5% at dt = 0.1).
        let xt = 0;
        for (let t = 0; t < total; t++) {
          let memory = 0;
          if (eta !== 0) for (let s = 1; s <= memorySteps && s <= t; s++) memory += response[s] * f[t - s];
          x[t] = xt;
          f[t] = phi.phi(xt);
          xt = decay * xt + gain * (amplitude * 0.5 * (re[t] + re[t + 1]) + memoryGain * memory);
        }
        // Autocovariances over the recorded part (no mean removed), by FFT on a zero-padded circle.
        let m2 = 0;
        for (let t = burnSteps; t < total; t++) m2 += x[t] * x[t];
        second.push(m2 / pathSteps);
        accumulateAutocovariance(x, burnSteps, pathSteps, maxLag, cx, paths, lagRe, lagIm);
        accumulateAutocovariance(f, burnSteps, pathSteps, maxLag, cphi, paths, lagRe, lagIm);
        // Tangent kick at t0 (one per path): y(0) = 1, y′ = −y + ηg²κ ∫R̄(u) φ′(x(t − u)) y(t − u) du.
        const t0 = burnSteps + Math.floor(noise.uniform() * (pathSteps - memorySteps - 1));
        const y = new Float64Array(memorySteps + 1);
        y[0] = 1;
        for (let s = 0; s < memorySteps; s++) {
          let memory = 0;
          if (eta !== 0) for (let u = 1; u <= memorySteps && u <= s; u++) memory += response[u] * phi.derivative(x[t0 + s - u]) * y[s - u];
          y[s + 1] = decay * y[s] + gain * memoryGain * memory;
        }
        for (let s = 0; s <= memorySteps; s++) r[s] += (phi.derivative(x[t0 + s]) * y[s]) / paths;
      }
      const varX = second.reduce((a, b) => a + b, 0) / paths;
      const spread = Math.sqrt(second.reduce((a, b) => a + (b - varX) ** 2, 0) / (paths - 1));
      perClass.push({ varX, varXError: spread / Math.sqrt(paths), cx, cphi, r });
    }
    const qNew = new Float64Array(maxLag);
    const rNew = new Float64Array(memorySteps + 1);
    for (let c = 0; c < nClasses; c++) {
      for (let k = 0; k < maxLag; k++) qNew[k] += weight[c] * kappa[c] * perClass[c].cphi[k];
      for (let s = 0; s <= memorySteps; s++) rNew[s] += weight[c] * kappa[c] * perClass[c].r[s];
    }
    // The whole curve, not just Q(0): the memory term builds Q's slow tail over many iterations.
    change = qNew.reduce((m, v, k) => Math.max(m, Math.abs(v - q[k])), 0) / q[0];
    monteCarloError = perClass.reduce((s, p, c) => s + weight[c] * kappa[c] * (p.varXError / Math.max(p.varX, 1e-300)), 0);
    q = Float64Array.from(q, (v, k) => v + damping * (qNew[k] - v));
    response = Float64Array.from(response, (v, s) => v + damping * (rNew[s] - v));
    if (iterations >= minIterations && change < tolerance * monteCarloError) {
      iterations++;
      status = 'converged';
      break;
    }
  }
  let integratedResponse = 0;
  for (let s = 1; s <= memorySteps; s++) integratedResponse += response[s] * dt;
  const predictions = perClass.map((p, c) => ({
    kappa: kappa[c], weight: weight[c], varX: p.varX, varXError: p.varXError,
    timescales: correlationTimescales(tau, p.cx),
    selfCoupling: eta * g * g * kappa[c] * integratedResponse,
  }));
  return {
    g, eta, phi: phi.name, status, iterations, change, monteCarloError, tau, q, response, integratedResponse,
    classes: predictions, degreeTimescaleCorrelation: weightedCorrelation(predictions.map((p) => p.kappa), predictions.map((p) => p.timescales.tauHalf), weight),
  };
}

/** cov[lag] += Σ_t v_t v_{t+lag} / (length − lag) / paths over v[from … from + length), by FFT. */
function accumulateAutocovariance(
  v: Float64Array, from: number, length: number, maxLag: number, cov: Float64Array, paths: number, re: Float64Array, im: Float64Array,
): void {
  re.fill(0);
  im.fill(0);
  for (let t = 0; t < length; t++) re[t] = v[from + t];
  fft(re, im, -1);
  for (let k = 0; k < re.length; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fft(re, im, 1);
  for (let lag = 0; lag < maxLag; lag++) cov[lag] += re[lag] / re.length / (length - lag) / paths;
}

/** Q(τ) = Σ w κ_out F_c(κ D(τ); κ D0) of an η = 0 solution, on its grid. */
function presynapticOf(base: ReturnType<typeof degreeMeanField>, classes: DegreeClasses, phi: ReturnType<typeof meanFieldPhi>, maxLag: number): Float64Array {
  const q = new Float64Array(maxLag);
  if (base.status !== 'chaotic') return q.fill(1e-3); // a small seed of activity
  const series = classSeriesFor(base, classes, phi);
  for (let k = 0; k < maxLag; k++) {
    let s = 0;
    for (let c = 0; c < series.length; c++) s += classes.weight[c] * classes.kappaOut[c] * series[c](classes.kappaIn[c] * base.delta[k]);
    q[k] = s;
  }
  return q;
}

function classSeriesFor(base: ReturnType<typeof degreeMeanField>, classes: DegreeClasses, phi: ReturnType<typeof meanFieldPhi>) {
  return Array.from(classes.kappaIn, (kappa) => {
    const s = pairCorrelationAt(phi, kappa * base.delta0);
    return (c: number) => s.correlation(c);
  });
}


/** Weighted Pearson correlation (null when undefined). */
function weightedCorrelation(a: number[], b: number[], w: ArrayLike<number>): number | null {
  const keep = a.map((_, i) => i).filter((i) => Number.isFinite(a[i]) && Number.isFinite(b[i]));
  if (keep.length < 2) return null;
  const W = keep.reduce((s, i) => s + w[i], 0);
  const ma = keep.reduce((s, i) => s + w[i] * a[i], 0) / W;
  const mb = keep.reduce((s, i) => s + w[i] * b[i], 0) / W;
  let sab = 0, saa = 0, sbb = 0;
  for (const i of keep) {
    sab += w[i] * (a[i] - ma) * (b[i] - mb);
    saa += w[i] * (a[i] - ma) ** 2;
    sbb += w[i] * (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}
