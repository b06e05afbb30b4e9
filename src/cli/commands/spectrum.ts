/**
 * `rnnkit spectrum`: eigenvalues of a network's connectivity, of the Jacobian of dx/dt = −x + J·φ(x)
 * at a state, or of the symmetric part (J + Jᵀ)/2 — Arnoldi/Lanczos for k of them, the dense solver
 * with --all — with the spectral law that applies beside the numbers.
 */
import { readFile } from 'node:fs/promises';
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  circularLawRadius, csrDegrees, CsrMatrix, DenseMatrix, degreeHeterogeneousRadius, denseFromOperator, eigDense, eigs,
  eigsh, type EigenResult, inverseParticipationRatio, jacobianOperator, type LinearOperator, NONLINEARITIES,
  type NonlinearityName, type Runtime, spectralRadiusOf, symmetricPartOperator,
} from '../../index.js';
import { load } from '../../runtime.js';
import { action, emit, intArg, numberArg, seedOf, withCommonOptions } from '../common.js';

const OPERATORS = ['connectivity', 'jacobian', 'symmetric'] as const;
type OperatorName = (typeof OPERATORS)[number];
const WHICH = ['LM', 'LR', 'SR', 'LI', 'SI', 'LA', 'SA', 'BE'] as const;

interface NetworkOptions {
  matrix?: string;
  n: number;
  g: number;
  sparseK?: number;
}

interface SpectrumOptions extends NetworkOptions {
  json?: boolean;
  seed: string;
  operator: OperatorName;
  nonlinearity: NonlinearityName;
  stateStd: number;
  k: number;
  which: (typeof WHICH)[number];
  all?: boolean;
  vectors?: boolean;
  tol: number;
  ncv?: number;
  maxRestarts?: number;
}

/** A network, what it is, and the bulk law its construction implies (radius of J's spectrum), if any. */
interface Network {
  matrix: DenseMatrix | CsrMatrix;
  description: Record<string, unknown>;
  bulkRadius: number | null;
}

/**
 * Network options (interim, until the shared connectivity options land): a dense Gaussian
 * J_ij ~ N(0, g²/N), a random sparse J with K entries per row and weights N(0, g²/K), or --matrix
 * with a JSON file {n, values} (dense, row-major) or {nRows, nCols, rowPtr, colIdx, values} (CSR).
 */
function addNetworkOptions(command: Command): Command {
  return command
    .option('--matrix <file>', 'JSON matrix: {n, values} dense row-major or {nRows, nCols, rowPtr, colIdx, values} CSR')
    .option('--n <n>', 'number of neurons', intArg('--n', 3, 1_000_000), 1000)
    .option('--g <g>', 'coupling gain g (bulk radius)', numberArg('--g', 0), 1)
    .option('--sparse-k <K>', 'sparse network: K random presynaptic partners per neuron, weights N(0, g²/K)', intArg('--sparse-k', 1));
}

async function networkFromOptions(rt: Runtime, options: NetworkOptions, seed: number | string): Promise<Network> {
  if (options.matrix) {
    const parsed = JSON.parse(await readFile(options.matrix, 'utf8')) as Record<string, unknown>;
    const matrix = 'rowPtr' in parsed
      ? rt.csr(parsed as never)
      : rt.dense(Number(parsed.n), Number(parsed.n), parsed.values as ArrayLike<number>);
    return { matrix, description: { source: options.matrix, n: matrix.nRows }, bulkRadius: null };
  }
  const { n, g } = options;
  using rng = rt.rng(seed);
  if (options.sparseK === undefined) {
    const matrix = rt.dense(n, n);
    rng.normalInto(matrix.data, 0, g / Math.sqrt(n));
    return { matrix, description: { kind: 'gaussian', n, g, seed }, bulkRadius: circularLawRadius(g) };
  }
  const k = options.sparseK;
  if (k >= n) throw new InvalidArgumentError(`--sparse-k must be < --n (got ${k} ≥ ${n}).`);
  // K distinct partners per row, no autapses, drawn by rejection from the seeded generator.
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(n * k);
  using draws = rng.uniform(4 * k);
  for (let i = 0; i < n; i++) {
    const partners = new Set<number>();
    while (partners.size < k) {
      for (const u of rng.uniformInto(draws).view()) {
        const j = Math.floor(u * n);
        if (j !== i && partners.size < k) partners.add(j);
      }
    }
    colIdx.set([...partners].sort((a, b) => a - b), i * k);
    rowPtr[i + 1] = (i + 1) * k;
  }
  using values = rng.normal(n * k, 0, g / Math.sqrt(k));
  const matrix = rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values: values.view() });
  const { inDegrees, outDegrees } = csrDegrees(matrix);
  const bulkRadius = degreeHeterogeneousRadius({ weightVariance: (g * g) / k, inDegrees, outDegrees });
  return { matrix, description: { kind: 'sparse', n, g, K: k, seed }, bulkRadius };
}

/** The law for the chosen operator: J's bulk disc, shifted by −1 (Jacobian at x = 0 with φ′(0) = 1), or Wigner's semicircle. */
function theoryFor(options: SpectrumOptions, bulkRadius: number | null, gainAtZero: number) {
  if (bulkRadius === null) return undefined;
  if (options.operator === 'connectivity') return { law: 'circular', center: 0, radius: bulkRadius };
  if (options.operator === 'symmetric') {
    // (J + Jᵀ)/2 has off-diagonal variance r²/(2N): semicircle on [−√2·r, √2·r].
    return { law: 'semicircle', edge: Math.SQRT2 * bulkRadius };
  }
  if (options.stateStd !== 0) return undefined;
  return { law: 'circular (shifted)', center: -1, radius: gainAtZero * bulkRadius };
}

const SYMMETRIC_WHICH_OF: Record<string, 'LA' | 'SA' | 'LM' | 'BE' | undefined> = { LM: 'LM', LR: 'LA', SR: 'SA', LA: 'LA', SA: 'SA', BE: 'BE' };

export function registerSpectrum(program: Command): void {
  withCommonOptions(
    addNetworkOptions(
      program
        .command('spectrum')
        .description('eigenvalues of a network (connectivity, Jacobian or symmetric part): Arnoldi/Lanczos, or all with --all'),
    )
      .addOption(new Option('--operator <name>', 'which matrix').choices(OPERATORS).default('connectivity'))
      .addOption(new Option('--nonlinearity <φ>', 'φ of the Jacobian −I + J·diag(φ′(x))').choices(NONLINEARITIES).default('tanh'))
      .option('--state-std <s>', 'Jacobian state x ~ N(0, s²) from the seed (0: x = 0)', numberArg('--state-std', 0), 0)
      .option('--k <k>', 'number of eigenvalues', intArg('--k', 1), 10)
      .addOption(new Option('--which <which>', 'which eigenvalues (LA/SA/BE: symmetric only)').choices(WHICH).default('LM'))
      .option('--all', 'all eigenvalues with the dense solver (n up to a few thousand)')
      .option('--vectors', 'also compute eigenvectors and report their inverse participation ratios')
      .option('--tol <tol>', 'relative residual tolerance', numberArg('--tol', 0), 1e-10)
      .option('--ncv <m>', 'Krylov subspace size', intArg('--ncv', 2))
      .option('--max-restarts <r>', 'restarts before giving up (default max(1000, n))', intArg('--max-restarts', 0)),
  ).action(
    action('spectrum', async (options: SpectrumOptions) => {
      const seed = seedOf(options);
      const rt = await load();
      const network = await networkFromOptions(rt, options, seed);
      const n = network.matrix.nRows;
      let op: LinearOperator = network.matrix;
      let gainAtZero = 1;
      if (options.operator === 'jacobian') {
        using rng = rt.rng(`${String(seed)}-state`);
        using state = rng.normal(n, 0, options.stateStd);
        const jacobian = jacobianOperator(rt, network.matrix, state, options.nonlinearity);
        gainAtZero = options.nonlinearity === 'sigmoid' ? 0.25 : options.nonlinearity === 'relu' ? 0 : 1;
        op = jacobian;
      } else if (options.operator === 'symmetric') {
        op = symmetricPartOperator(rt, network.matrix);
      }
      const symmetric = options.operator === 'symmetric';
      const symmetricWhich = SYMMETRIC_WHICH_OF[options.which];
      if (symmetric && !symmetricWhich) throw new InvalidArgumentError(`--which ${options.which} does not apply to a symmetric operator (use LM, LR/LA, SR/SA or BE).`);
      if (!symmetric && ['LA', 'SA', 'BE'].includes(options.which)) {
        throw new InvalidArgumentError(`--which ${options.which} applies to --operator symmetric only (use LM, LR, SR, LI or SI).`);
      }
      let result: EigenResult & { nConverged?: number; ncv?: number };
      let solveMs: number;
      if (options.all) {
        const values = op instanceof DenseMatrix ? op.data.toArray() : denseFromOperator(rt, op);
        const start = performance.now();
        result = eigDense(rt, { n, values }, {
          vectors: options.vectors, symmetric,
          ...(symmetric ? {} : { which: options.which as 'LM' | 'LR' | 'SR' | 'LI' | 'SI' }),
        });
        solveMs = performance.now() - start;
      } else {
        const common = {
          k: options.k, tol: options.tol, ncv: options.ncv, maxRestarts: options.maxRestarts, seed, vectors: options.vectors,
        };
        const start = performance.now();
        result = symmetric
          ? eigsh(rt, op, { ...common, which: symmetricWhich })
          : eigs(rt, op, { ...common, which: options.which as 'LM' | 'LR' | 'SR' | 'LI' | 'SI' });
        solveMs = performance.now() - start;
      }
      const theory = theoryFor(options, network.bulkRadius, gainAtZero);
      const report = {
        network: network.description,
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
  spectralRadius: number; theory?: Record<string, unknown>; ipr?: number[]; timing: { solveMs: number };
}): string {
  const table = new Table({ head: ['#', 'Re λ', 'Im λ', '|λ|', 'residual', ...(report.ipr ? ['IPR'] : [])], style: { head: [], border: [] } });
  report.eigenvalues.slice(0, 50).forEach((e, i) => {
    const residual = report.residuals[i];
    table.push([i + 1, e.re.toFixed(6), e.im.toFixed(6), Math.hypot(e.re, e.im).toFixed(6),
      residual === undefined ? '—' : residual.toExponential(2), ...(report.ipr ? [report.ipr[i].toExponential(3)] : [])]);
  });
  const more = report.eigenvalues.length > 50 ? `\n(${report.eigenvalues.length - 50} more with --json)` : '';
  const theory = report.theory ? `\ntheory: ${JSON.stringify(report.theory)}` : '';
  return `rnnkit spectrum: ${JSON.stringify(report.network)}, ${report.operator}, ${report.solver}, which ${report.which}\n` +
    `${table.toString()}${more}\nstatus ${report.status}, ${report.iterations} iterations, ${report.matvecs} products, ` +
    `spectral radius ${report.spectralRadius.toFixed(6)}, solve ${report.timing.solveMs.toFixed(1)} ms${theory}`;
}
