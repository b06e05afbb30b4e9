/**
 * `rnnkit kernel`: the kernel of wide deep and recurrent networks (theory/kernels.ts) beside the
 * empirical kernels of many width-n weight draws (analysis/kernels.ts), with their agreement and
 * the spread's scaling with n.
 */
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { kernelStudy } from '../../analysis/kernels.js';
import { NONLINEARITIES, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { load } from '../../load.js';
import { action, emit, intArg, numberArg, progressBar, seedOf, withCommonOptions } from '../common.js';

interface KernelCliOptions {
  json?: boolean;
  seed: string;
  phi: NonlinearityName;
  sigmaW: number;
  sigmaB: number;
  steps: number;
  widths: number[];
  draws: number;
  qa: number;
  qb: number;
  c: number;
}

/** A comma-separated list of integer widths ≥ 2. */
function widthsArg(raw: string): number[] {
  const list = raw.split(',').map((v) => Number(v.trim()));
  if (list.length === 0 || list.some((v) => !Number.isInteger(v) || v < 2)) throw new InvalidArgumentError('--widths must be a comma-separated list of integers ≥ 2.');
  return list;
}

/** Deviations beyond this many standard errors (max over steps) are flagged as disagreement. */
const FLAG_SE = 4.5;

export function registerKernel(program: Command): void {
  const command = program.command('kernel')
    .description('kernels of wide deep vs recurrent networks: the recursion K ← σ_w² E[φφ] + σ_b² beside many width-n weight draws')
    .addOption(new Option('--phi <name>', 'nonlinearity φ').choices(NONLINEARITIES).default('tanh'))
    .option('--sigma-w <s>', 'weight scale σ_w (W_ij ~ N(0, σ_w²/n))', numberArg('--sigma-w', 0), 1.5)
    .option('--sigma-b <s>', 'bias scale σ_b', numberArg('--sigma-b', 0), 0.5)
    .option('--steps <L>', 'layers / time steps after the input', intArg('--steps', 1, 1000), 10)
    .option('--widths <list>', 'widths n to compare', widthsArg, [32, 64, 128, 256])
    .option('--draws <k>', 'weight draws per width', intArg('--draws', 2), 200)
    .option('--qa <q>', 'input kernel K⁰_aa', numberArg('--qa', 0), 1)
    .option('--qb <q>', 'input kernel K⁰_bb', numberArg('--qb', 0), 0.8)
    .option('--c <c>', 'input kernel K⁰_ab', numberArg('--c'), 0.4);
  withCommonOptions(command).action(action('kernel', async (o: KernelCliOptions) => {
    const rt = await load();
    const seed = seedOf(o);
    const bar = progressBar(o, 'kernel widths', o.widths.length);
    const study = kernelStudy(rt, {
      phi: o.phi, sigmaW: o.sigmaW, sigmaB: o.sigmaB, steps: o.steps, input: { qa: o.qa, qb: o.qb, c: o.c },
      widths: o.widths, draws: o.draws, seed, onProgress: (done) => bar.update(done),
    });
    bar.stop();
    const m = o.steps + 1;
    const agrees = [...study.deep, ...study.recurrent].every((r) => r.maxDeviationSe < FLAG_SE && r.maxTwoTimeDeviationSe < FLAG_SE);
    const result = {
      phi: o.phi, sigmaW: o.sigmaW, sigmaB: o.sigmaB, steps: o.steps, input: { qa: o.qa, qb: o.qb, c: o.c }, draws: o.draws, seed,
      theory: {
        equalTime: study.theory.equalTime,
        recurrentTwoTimeLag1: Array.from({ length: m - 1 }, (_, t) => study.theory.recurrentTwoTime[t * m + t + 1]),
      },
      widths: study.widths,
      deep: study.deep,
      recurrent: study.recurrent,
      spreadExponent: study.spreadExponent,
      spreadExponentExpected: -0.5,
      spreadRatio: study.spreadRatio,
      agreement: agrees ? 'agrees' : 'disagrees',
      agreementRule: `max over steps of |mean K̂ − K| < ${FLAG_SE} standard errors at every width (equal-time K_ab and two-time K(t, s))`,
    };
    emit(o, result, (r) => {
      const table = new Table({ head: ['n', 'deep dev (se)', 'rnn dev (se)', 'rnn 2-time dev (se)', 'deep spread', 'rnn spread', 'ratio'], style: { head: [], border: [] } });
      for (const [i, n] of r.widths.entries()) {
        table.push([n, r.deep[i].maxDeviationSe.toFixed(2), r.recurrent[i].maxDeviationSe.toFixed(2), r.recurrent[i].maxTwoTimeDeviationSe.toFixed(2),
          r.deep[i].spread.toFixed(4), r.recurrent[i].spread.toFixed(4), r.spreadRatio[i].toFixed(3)]);
      }
      const last = r.theory.equalTime[r.steps];
      return [
        `rnnkit kernel: φ = ${r.phi}, σ_w = ${r.sigmaW}, σ_b = ${r.sigmaB}, ${r.steps} steps, ${r.draws} draws per width`,
        `  theory at step ${r.steps}: K_aa = ${last.qa.toFixed(5)}, K_bb = ${last.qb.toFixed(5)}, K_ab = ${last.c.toFixed(5)} (deep and recurrent alike)`,
        table.toString(),
        `  spread ∝ n^a: a = ${r.spreadExponent.deep.toFixed(3)} (deep), ${r.spreadExponent.recurrent.toFixed(3)} (recurrent); expected −0.5`,
        `  ${r.agreement} (${r.agreementRule})`,
      ].join('\n');
    });
    if (!agrees) process.exitCode = 1;
  }));
}
