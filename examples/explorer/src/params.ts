/**
 * The explorer's parameters: one table of controls (range, default, which models use them), the
 * parser that turns text (a form field, a URL query) into checked values with a message per bad
 * field, and the URL encoding that makes a view shareable. No DOM here: the Node test imports it.
 */

export const MODELS = ['gaussian', 'lognormal', 'random-mode', 'ei'] as const;
export type Model = (typeof MODELS)[number];
export const PHIS = ['tanh', 'erf', 'sigmoid', 'relu', 'linear'] as const;
export type Phi = (typeof PHIS)[number];

export interface Params {
  model: Model;
  /** Network size N. */
  n: number;
  /** Gain g (E/I: the excitatory weight J before its 1/√K scaling). */
  g: number;
  /** Reciprocal correlation η = corr(J_ij, J_ji) (Gaussian, lognormal). */
  eta: number;
  /** Mean degree K (lognormal, E/I). */
  k: number;
  /** Coefficient of variation of the degrees (lognormal). */
  cv: number;
  /** Correlation of a neuron's log in- and log out-degree (lognormal). */
  rho: number;
  seed: string;
  phi: Phi;
  /** Dynamics length, transient included (τ). */
  t: number;
  /** Spiking coupling J_c (w_ij = J_c ξ_ij/√(pN)). */
  jc: number;
}

export type ParamName = keyof Params;

interface NumberControl {
  kind: 'number';
  label: string;
  unit?: string;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  /** Models that use it (all when absent); the others grey it out. */
  models?: readonly Model[];
  help: string;
}

interface ChoiceControl {
  kind: 'choice';
  label: string;
  options: readonly string[];
  help: string;
}

interface TextControl {
  kind: 'text';
  label: string;
  help: string;
}

export type Control = NumberControl | ChoiceControl | TextControl;

/** Sizes above this take more than ~10 s for the dense spectrum on a 2-core machine. */
export const MAX_N = 2000;

export const CONTROLS: Record<ParamName, Control> = {
  model: { kind: 'choice', label: 'model', options: MODELS, help: 'connectivity model' },
  n: { kind: 'number', label: 'N', min: 10, max: MAX_N, step: 10, integer: true, help: 'number of neurons' },
  g: { kind: 'number', label: 'g', min: 0, max: 5, step: 0.05, help: 'coupling gain (E/I: weight J)' },
  eta: { kind: 'number', label: 'η', min: -1, max: 1, step: 0.05, models: ['gaussian', 'lognormal'], help: 'corr(J_ij, J_ji)' },
  k: { kind: 'number', label: 'K', min: 1, max: MAX_N, step: 1, models: ['lognormal', 'ei'], help: 'mean degree (< N)' },
  cv: { kind: 'number', label: 'CV', min: 0, max: 3, step: 0.05, models: ['lognormal'], help: 'CV of the degrees' },
  rho: { kind: 'number', label: 'ρ in/out', min: -1, max: 1, step: 0.05, models: ['lognormal'], help: 'corr(log k_in, log k_out)' },
  seed: { kind: 'text', label: 'seed', help: 'any number or text' },
  phi: { kind: 'choice', label: 'φ', options: PHIS, help: 'nonlinearity' },
  t: { kind: 'number', label: 'T', unit: 'τ', min: 20, max: 2000, step: 10, help: 'dynamics length (transient included)' },
  jc: { kind: 'number', label: 'J_c', unit: 'mV', min: 0, max: 30, step: 0.5, help: 'spiking coupling' },
};

export const DEFAULTS: Params = {
  model: 'gaussian', n: 400, g: 1.5, eta: 0, k: 50, cv: 1, rho: 0.5, seed: '1', phi: 'tanh', t: 200, jc: 10,
};

export const PARAM_NAMES = Object.keys(CONTROLS) as ParamName[];

/** Whether `model` uses parameter `name`. */
export function usedBy(name: ParamName, model: Model): boolean {
  const c = CONTROLS[name];
  return c.kind !== 'number' || c.models === undefined || c.models.includes(model);
}

export type ParseResult = { params: Params; errors: Partial<Record<ParamName, string>> };

/**
 * Parses text values over `base`: each field that is missing keeps base's value, each bad one
 * keeps base's value and gets a message naming the field and its allowed range. Cross-field rules
 * (K < N for the sparse models) are checked on the result.
 */
export function parseParams(raw: Partial<Record<ParamName, string>>, base: Params = DEFAULTS): ParseResult {
  const params: Params = { ...base };
  const errors: Partial<Record<ParamName, string>> = {};
  const out = params as unknown as Record<ParamName, string | number>;
  for (const name of PARAM_NAMES) {
    const text = raw[name];
    if (text === undefined) continue;
    const c = CONTROLS[name];
    if (c.kind === 'choice') {
      if (c.options.includes(text)) out[name] = text;
      else errors[name] = `${c.label} must be one of ${c.options.join(', ')} (got '${text}')`;
    } else if (c.kind === 'text') {
      if (text.trim() === '') errors[name] = `${c.label} must not be empty`;
      else out[name] = text.trim();
    } else {
      const trimmed = text.trim();
      // Number('') is 0 and Number('1e') is NaN; require the whole field to be a decimal number.
      const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
      const range = `${c.min} ≤ ${c.label} ≤ ${c.max}`;
      if (!Number.isFinite(value)) errors[name] = `${c.label} must be a number (got '${text}')`;
      else if (c.integer && !Number.isInteger(value)) errors[name] = `${c.label} must be a whole number, ${range} (got ${value})`;
      else if (value < c.min || value > c.max) errors[name] = `${c.label} must satisfy ${range} (got ${value})`;
      else out[name] = value;
    }
  }
  if (usedBy('k', params.model) && params.k >= params.n && errors.k === undefined && errors.n === undefined) {
    errors.k = `K must be below N = ${params.n} for the ${params.model} model (got ${params.k})`;
    params.k = base.k < params.n ? base.k : Math.max(1, Math.floor(params.n / 2));
  }
  return { params, errors };
}

/** The query string of a view (only the values that differ from the defaults). */
export function toQuery(params: Params): string {
  const query = new URLSearchParams();
  for (const name of PARAM_NAMES) if (params[name] !== DEFAULTS[name]) query.set(name, String(params[name]));
  return query.toString();
}

/** Parses a query string (`?n=1000&g=2`) over the defaults. */
export function fromQuery(search: string): ParseResult {
  const query = new URLSearchParams(search);
  const raw: Partial<Record<ParamName, string>> = {};
  for (const name of PARAM_NAMES) {
    const value = query.get(name);
    if (value !== null) raw[name] = value;
  }
  return parseParams(raw);
}

/** The rnnkit `network()` options of a view: every panel's rate network is this one. */
export function networkOptions(p: Params, overrides: { n?: number; g?: number } = {}) {
  const n = overrides.n ?? p.n;
  const g = overrides.g ?? p.g;
  switch (p.model) {
    case 'gaussian': return { model: 'gaussian', n, g, eta: p.eta, seed: p.seed } as const;
    case 'lognormal': return { model: 'lognormal', n, k: Math.min(p.k, n - 1), cv: p.cv, degreeCorrelation: p.rho, g, eta: p.eta, seed: p.seed } as const;
    case 'random-mode': return { model: 'random-mode', n, g, seed: p.seed } as const;
    case 'ei': return { model: 'ei', n, k: Math.min(p.k, n - 1), j: g, seed: p.seed } as const;
  }
}
