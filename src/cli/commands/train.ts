/**
 * `rnnkit train`: FORCE learning of a readout (with feedback) or of recurrent weights, then the
 * connectivity analysis (eigenvalue outliers of J, motif statistics of J0, J and ΔJ);
 * `--network spiking`: readout or recurrent FORCE on a LIF, theta or mixed spiking network (Nicola & Clopath).
 */
import { deriveSeed } from '../../random/seed.js';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { analyseForceConnectivity, type ForceConnectivityAnalysis } from '../../learning/analysis.js';
import { FORCE_MODES, type ForceMode, LEARNED_NRMSE, trainForce } from '../../learning/force.js';
import {
  DECODER_UPDATES, type DecoderUpdate, SPIKING_FORCE_NEURONS, SPIKING_FORCE_PERIODS, type SpikingForceNeuron, SYNAPTIC_FILTERS, type SynapticFilter,
  trainRecurrentSpikingForce, trainSpikingForce,
} from '../../learning/spiking-force.js';
import { SPIKING_SWEEP_PARAMS, type SpikingSweepParam, type SpikingSweepTarget, sweepSpikingForce } from '../../learning/spiking-force-sweep.js';
import { forceTarget, GENERATED_TARGETS, type TargetSpec } from '../../learning/targets.js';
import { load } from '../../load.js';
import { action, emit, intArg, numberArg, progressBar, seedOf, warn, withCommonOptions } from '../common.js';

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
  amplitude?: number;
  baseline?: number;
  allowFail?: boolean;
  network: (typeof NETWORKS)[number];
  neuron: SpikingForceNeuron;
  fracQif?: number;
  synapticFilter: SynapticFilter;
  decoderUpdate: DecoderUpdate;
  analyse?: boolean;
  sweep?: { param: SpikingSweepParam; values: number[] };
  targets?: string;
  seeds?: string;
}

const NETWORKS = ['rate', 'spiking'] as const;

/**
 * Defaults that learn (test NRMSE, default n = 1000, seed 42): a readout follows a sequence through
 * its 6 bumps (0.005; one bump alone: 1.5). Recurrent training drives about n/10 neurons (sines
 * 0.005 and OU 0.003, where all n neurons gave 1.03), and a recurrent sequence needs bumps of height
 * 1.5 on a baseline −0.5 (0.008; height 1 on 0 with n bumps: 0.9–1.2).
 */
function targetDefaults(o: TrainCliOptions): { m: number; amplitude: number; baseline: number } {
  const recurrentSequence = o.mode === 'recurrent' && o.target === 'sequence';
  const m = o.outputs ?? (o.mode === 'readout' ? (o.target === 'sequence' ? 6 : 1) : Math.max(1, Math.round(o.n / 10)));
  return { m, amplitude: o.amplitude ?? (recurrentSequence ? 1.5 : 1), baseline: o.baseline ?? (recurrentSequence ? -0.5 : 0) };
}

const round = (x: number) => Number(x.toPrecision(6));

/** One text line per matrix (J0, J, ΔJ) with its four motif statistics. */
function motifLines(motifs: ForceConnectivityAnalysis['motifs']): string[] {
  return (['J0', 'J', 'dJ'] as const).map((key) => {
    const s = motifs[key];
    return `  motifs ${key.padEnd(2)}: reciprocal ${s.reciprocal.toFixed(4)}, convergent ${s.convergent.toFixed(4)}, ` +
      `divergent ${s.divergent.toFixed(4)}, chain ${s.chain.toFixed(4)}`;
  });
}

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
    .option('--outputs <m>', 'readouts (readout mode; default 6 for sequence, else 1) or trained neurons with one target each ' +
      '(recurrent; default n/10)', intArg('--outputs', 1))
    .option('--amplitude <a>', 'target amplitude: bump height (sequence; default 1.5 recurrent, 1 readout), std (ou, default 1), ' +
      'overall scale (sines, default 1.3/1.5)', numberArg('--amplitude'))
    .option('--baseline <b>', 'value away from the bumps (sequence; default −0.5 recurrent, 0 readout)', numberArg('--baseline'))
    .option('--allow-fail', `exit 0 even when the training did not learn (test NRMSE > ${LEARNED_NRMSE})`)
    .option('--period <T>', 'target period in units of τ', numberArg('--period'), 120)
    .option('--width <w>', 'bump width (sequence; default period/20)', numberArg('--width'))
    .option('--tau-corr <tau>', 'correlation time (ou)', numberArg('--tau-corr'), 10)
    .option('--smoothing <s>', 'Gaussian low-pass std in τ (ou)', numberArg('--smoothing', 0), 2)
    .option('--bulk-radius <r>', 'bulk radius for the outliers (default g)', numberArg('--bulk-radius'))
    .addOption(new Option('--network <kind>', 'rate network or spiking network (Nicola & Clopath 2017)').choices(NETWORKS).default('rate'))
    .addOption(new Option('--neuron <kind>', 'spiking: neuron model').choices(SPIKING_FORCE_NEURONS).default('lif'))
    .option('--frac-qif <P>', 'spiking, --neuron mixed: fraction of theta/QIF neurons (default 0.5)', numberArg('--frac-qif', 0, 1))
    .addOption(new Option('--synaptic-filter <kind>', 'spiking: decay factors 1 − dt/τ (euler) or exp(−dt/τ) as in ModelDB 190565 (exponential)')
      .choices(SYNAPTIC_FILTERS).default('euler'))
    .addOption(new Option('--decoder-update <kind>', 'spiking: RLS decoder step (rls, the ridge solution) or ModelDB 190565\'s without 1/(1 + rᵀPr) (unnormalised)')
      .choices(DECODER_UPDATES).default('rls'))
    .option('--analyse', 'spiking: outliers (Arnoldi), motifs and population strengths of Ω, Ω + ΔJ, ΔJ')
    .option('--sweep <param=values>', `spiking: recurrent FORCE over ${SPIKING_SWEEP_PARAMS.join('|')}=v1,v2,… with every neuron trained, ` +
      'motifs, outliers and the founding study\'s claims (default n = 300; minutes)', sweepArg)
    .option('--targets <list>', `spiking --sweep: targets (default ${GENERATED_TARGETS.join(',')})`)
    .option('--seeds <list>', 'spiking --sweep: seeds per point (default 1,2,3)');
  withCommonOptions(command).action(
    action('train', async (o: TrainCliOptions) => {
      const given = (name: string) => command.getOptionValueSource(name) === 'cli';
      if (o.network === 'spiking' && o.sweep && (given('synapticFilter') || given('decoderUpdate'))) {
        throw new RangeError('--synaptic-filter and --decoder-update apply to single spiking runs, not to --sweep');
      }
      if (o.network === 'spiking') return o.sweep ? sweepSpiking(o, given) : trainSpiking(o, given);
      const flags = {
        neuron: '--neuron', fracQif: '--frac-qif', synapticFilter: '--synaptic-filter', decoderUpdate: '--decoder-update', analyse: '--analyse',
        sweep: '--sweep', targets: '--targets', seeds: '--seeds',
      };
      for (const [name, flag] of Object.entries(flags)) {
        if (given(name)) throw new RangeError(`${flag} applies to --network spiking only`);
      }
      const rt = await load();
      const seed = seedOf(o);
      const { m, amplitude, baseline } = targetDefaults(o);
      if (o.baseline !== undefined && o.target !== 'sequence') throw new RangeError('--baseline applies to --target sequence only');
      const spec = { kind: o.target, m, dt: o.dt, period: o.period } as TargetSpec;
      if (o.target === 'sequence') Object.assign(spec, { amplitude, baseline, ...(o.width !== undefined ? { width: o.width } : {}) });
      if (o.target === 'sines' && o.amplitude !== undefined) Object.assign(spec, { scale: o.amplitude });
      if (o.target === 'ou') Object.assign(spec, { tauCorr: o.tauCorr, smoothing: o.smoothing, amplitude, seed: deriveSeed(seed, 'target') });
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
        learned: result.learned, learnedThreshold: LEARNED_NRMSE, warnings: result.warnings,
        updates: result.updates,
        outliers: analysis.outliers,
        motifs: analysis.motifs,
        timing: { ...result.timing, analysisMs: performance.now() - started },
      };
      emit(o, report, (r) => [
        `rnnkit train: ${r.mode} FORCE, target ${o.target} (m = ${m}), n = ${o.n}, seed ${JSON.stringify(seed)}, ${r.updates} RLS updates`,
        `  normalised RMSE: training (last period) ${r.trainError.toFixed(4)}, test ${r.testError.toFixed(4)}, ` +
          `test first period ${r.testErrorFirstPeriod.toFixed(4)} — ${r.learned ? 'learned' : 'NOT LEARNED'} (threshold ${LEARNED_NRMSE})`,
        `  eigenvalue outliers of J beyond ${r.outliers.threshold.toFixed(3)} (bulk ${r.outliers.bulkRadius}): ${r.outliers.count}` +
          (r.outliers.count > 0 ? ` — ${r.outliers.values.slice(0, 6).map((v) => `${round(v.re)}${v.im >= 0 ? '+' : '−'}${round(Math.abs(v.im))}i`).join(', ')}` : ''),
        ...motifLines(r.motifs),
        `  training ${(r.timing.trainMs / 1000).toFixed(2)} s, test ${(r.timing.testMs / 1000).toFixed(2)} s, analysis ${(r.timing.analysisMs / 1000).toFixed(2)} s`,
      ].join('\n'));
      warn(result.warnings);
      if (!result.learned && !o.allowFail) process.exitCode = 1; // the result is printed, but a script sees the failure
    }),
  );
}

/**
 * Spiking FORCE from the command line. Defaults are the library's Nicola–Clopath LIF preset
 * (n = 2000, dt = 0.05 ms, RLS every 2.5 ms) and a 5 Hz target (period 200 ms; sines: one unit sine per
 * output); times are in ms. Recurrent mode trains n/10 neurons' inputs by default, as for rate networks.
 * `given(name)` says whether an option was set by the user rather than defaulted.
 */
async function trainSpiking(o: TrainCliOptions, given: (name: string) => boolean): Promise<void> {
  for (const name of ['g', 'bulkRadius']) {
    if (given(name)) throw new RangeError(`--${name === 'g' ? 'g' : 'bulk-radius'} applies to --network rate only (spiking gains are the presets)`);
  }
  if (o.fracQif !== undefined && o.neuron !== 'mixed') throw new RangeError('--frac-qif needs --neuron mixed');
  const rt = await load();
  const seed = seedOf(o);
  const dtMs = given('dt') ? o.dt : 0.05;
  const period = given('period') ? o.period : 200;
  const n = given('n') ? o.n : 2000;
  const m = o.outputs ?? (o.mode === 'recurrent' ? Math.max(1, Math.round(n / 10)) : o.target === 'sequence' ? 6 : 1);
  const spec = { kind: o.target, m, dt: dtMs, period } as TargetSpec;
  if (o.target === 'sines') Object.assign(spec, { amplitudes: [1], scale: o.amplitude ?? 1 });
  if (o.target === 'sequence') Object.assign(spec, { amplitude: o.amplitude ?? 1, baseline: o.baseline ?? 0, ...(o.width !== undefined ? { width: o.width } : {}) });
  if (o.target === 'ou') Object.assign(spec, { tauCorr: o.tauCorr, smoothing: o.smoothing, amplitude: o.amplitude ?? 1, seed: deriveSeed(seed, 'target') });
  if (o.baseline !== undefined && o.target !== 'sequence') throw new RangeError('--baseline applies to --target sequence only');
  const target = forceTarget(rt, spec);
  const options = {
    target, neuron: o.neuron, seed, dtMs, synapticFilter: o.synapticFilter, decoderUpdate: o.decoderUpdate,
    ...(o.fracQif !== undefined ? { fracQif: o.fracQif } : {}),
    ...(given('n') ? { n: o.n } : {}),
    ...(given('p') ? { p: o.p } : {}),
    ...(given('alpha') ? { alpha: o.alpha } : {}),
    ...(given('learnEvery') ? { learnEveryMs: o.learnEvery * dtMs } : {}),
    ...(given('trainPeriods') ? { trainPeriods: o.trainPeriods } : {}),
    ...(given('testPeriods') ? { testPeriods: o.testPeriods } : {}),
  };
  const periodSteps = Math.round(period / dtMs);
  const periods = SPIKING_FORCE_PERIODS.warmUp + (options.trainPeriods ?? SPIKING_FORCE_PERIODS.train) + (options.testPeriods ?? SPIKING_FORCE_PERIODS.test);
  const bar = progressBar(o, 'train', periodSteps * periods);
  const run = { ...options, keepConnectivity: o.analyse === true, onProgress: (done: number) => bar.update(done) };
  const result = o.mode === 'recurrent' ? await trainRecurrentSpikingForce(rt, run) : await trainSpikingForce(rt, run);
  bar.stop();
  const started = performance.now();
  const analysis = o.analyse ? analyseForceConnectivity(rt, result) : null;
  const report = {
    network: 'spiking', mode: result.mode, neuron: o.neuron, params: result.params, seed,
    trainError: result.trainError, testError: result.testError, testErrorFirstPeriod: result.testErrorFirstPeriod,
    learned: result.learned, learnedThreshold: LEARNED_NRMSE, warnings: result.warnings,
    updates: result.updates, meanRateHz: result.meanRateHz,
    ...(analysis ? { outliers: analysis.outliers, motifs: analysis.motifs, populations: analysis.populations } : {}),
    timing: { ...result.timing, ...(analysis ? { analysisMs: performance.now() - started } : {}) },
  };
  emit(o, report, (r) => [
    `rnnkit train: ${r.mode} spiking FORCE (${r.neuron}), target ${o.target} (m = ${m}), n = ${r.params.n}, seed ${JSON.stringify(seed)}, ${r.updates} RLS updates`,
    `  normalised RMSE: training (last period) ${r.trainError.toFixed(4)}, test ${r.testError.toFixed(4)}, ` +
      `test first period ${r.testErrorFirstPeriod.toFixed(4)} — ${r.learned ? 'learned' : 'NOT LEARNED'} (threshold ${LEARNED_NRMSE})`,
    `  mean rate: warm-up ${r.meanRateHz.warmUp.toFixed(1)} Hz, training ${r.meanRateHz.train.toFixed(1)} Hz, test ${r.meanRateHz.test.toFixed(1)} Hz`,
    ...(analysis ? [
      `  eigenvalue outliers of Ω + ΔJ beyond ${analysis.outliers.threshold.toFixed(3)} (bulk ${analysis.outliers.bulkRadius.toFixed(3)}): ${analysis.outliers.count}`,
      ...motifLines(analysis.motifs),
      ...Object.entries(analysis.populations ?? {}).map(([pair, s]) =>
        `  strength ${pair} (RMS): Ω ${s.J0.rms.toPrecision(4)}, Ω + ΔJ ${s.J.rms.toPrecision(4)}, ΔJ ${s.dJ.rms.toPrecision(4)}`),
    ] : []),
    `  training ${(r.timing.trainMs / 1000).toFixed(2)} s, test ${(r.timing.testMs / 1000).toFixed(2)} s ` +
      `(${(r.timing.msPerSimulatedSecond / 1000).toFixed(2)} s per simulated second)`,
  ].join('\n'));
  warn(result.warnings);
  if (!result.learned && !o.allowFail) process.exitCode = 1;
}

/** `--sweep param=v1,v2,…` → the parameter and its values. */
function sweepArg(text: string): { param: SpikingSweepParam; values: number[] } {
  const [param, list] = text.split('=');
  if (!(SPIKING_SWEEP_PARAMS as readonly string[]).includes(param) || list === undefined) {
    throw new InvalidArgumentError(`--sweep must be ${SPIKING_SWEEP_PARAMS.join('|')}=v1,v2,… (got '${text}')`);
  }
  const values = list.split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new InvalidArgumentError(`--sweep values must be numbers (got '${list}')`);
  return { param: param as SpikingSweepParam, values };
}

/** `train --network spiking --sweep …`: sweepSpikingForce with progress, the points and the claims' verdicts. */
async function sweepSpiking(o: TrainCliOptions, given: (name: string) => boolean): Promise<void> {
  for (const name of ['mode', 'analyse', 'neuron', 'outputs', 'g', 'bulkRadius', 'alpha', 'learnEvery', 'dt']) {
    if (given(name)) throw new RangeError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply to --sweep (recurrent, every neuron trained, presets)`);
  }
  const sweep = o.sweep as NonNullable<TrainCliOptions['sweep']>;
  const targets = (o.targets ?? GENERATED_TARGETS.join(',')).split(',') as SpikingSweepTarget[];
  const seeds = (o.seeds ?? '1,2,3').split(',').map((s) => (/^-?\d+$/.test(s) ? Number(s) : s));
  const rt = await load();
  const trainPeriods = given('trainPeriods') ? o.trainPeriods : 10;
  const testPeriods = given('testPeriods') ? o.testPeriods : 2;
  const bar = progressBar(o, 'sweep', sweep.values.length * targets.length * seeds.length);
  const result = await sweepSpikingForce(rt, {
    param: sweep.param, values: sweep.values, targets, seeds, trainPeriods, testPeriods,
    ...(given('n') ? { n: o.n } : {}), ...(o.fracQif !== undefined ? { fracQif: o.fracQif } : {}), ...(given('period') ? { periodMs: o.period } : {}),
    onRun: (done) => bar.update(done),
  });
  bar.stop();
  const f = (s: { mean: number; sd: number; count: number }) => (s.count > 0 ? `${s.mean.toFixed(3)}±${s.sd.toFixed(3)}` : '—');
  emit(o, result, (r) => [
    `rnnkit train --sweep: recurrent spiking FORCE over ${r.param} = ${r.values.join(', ')}, n = ${r.n}, seeds ${r.seeds.join(', ')} ` +
      `(motif i.i.d. level √2/n = ${r.motifNoise.toFixed(4)}; ΔJ motifs in target units)`,
    `  ${'target'.padEnd(9)}${r.param.padEnd(11)}learned  test NRMSE     outliers J  ΔJ reciprocal  ΔJ convergent  ΔJ divergent   ΔJ chain`,
    ...r.points.map((p) => `  ${p.target.padEnd(9)}${String(p.value).padEnd(11)}${`${p.learned}/${p.runs}`.padEnd(9)}${f(p.testError).padEnd(14)}` +
      `${f(p.outliers.J).padEnd(12)}${MOTIF_KEYS.map((m) => f(p.motifs.dJ[m]).padEnd(15)).join('')}`),
    ...r.claims.map((c) => `  ${c.id} ${c.holds === null ? 'not testable' : c.holds ? 'holds' : 'does not hold'}: ${c.claim}` +
      (c.holds === null ? '' : `\n      ${c.evidence}`)),
    `  ${(r.timing.totalMs / 1000).toFixed(1)} s`,
  ].join('\n'));
  warn(result.warnings);
}

const MOTIF_KEYS = ['reciprocal', 'convergent', 'divergent', 'chain'] as const;
