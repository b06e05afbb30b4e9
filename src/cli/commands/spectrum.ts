/**
 * `rnnkit spectrum`: eigenvalues of a network's connectivity, of the Jacobian of dx/dt = −x + J·φ(x)
 * at a state, or of the symmetric part (J + Jᵀ)/2 — Arnoldi/Lanczos for --nev of them, the dense
 * solver with --all — with the spectral law that applies beside the numbers.
 */
import { deriveSeed } from '../../random/seed.js';
import { nonlinearity } from '../../dynamics/nonlinearity.js';
import { jacobianAtRestLaw, symmetricPartSemicircleEdge } from '../../theory/spectral-laws.js';
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  DenseMatrix, denseFromOperator, eigDense, type EigenResult, eigs, eigsh, inverseParticipationRatio, jacobianOperator,
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
  return net;
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
      .option('--max-restarts <r>', 'restarts before giving up (default max(1000, n))', intArg('--max-restarts', 0)),
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
      const op = operatorFor(options, net, seed);
      let result: EigenResult;
      let solveMs: number;
      if (options.all) {
        const values = op === net && net.matrix instanceof DenseMatrix ? net.matrix.data.toArray() : denseFromOperator(rt, op);
        const start = performance.now();
        result = eigDense(rt, { n: net.n, values }, {
          vectors: options.vectors, symmetric, ...(symmetric ? {} : { which: options.which as NonsymmetricWhich }),
        });
        solveMs = performance.now() - start;
      } else {
        const common = { k: options.nev, tol: options.tol, ncv: options.ncv, maxRestarts: options.maxRestarts, seed, vectors: options.vectors };
        const start = performance.now();
        result = symmetric
          ? eigsh(rt, op, { ...common, which: symmetricWhich })
          : eigs(rt, op, { ...common, which: options.which as NonsymmetricWhich });
        solveMs = performance.now() - start;
      }
      const theory = theoryFor(options, net);
      const report = {
        network: { model: net.model, n: net.n, seed: net.seed, params: net.params },
        operator: options.operator,
        ...(options.operator === 'jacobian' ? { nonlinearity: options.nonlinearity, stateStd: options.stateStd } : {}),
        solver: options.all ? (symmetric ? 'dense-symmetric' : 'dense') : symmetric ? 'lanczos' : 'arnoldi',
        which: options.which,
        status: result.status,
        eigenvalues: result.eigenvalues,
        residuals: result.residuals,
        iterations: result.iterations,
        matvecs: result.matvecs,
        spectralRadius: spectralRadiusOf(result.eigenvalues),
        ...(theory ? { theory } : {}),
        ...(result.vectors ? { ipr: result.vectors.map((v) => inverseParticipationRatio(v)) } : {}),
        timing: { solveMs },
      };
      emit(options, report, formatSpectrum);
    }),
  );
}

function formatSpectrum(report: {
  network: Record<string, unknown>; operator: string; solver: string; which: string; status: string;
  eigenvalues: { re: number; im: number }[]; residuals: number[]; iterations: number; matvecs: number;
  spectralRadius: number; theory?: object; ipr?: number[]; timing: { solveMs: number };
}): string {
  const table = new Table({ head: ['#', 'Re λ', 'Im λ', '|λ|', 'residual', ...(report.ipr ? ['IPR'] : [])], style: { head: [], border: [] } });
  report.eigenvalues.slice(0, 50).forEach((e, i) => {
    const residual = report.residuals[i];
    table.push([i + 1, e.re.toFixed(6), e.im.toFixed(6), Math.hypot(e.re, e.im).toFixed(6),
      residual === undefined ? '—' : residual.toExponential(2), ...(report.ipr ? [report.ipr[i].toExponential(3)] : [])]);
  });
  const more = report.eigenvalues.length > 50 ? `\n(${report.eigenvalues.length - 50} more with --json)` : '';
  const theory = report.theory ? `\ntheory: ${JSON.stringify(report.theory)}` : '';
  const { model, n } = report.network;
  return `rnnkit spectrum: ${String(model)} network, n = ${String(n)}, ${report.operator}, ${report.solver}, which ${report.which}\n` +
    `${table.toString()}${more}\nstatus ${report.status}, ${report.iterations} iterations, ${report.matvecs} products, ` +
    `spectral radius ${report.spectralRadius.toFixed(6)}, solve ${report.timing.solveMs.toFixed(1)} ms${theory}`;
}
