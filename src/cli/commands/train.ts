/**
 * `rnnkit train`: FORCE learning of a readout (with feedback) or of recurrent weights, then the
 * connectivity analysis (eigenvalue outliers of J, motif statistics of J0, J and ΔJ).
 */
import { deriveSeed } from '../../random/seed.js';
import { type Command, Option } from 'commander';
import { analyseForceConnectivity } from '../../learning/analysis.js';
import { FORCE_MODES, type ForceMode, trainForce } from '../../learning/force.js';
import { forceTarget, GENERATED_TARGETS, type TargetSpec } from '../../learning/targets.js';
import { load } from '../../load.js';
import { action, emit, intArg, numberArg, progressBar, seedOf, withCommonOptions } from '../common.js';

interface TrainCliOptions {
  json?: boolean;
  seed: string;
  mode: ForceMode;
  target: (typeof GENERATED_TARGETS)[number];
  n: number;
  g: number;
  p: number;
  alpha: number;
  dt: number;
  learnEvery: number;
  trainPeriods: number;
  testPeriods: number;
  outputs?: number;
  period: number;
  width?: number;
  tauCorr: number;
  smoothing: number;
  bulkRadius?: number;
}

const round = (x: number) => Number(x.toPrecision(6));

export function registerTrain(program: Command): void {
  const command = program.command('train')
    .description('FORCE learning (Sussillo & Abbott 2009): train a readout with feedback or the recurrent weights, then analyse J')
    .addOption(new Option('--mode <mode>', 'what is trained').choices(FORCE_MODES).default('readout'))
    .addOption(new Option('--target <target>', 'target pattern').choices(GENERATED_TARGETS).default('sines'))
    .option('--n <n>', 'number of neurons', intArg('--n', 3), 1000)
    .option('--g <g>', 'gain of the sparse initial J', numberArg('--g', 0), 1.5)
    .option('--p <p>', 'connection probability of J', numberArg('--p', 0, 1), 0.1)
    .option('--alpha <alpha>', 'RLS regularisation, P(0) = I/α (> 0)', numberArg('--alpha'), 1)
    .option('--dt <dt>', 'Euler step in units of τ', numberArg('--dt'), 0.1)
    .option('--learn-every <k>', 'steps between RLS updates', intArg('--learn-every', 1), 2)
    .option('--train-periods <k>', 'training duration in target periods', intArg('--train-periods', 1), 12)
    .option('--test-periods <k>', 'frozen-weight test duration in target periods', intArg('--test-periods', 1), 2)
    .option('--outputs <m>', 'readouts (readout mode, default 1) or trained neurons with one target each (recurrent, default n)', intArg('--outputs', 1))
    .option('--period <T>', 'target period in units of τ', numberArg('--period'), 120)
    .option('--width <w>', 'bump width (sequence; default period/20)', numberArg('--width'))
    .option('--tau-corr <tau>', 'correlation time (ou)', numberArg('--tau-corr'), 10)
    .option('--smoothing <s>', 'Gaussian low-pass std in τ (ou)', numberArg('--smoothing', 0), 2)
    .option('--bulk-radius <r>', 'bulk radius for the outliers (default g)', numberArg('--bulk-radius'));
  withCommonOptions(command).action(
    action('train', async (o: TrainCliOptions) => {
      const rt = await load();
      const seed = seedOf(o);
      const m = o.outputs ?? (o.mode === 'readout' ? 1 : o.n);
      const spec = { kind: o.target, m, dt: o.dt, period: o.period } as TargetSpec;
      if (o.target === 'sequence' && o.width !== undefined) Object.assign(spec, { width: o.width });
      if (o.target === 'ou') Object.assign(spec, { tauCorr: o.tauCorr, smoothing: o.smoothing, seed: deriveSeed(seed, 'target') });
      const target = forceTarget(rt, spec);
      const steps = Math.round(o.period / o.dt) * (o.trainPeriods + o.testPeriods + (o.mode === 'recurrent' ? 1 : 0));
      const bar = progressBar(o, 'train', steps);
      const result = await trainForce(rt, {
        mode: o.mode, target, n: o.n, g: o.g, p: o.p, alpha: o.alpha, dt: o.dt, learnEvery: o.learnEvery,
        trainPeriods: o.trainPeriods, testPeriods: o.testPeriods, seed, onProgress: (done) => bar.update(done),
      });
      bar.stop();
      const started = performance.now();
      const analysis = analyseForceConnectivity(rt, result, { bulkRadius: o.bulkRadius });
      const report = {
        mode: result.mode, params: result.params, seed,
        trainError: result.trainError, testError: result.testError, testErrorFirstPeriod: result.testErrorFirstPeriod,
        updates: result.updates,
        outliers: analysis.outliers,
        motifs: analysis.motifs,
        timing: { ...result.timing, analysisMs: performance.now() - started },
      };
      emit(o, report, (r) => [
        `rnnkit train: ${r.mode} FORCE, target ${o.target} (m = ${m}), n = ${o.n}, seed ${JSON.stringify(seed)}, ${r.updates} RLS updates`,
        `  normalised RMSE: training (last period) ${r.trainError.toFixed(4)}, test ${r.testError.toFixed(4)}, ` +
          `test first period ${r.testErrorFirstPeriod.toFixed(4)}`,
        `  eigenvalue outliers of J beyond ${r.outliers.threshold.toFixed(3)} (bulk ${r.outliers.bulkRadius}): ${r.outliers.count}` +
          (r.outliers.count > 0 ? ` — ${r.outliers.values.slice(0, 6).map((v) => `${round(v.re)}${v.im >= 0 ? '+' : '−'}${round(Math.abs(v.im))}i`).join(', ')}` : ''),
        ...(['J0', 'J', 'dJ'] as const).map((key) => {
          const s = r.motifs[key];
          return `  motifs ${key.padEnd(2)}: reciprocal ${s.reciprocal.toFixed(4)}, convergent ${s.convergent.toFixed(4)}, ` +
            `divergent ${s.divergent.toFixed(4)}, chain ${s.chain.toFixed(4)}`;
        }),
        `  training ${(r.timing.trainMs / 1000).toFixed(2)} s, test ${(r.timing.testMs / 1000).toFixed(2)} s, analysis ${(r.timing.analysisMs / 1000).toFixed(2)} s`,
      ].join('\n'));
    }),
  );
}
