/**
 * `rnnkit spectrum`: eigenvalues of a network's connectivity, of the Jacobian of dx/dt = −x + J·φ(x)
 * at a state, or of the symmetric part (J + Jᵀ)/2 — Arnoldi/Lanczos for --nev of them, the dense
 * solver with --all — with the spectral law that applies beside the numbers, and for every eigenvalue
 * its residual, condition number and accuracy bound. A solve that did not converge exits 2.
 */
import { deriveSeed } from '../../random/seed.js';
import { nonlinearity } from '../../dynamics/nonlinearity.js';
import { jacobianAtRestLaw, symmetricPartSemicircleEdge } from '../../theory/spectral-laws.js';
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  DenseMatrix, denseFromOperator, eigDense, type EigenResult, eigs, eigsh, inverseParticipationRatio, jacobianOperator, type KrylovResult,
  type LinearOperator, NONLINEARITIES, type Network, type NonlinearityName, spectralRadiusOf, symmetricPartOperator,
  type TransposableOperator,
} from '../../index.js';
import { load } from '../../load.js';
import { action, emit, intArg, numberArg, seedOf, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';

const OPERATORS = ['connectivity', 'jacobian', 'symmetric'] as const;
type OperatorName = (typeof OPERATORS)[number];
const WHICH = ['LM', 'LR', 'SR', 'LI', 'SI', 'LA', 'SA', 'BE'] as const;
type NonsymmetricWhich = 'LM' | 'LR' | 'SR' | 'LI' | 'SI';
/** For the symmetric operator: LR/SR mean largest/smallest algebraic. */
const SYMMETRIC_WHICH_OF: Record<string, 'LA' | 'SA' | 'LM' | 'BE' | undefined> = { LM: 'LM', LR: 'LA', SR: 'SA', LA: 'LA', SA: 'SA', BE: 'BE' };

interface SpectrumOptions extends NetworkCliOptions {
  operator: OperatorName;
  nonlinearity: NonlinearityName;
  stateStd: number;
  nev: number;
  which: (typeof WHICH)[number];
  all?: boolean;
  vectors?: boolean;
  tol: number;
  ncv?: number;
  maxRestarts?: number;
  condition: boolean;
}

/**
 * The law for the chosen operator: the model's theory for J; at x = 0 the Jacobian's spectrum is
 * −1 + φ′(0)·spec(J); the symmetric part of a Gaussian network (variance g²(1 + η)/(2N) off the
 * diagonal) follows Wigner's semicircle on ±g·√(2(1 + η)).
 */
function theoryFor(options: SpectrumOptions, net: Network) {
  const { theory } = net;
  if (theory.law === 'none' || theory.bulkRadius === null) return undefined;
  if (options.operator === 'connectivity') return theory;
  if (options.operator === 'jacobian') {
    if (options.stateStd !== 0) return undefined;
    return jacobianAtRestLaw(theory, nonlinearity(options.nonlinearity).slopeAtZero);
  }
  if (net.model !== 'gaussian') return undefined;
  const g = Number(net.params.g ?? 1);
  const eta = Number(net.params.eta ?? 0);
  return { law: 'Wigner semicircle for (J + Jᵀ)/2', edge: symmetricPartSemicircleEdge(g, eta) };
}

/** The operator whose spectrum is asked for (disposed by the process exit; the CLI runs once). */
function operatorFor(options: SpectrumOptions, net: Network, seed: number | string): LinearOperator {
  const rt = net.rt;
  if (options.operator === 'jacobian') {
    using rng = rt.rng(deriveSeed(seed, 'state'));
    using state = rng.normal(net.n, 0, options.stateStd);
    return jacobianOperator(rt, net, state, options.nonlinearity);
  }
  if (options.operator === 'symmetric') {
    if (net.matrix === null) throw new RangeError('--operator symmetric needs a materialised matrix (random-mode networks: build them dense)');
    return symmetricPartOperator(rt, net.matrix as TransposableOperator);
  }
  // The matrix itself when materialised: it also multiplies by Jᵀ (left eigenvectors, condition numbers).
  return net.matrix ?? net;
}

export function registerSpectrum(program: Command): void {
  withCommonOptions(
    withNetworkOptions(
      program
        .command('spectrum')
        .description('eigenvalues of a network (connectivity, Jacobian or symmetric part): Arnoldi/Lanczos, or all with --all'),
    )
      .addOption(new Option('--operator <name>', 'which matrix').choices(OPERATORS).default('connectivity'))
      .addOption(new Option('--nonlinearity <φ>', 'φ of the Jacobian −I + J·diag(φ′(x))').choices(NONLINEARITIES).default('tanh'))
      .option('--state-std <s>', 'Jacobian state x ~ N(0, s²) from the seed (0: x = 0)', numberArg('--state-std', 0), 0)
      .option('--nev <k>', 'number of eigenvalues (--k is the network\'s mean degree)', intArg('--nev', 1), 10)
      .addOption(new Option('--which <which>', 'which eigenvalues (LA/SA/BE: symmetric only)').choices(WHICH).default('LM'))
      .option('--all', 'all eigenvalues with the dense solver (n up to a few thousand)')
      .option('--vectors', 'also compute eigenvectors and report their inverse participation ratios')
      .option('--tol <tol>', 'relative residual tolerance', numberArg('--tol', 0), 1e-10)
      .option('--ncv <m>', 'Krylov subspace size', intArg('--ncv', 2))
      .option('--max-restarts <r>', 'restarts before giving up (default max(1000, n))', intArg('--max-restarts', 0))
      .option('--no-condition', 'skip the condition numbers (Arnoldi: saves the solve with Jᵀ)'),
  ).action(
    action('spectrum', async (options: SpectrumOptions) => {
      const seed = seedOf(options);
      const symmetric = options.operator === 'symmetric';
      const symmetricWhich = SYMMETRIC_WHICH_OF[options.which];
      if (symmetric && !symmetricWhich) {
        throw new InvalidArgumentError(`--which ${options.which} does not apply to a symmetric operator (use LM, LR/LA, SR/SA or BE).`);
      }
      if (!symmetric && ['LA', 'SA', 'BE'].includes(options.which)) {
        throw new InvalidArgumentError(`--which ${options.which} applies to --operator symmetric only (use LM, LR, SR, LI or SI).`);
      }
      const rt = await load();
      const net = await networkFromOptions(rt, options, seed, 'gaussian');
      if (!options.all) requireKrylovSizes(options, net.n, symmetric);
      const op = operatorFor(options, net, seed);
      let result: EigenResult;
      let solveMs: number;
      if (options.all) {
        const values = op === net && net.matrix instanceof DenseMatrix ? net.matrix.data.toArray() : denseFromOperator(rt, op);
        const start = performance.now();
        result = eigDense(rt, { n: net.n, values }, {
          vectors: options.vectors, symmetric, tol: options.tol, condition: options.condition,
          ...(symmetric ? {} : { which: options.which as NonsymmetricWhich }),
        });
        solveMs = performance.now() - start;
      } else {
        const common = {
          k: options.nev, tol: options.tol, ncv: options.ncv, maxRestarts: options.maxRestarts, seed, vectors: options.vectors, condition: options.condition,
        };
        const start = performance.now();
        result = symmetric
          ? eigsh(rt, op, { ...common, which: symmetricWhich })
          : eigs(rt, op, { ...common, which: options.which as NonsymmetricWhich });
        solveMs = performance.now() - start;
      }
      const theory = theoryFor(options, net);
      const krylov = 'nConverged' in result ? (result as KrylovResult) : null;
      const report = {
        network: { model: net.model, n: net.n, seed: net.seed, params: net.params },
        operator: options.operator,
        ...(options.operator === 'jacobian' ? { nonlinearity: options.nonlinearity, stateStd: options.stateStd } : {}),
        solver: options.all ? (symmetric ? 'dense-symmetric' : 'dense') : symmetric ? 'lanczos' : 'arnoldi',
        which: options.which,
        status: result.status,
        ...(krylov ? { requested: options.nev, nConverged: krylov.nConverged, kRaised: krylov.kRaised, ncv: krylov.ncv } : {}),
        eigenvalues: result.eigenvalues,
        residuals: result.residuals,
        // JSON has no ∞/NaN: null marks κ = ∞ (yᴴx = 0) or not estimated (see warnings).
        conditions: result.conditions.map(finiteOrNull),
        errorBounds: result.errorBounds.map(finiteOrNull),
        illConditioned: result.illConditioned,
        warnings: result.warnings,
        iterations: result.iterations,
        matvecs: result.matvecs,
        spectralRadius: spectralRadiusOf(result.eigenvalues),
        ...(theory ? { theory } : {}),
        ...(result.vectors ? { ipr: result.vectors.map((v) => inverseParticipationRatio(v)) } : {}),
        timing: { solveMs },
      };
      emit(options, report, formatSpectrum);
      // Not what was asked (fewer eigenvalues than --nev, or none): partial results, non-zero exit.
      if (result.status !== 'converged') process.exitCode = 2;
    }),
  );
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * --nev and --ncv against n, in the CLI's words (the API's messages name k and ncv): Arnoldi needs
 * nev ≤ n − 2 and nev + 2 ≤ ncv ≤ n, Lanczos nev ≤ n − 1 and nev + 1 ≤ ncv ≤ n.
 */
function requireKrylovSizes(options: SpectrumOptions, n: number, symmetric: boolean): void {
  const method = symmetric ? 'Lanczos' : 'Arnoldi';
  const kMax = symmetric ? n - 1 : n - 2;
  if (kMax < 1) {
    throw new InvalidArgumentError(`n = ${n} is too small for ${method} (needs n ≥ ${symmetric ? 2 : 3}): use --all for all eigenvalues.`);
  }
  if (options.nev > kMax) {
    throw new InvalidArgumentError(
      `--nev must be at most n ${symmetric ? '− 1' : '− 2'} = ${kMax} for ${method} (got ${options.nev}): use --all for all ${n} eigenvalues.`,
    );
  }
  const ncvMin = options.nev + (symmetric ? 1 : 2);
  if (options.ncv !== undefined && (options.ncv < ncvMin || options.ncv > n)) {
    throw new InvalidArgumentError(`--ncv must be in [--nev + ${symmetric ? 1 : 2}, n] = [${ncvMin}, ${n}] (got ${options.ncv}).`);
  }
}

function formatSpectrum(report: {
  network: Record<string, unknown>; operator: string; solver: string; which: string; status: string;
  requested?: number; nConverged?: number;
  eigenvalues: { re: number; im: number }[]; residuals: number[]; conditions: (number | null)[]; errorBounds: (number | null)[];
  illConditioned: boolean[]; warnings: string[]; iterations: number; matvecs: number;
  spectralRadius: number; theory?: object; ipr?: number[]; timing: { solveMs: number };
}): string {
  const table = new Table({
    head: ['#', 'Re λ', 'Im λ', '|λ|', 'residual', 'κ', 'bound', '', ...(report.ipr ? ['IPR'] : [])], style: { head: [], border: [] },
  });
  const exp = (x: number | null | undefined, unknown: string) => (x === undefined ? '—' : x === null ? unknown : x.toExponential(2));
  report.eigenvalues.slice(0, 50).forEach((e, i) => {
    table.push([i + 1, e.re.toFixed(6), e.im.toFixed(6), Math.hypot(e.re, e.im).toFixed(6),
      exp(report.residuals[i], '—'), exp(report.conditions[i], '∞/?'), exp(report.errorBounds[i], '∞/?'),
      report.illConditioned[i] ? 'ILL-CONDITIONED' : '', ...(report.ipr ? [report.ipr[i].toExponential(3)] : [])]);
  });
  const more = report.eigenvalues.length > 50 ? `\n(${report.eigenvalues.length - 50} more with --json)` : '';
  const theory = report.theory ? `\ntheory: ${JSON.stringify(report.theory)}` : '';
  const { model, n } = report.network;
  const partial = report.status === 'converged' ? '' :
    `\nNOT CONVERGED (${report.status}): ${report.eigenvalues.length === 0 ? 'no eigenvalue' : `only ${report.eigenvalues.length}`}` +
    `${report.requested === undefined ? '' : ` of the ${report.requested} asked for`} converged; the table holds partial results`;
  const warnings = report.warnings.map((w) => `\nwarning: ${w}`).join('');
  return `rnnkit spectrum: ${String(model)} network, n = ${String(n)}, ${report.operator}, ${report.solver}, which ${report.which}\n` +
    `${report.eigenvalues.length > 0 ? table.toString() : '(no converged eigenvalues)'}${more}\nstatus ${report.status}, ${report.iterations} iterations, ${report.matvecs} products, ` +
    `spectral radius ${report.eigenvalues.length > 0 ? report.spectralRadius.toFixed(6) : 'unknown'}, solve ${report.timing.solveMs.toFixed(1)} ms${theory}${partial}${warnings}`;
}
