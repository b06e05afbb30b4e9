/**
 * The network options every command that builds a network shares (`rnnkit network`, `simulate`,
 * `lyapunov`, `sweep`, `spectrum`, …): `--model` with its parameters, or `--matrix FILE`.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { MODELS, type ModelName, network, type NetworkOptions } from '../connectivity/index.js';
import type { Network } from '../connectivity/network.js';
import { readNetworkFile } from '../io/files.js';
import { DTYPES } from '../linalg/f32.js';
import type { Runtime } from '../runtime.js';
import { intArg, numberArg, warn } from './common.js';

/** The CLI options each model takes, as API option names (flags are their kebab-case forms). */
const MODEL_OPTIONS: Record<ModelName, string[]> = {
  gaussian: ['n', 'g', 'j0', 'eta', 'selfCoupling', 'dtype'],
  lognormal: ['n', 'k', 'cv', 'degreeCorr', 'g', 'j0', 'eta', 'undirected', 'dtype'],
  'random-mode': ['n', 'g', 'rank', 'spectrum', 'alpha', 'overlap', 'orthonormal'],
  ei: ['n', 'k', 'fracExc', 'inDegree', 'j', 'gamma', 'jitter'],
  lowrank: ['n', 'g', 'rank', 'overlap', 'selfCoupling'],
  'sparse-gaussian': ['n', 'p', 'g', 'dtype'],
};
const ALL_OPTIONS = [...new Set(Object.values(MODEL_OPTIONS).flat())];
const flag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export interface NetworkCliOptions extends Record<string, unknown> {
  json?: boolean;
  seed: string;
  model?: ModelName;
  matrix?: string;
}

/** `power`, `exponential` or `list:s1,s2,…`. */
function spectrumArg(raw: string): string | number[] {
  if (raw === 'power' || raw === 'exponential') return raw;
  const list = raw.startsWith('list:') ? raw.slice(5).split(',').map((s) => (s.trim() === '' ? NaN : Number(s))) : [];
  if (list.length === 0 || list.some((s) => !Number.isFinite(s) || s < 0)) {
    throw new InvalidArgumentError('--spectrum must be power, exponential or list:s1,s2,… with finite s ≥ 0.');
  }
  return list;
}

/** The API options for `model` from the parsed flags; flags of other models are errors. */
function modelOptions(model: ModelName, options: NetworkCliOptions, seed: number | string): NetworkOptions {
  const allowed = MODEL_OPTIONS[model];
  const stray = ALL_OPTIONS.filter((name) => options[name] !== undefined && !allowed.includes(name));
  if (stray.length > 0) throw new RangeError(`${stray.map(flag).join(', ')} do(es) not apply to --model ${model}`);
  const picked: Record<string, unknown> = { model, seed };
  for (const name of allowed) if (options[name] !== undefined) picked[name === 'degreeCorr' ? 'degreeCorrelation' : name] = options[name];
  picked.n ??= 1000;
  if (allowed.includes('k')) picked.k ??= 100;
  return picked as unknown as NetworkOptions;
}

/** Adds --model, --matrix and every model parameter flag. */
export function withNetworkOptions(command: Command): Command {
  return command
    .addOption(new Option('--model <model>', 'connectivity model').choices(MODELS))
    .option('--matrix <file>', 'load a MatrixMarket (.mtx) or CSV edge list (.csv: post,pre,weight) instead')
    .option('--n <n>', 'number of neurons (default 1000)', intArg('--n', 1))
    .option('--g <g>', 'gain g', numberArg('--g', 0))
    .option('--eta <eta>', 'partial symmetry corr(J_ij, J_ji)', numberArg('--eta', -1, 1))
    .option('--j0 <j0>', 'mean coupling J0', numberArg('--j0'))
    .option('--k <k>', 'mean in-degree K (default 100)', numberArg('--k', 0))
    .option('--cv <cv>', 'coefficient of variation of the degrees', numberArg('--cv', 0))
    .option('--degree-corr <rho>', 'correlation of log in- and out-degree', numberArg('--degree-corr', -1, 1))
    .option('--spectrum <spec>', 'power | exponential | list:s1,s2,…', spectrumArg)
    .option('--alpha <alpha>', 'spectral decay exponent/rate', numberArg('--alpha', 0))
    .option('--rank <rank>', 'number of modes / rank of the structure', intArg('--rank', 1))
    .option('--overlap <rho>', 'overlap between input and output modes', numberArg('--overlap', -1, 1))
    .option('--orthonormal', 'exactly orthonormal modes (random-mode)')
    .option('--frac-exc <f>', 'fraction of excitatory neurons (ei)', numberArg('--frac-exc', 0, 1))
    .option('--gamma <gamma>', 'relative inhibition γ (ei)', numberArg('--gamma', 0))
    .option('--j <j>', 'excitatory weight J before 1/√K (ei)', numberArg('--j'))
    .option('--jitter <cv>', 'CV of a lognormal weight jitter (ei)', numberArg('--jitter', 0))
    .addOption(new Option('--in-degree <mode>', 'fixed in-degree per block or connection probability (ei)').choices(['fixed', 'probability']))
    .option('--self-coupling', 'draw J_ii too (gaussian, lowrank)')
    .option('--p <p>', 'connection probability (sparse-gaussian; default 0.1)', numberArg('--p', 0, 1))
    .addOption(new Option('--dtype <dtype>', 'weight storage: f64, or f32 written directly by the generator (gaussian, lognormal, sparse-gaussian)').choices(DTYPES));
}

/** The numeric model parameters (API names) a sweep may vary. */
export const NUMERIC_NETWORK_PARAMETERS = ['n', 'g', 'eta', 'j0', 'k', 'cv', 'degreeCorr', 'alpha', 'rank', 'overlap', 'fracExc', 'gamma', 'j', 'jitter', 'p'];

/**
 * The network the options describe: loaded from --matrix, or generated by --model (falling back
 * to `defaultModel` when neither is given; without a default, exactly one is required).
 */
export async function networkFromOptions(
  rt: Runtime, options: NetworkCliOptions, seed: number | string, defaultModel?: ModelName,
): Promise<Network> {
  if (options.model !== undefined && options.matrix !== undefined) throw new RangeError('give only one of --model <model> and --matrix <file>');
  if (options.matrix !== undefined) return readNetworkFile(rt, options.matrix);
  const model = options.model ?? defaultModel;
  if (model === undefined) throw new RangeError('give exactly one of --model <model> and --matrix <file>');
  const net = network(rt, modelOptions(model, options, seed));
  warn(net.warnings);
  return net;
}
