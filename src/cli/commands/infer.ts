/**
 * `rnnkit infer --recording FILE`: the gain g and noise intensity D of a noisy rate network from
 * a recording written by `rnnkit simulate --record-out FILE` (analysis/inference.ts).
 */
import type { Command } from 'commander';
import { inferParameters } from '../../analysis/inference.js';
import { readRecordingFile } from '../../io/files.js';
import { load } from '../../load.js';
import { NONLINEARITIES, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { action, emit, intArg, progressBar, warn, withCommonOptions } from '../common.js';

interface InferCliOptions {
  json?: boolean;
  seed: string;
  recording: string;
  segment?: number;
}

export function registerInfer(program: Command): void {
  const command = program.command('infer')
    .description('estimate (g, D) of dx = (−x + Jφ(x))dt + √(2D)dW from a recording by the Whittle divergence to the mean-field spectrum')
    .requiredOption('--recording <file>', 'a recording from rnnkit simulate --record-out (Euler, --record-every 1)')
    .option('--segment <L>', 'periodogram segment length in samples (power of two; default ≤ 100 τ)', intArg('--segment', 64));
  withCommonOptions(command).action(action('infer', async (o: InferCliOptions) => {
    const bar = progressBar(o, 'infer', 2);
    const parsed = await readRecordingFile(o.recording);
    bar.update(1);
    const { meta } = parsed;
    if (!(NONLINEARITIES as readonly string[]).includes(meta.phi)) throw new RangeError(`--recording: unknown phi ${JSON.stringify(meta.phi)} in the metadata`);
    const rt = await load();
    const r = inferParameters(rt, { values: parsed.values, nSamples: parsed.nSamples, nUnits: parsed.nUnits, sampleDt: meta.sampleDt }, {
      phi: meta.phi as NonlinearityName, integrator: meta.integrator, every: meta.every, tau: meta.tau, ...(o.segment === undefined ? {} : { segmentLength: o.segment }),
    });
    bar.update(2);
    bar.stop();
    warn(r.warnings);
    const trueD = typeof meta.noise === 'number' ? (meta.noise * meta.noise) / 2 : null;
    const result = {
      recording: o.recording, g: r.g, D: r.D, stdErr: r.stdErr, fisherStdErr: r.fisherStdErr, correlation: r.correlation,
      divergence: r.divergence, status: r.status, evaluations: r.evaluations, nUnits: r.nUnits, nSegments: r.nSegments, segmentLength: r.segmentLength,
      recorded: { n: meta.n, phi: meta.phi, noise: meta.noise, D: trueD, seed: meta.seed }, warnings: r.warnings,
    };
    emit(o, result, (x) => [
      `rnnkit infer: ${x.recording} (${x.nUnits} units, ${x.nSegments} segments of ${x.segmentLength} samples)`,
      `  g = ${x.g.toFixed(4)} ± ${x.stdErr.g.toFixed(4)}, D = ${x.D.toFixed(5)} ± ${x.stdErr.D.toFixed(5)} (sandwich s.e. over units; Fisher ${x.fisherStdErr.g.toFixed(4)}, ${x.fisherStdErr.D.toFixed(5)})`,
      `  ${x.status}; Whittle divergence per frequency ${x.divergence.toExponential(2)}${x.recorded.D === null ? '' : `; the recording's own D = σ²/2 = ${x.recorded.D}`}`,
    ].join('\n'));
    if (r.status !== 'converged') process.exitCode = 1;
  }));
}
