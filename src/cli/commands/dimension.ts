/**
 * `rnnkit dimension`: the participation-ratio dimension of activity. Theory for N → ∞ (the SCS
 * two-site cavity result with the random-mode ε; for φ = linear the long-window closed form) and,
 * for a built network, ε and its effective rank, the linear network's exact long-window and
 * equal-time (Lyapunov) PRs, and with --simulate the measured PR^x and PR^φ (cross-block estimate).
 */
import { type Command, Option } from 'commander';
import { modeStatistics } from '../../analysis/mode-statistics.js';
import { type ParticipationRatio, participationRatio } from '../../analysis/participation-ratio.js';
import type { Network } from '../../connectivity/network.js';
import { NONLINEARITY_TABLE, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { simulateRate } from '../../dynamics/run.js';
import { denseFromOperator } from '../../linalg/operators.js';
import { load } from '../../load.js';
import type { Runtime } from '../../runtime.js';
import {
  DIMENSION_THEORY_PHIS, linearEqualTimeCovariance, linearLongWindowCovariance, linearLongWindowPrOverN, matrixParticipationRatio,
  scsDimension,
} from '../../theory/dimension.js';
import { action, emit, numberArg, progressBar, seedOf, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';
import { type DynamicsCliOptions, withDynamicsOptions } from './dynamics.js';

interface DimensionCliOptions extends DynamicsCliOptions {
  simulate?: boolean;
  epsilon?: number;
}

/**
 * Why the N → ∞ theory does not describe this network (null when it does): it covers Gaussian J
 * (η = 0, or any η = κ for φ = linear; J0 = 0), random modes without overlap, or a file (ε measured).
 */
function theoryApplies(net: Network | null, linear: boolean): string | null {
  if (net === null) return null;
  const p = net.params as Record<string, unknown>;
  if (net.model === 'gaussian') {
    if (Number(p.j0 ?? 0) !== 0) return 'the theory is for J0 = 0';
    return linear || Number(p.eta ?? 0) === 0 ? null : 'the nonlinear theory is for η = 0';
  }
  if (net.model === 'random-mode') return Number(p.overlap ?? 0) === 0 ? null : 'the random-mode theory is for zero input/output-mode overlap';
  if (net.model === 'file') return null;
  return `no dimension theory for --model ${net.model}`;
}

const measuredFields = (pr: ParticipationRatio) => ({
  status: pr.status, prOverN: pr.prOverN, prOverNStdErr: pr.prOverNStdErr, plainPrOverN: pr.plainPr === null ? null : pr.plainPr / pr.nUnits,
  effectiveSamples: pr.effectiveSamples, warnings: pr.warnings,
});

async function measure(rt: Runtime, net: Network, o: DimensionCliOptions, phi: NonlinearityName, noise: number, seed: number | string) {
  const bar = progressBar(o, 'dimension %', 100);
  const run = await simulateRate(rt, { connectivity: net, phi, noise }, {
    t: o.t, dt: o.dt, integrator: o.integrator, transient: o.transient, seed, stateLimit: o.stateLimit,
    record: { units: 'all', every: o.recordEvery }, onProgress: (done, total) => bar.update(Math.round((100 * done) / total)),
  });
  bar.stop();
  const recording = run.recording;
  if (!recording) throw new Error('dimension: no recording');
  const x = participationRatio(rt, recording);
  const f = NONLINEARITY_TABLE[phi].phi;
  const activity = phi === 'linear' ? x : participationRatio(rt, { ...recording, values: recording.values.map(f) });
  return { t: o.t, transient: o.transient, noise, samples: recording.nSamples, x: measuredFields(x), phi: measuredFields(activity) };
}

export function registerDimension(program: Command): void {
  const command = program.command('dimension')
    .description('dimension of activity PR/N: mean-field theory (N → ∞), ε and effective rank of J, and with --simulate the measured PR (cross-block)')
    .option('--simulate', 'build the network and measure PR^x and PR^φ by simulation')
    .addOption(new Option('--epsilon <e>', 'random-mode ε for the theory (default: measured from the network, else 0)').argParser(numberArg('--epsilon', -1)));
  withCommonOptions(withDynamicsOptions(withNetworkOptions(command), { t: 500, transient: 100 })).action(
    action('dimension', async (o: DimensionCliOptions) => {
      const phi = o.phi;
      const g = (o.g as number | undefined) ?? 2;
      const linear = phi === 'linear';
      const wantsNetwork = o.simulate === true || linear || o.model !== undefined || o.matrix !== undefined;
      const rt = await load();
      const seed = seedOf(o);
      // Dense O(N³) work (ε, and the linear inversions) stays quick at the 400 neurons used unless --n is given.
      using net = wantsNetwork ? await networkFromOptions(rt, { ...o, g, n: o.n ?? 400 } as NetworkCliOptions, seed, 'gaussian') : null;
      const stats = net ? modeStatistics(rt, net) : null;
      const epsilon = o.epsilon ?? stats?.epsilon ?? 0;
      const notes: string[] = [];
      const inapplicable = theoryApplies(net, linear);
      if (inapplicable) notes.push(inapplicable);
      const result: Record<string, unknown> = {
        g, phi, seed, model: net?.model ?? 'gaussian', n: net?.n ?? null, epsilon,
        effectiveRank: stats?.effectiveRank ?? null,
        ...(net?.info.effectiveRank === undefined ? {} : { designEffectiveRank: net.info.effectiveRank }),
      };
      let failed = false;
      if (linear) {
        const kappa = Number((net?.params as Record<string, unknown>)?.eta ?? 0);
        result.kappa = kappa;
        result.prLongWindowOverN = inapplicable ? null : linearLongWindowPrOverN(g, kappa);
        const j = denseFromOperator(rt, net as Network);
        const n = (net as Network).n;
        result.prLongWindowMatrixOverN = matrixParticipationRatio(linearLongWindowCovariance(j, n), n) / n;
        result.prEqualTimeOverN = matrixParticipationRatio(linearEqualTimeCovariance(j, n).covariance, n) / n;
      } else if ((DIMENSION_THEORY_PHIS as readonly string[]).includes(phi) && !inapplicable) {
        const theory = scsDimension(g, { phi, epsilon });
        Object.assign(result, {
          theoryStatus: theory.status, prXOverN: theory.prXOverN, prPhiOverN: theory.prPhiOverN, delta0: theory.delta0, meanSlope: theory.meanSlope,
          onsetGap: theory.onsetGap,
        });
        if (theory.status !== 'chaotic') {
          notes.push(`g⟨φ′⟩ ≤ 1: the network is quiescent (activity decays), so PR is undefined; chaos needs g > 1 for ${phi}`);
          failed = o.simulate !== true;
        }
      } else if (!inapplicable) {
        notes.push(`no dimension theory for φ = ${phi} (the cavity result covers odd, saturating φ: ${DIMENSION_THEORY_PHIS.join(', ')})`);
        failed = o.simulate !== true;
      }
      if (o.simulate) {
        // A linear network without input decays: drive it with unit white noise unless --noise is given.
        const noise = linear && o.noise === 0 ? 1 : o.noise;
        const measured = await measure(rt, net as Network, o, phi, noise, seed);
        result.measured = measured;
        if (measured.x.status !== 'ok') failed = true;
      }
      result.notes = notes;
      if (failed) process.exitCode = 1;
      emit(o, result, (r) => formatDimension(r));
    }),
  );
}

const f4 = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : '–');

function formatDimension(r: Record<string, unknown>): string {
  const lines = [`rnnkit dimension: ${r.model}${r.n === null ? ' (N → ∞)' : `, n = ${r.n}`}, g = ${r.g}, φ = ${r.phi}, ε = ${f4(r.epsilon)}` +
    (r.effectiveRank === null ? '' : `, effective rank ${f4(r.effectiveRank)}`)];
  if (r.phi === 'linear') {
    lines.push(`  long-window PR/N: theory ${f4(r.prLongWindowOverN)}, this matrix ${f4(r.prLongWindowMatrixOverN)}; equal-time (Lyapunov) ${f4(r.prEqualTimeOverN)}`);
  } else if ('prXOverN' in r) {
    lines.push(`  theory (N → ∞): PR^x/N = ${f4(r.prXOverN)}, PR^φ/N = ${f4(r.prPhiOverN)} (Δ0 = ${f4(r.delta0)}, ⟨φ′⟩ = ${f4(r.meanSlope)})`);
  }
  const m = r.measured as Awaited<ReturnType<typeof measure>> | undefined;
  if (m) {
    const one = (name: string, p: ReturnType<typeof measuredFields>) => p.prOverN === null
      ? `  measured ${name}: undefined (${p.status})`
      : `  measured ${name}: PR/N = ${f4(p.prOverN)} ± ${f4(p.prOverNStdErr)} (cross-block; plain ${f4(p.plainPrOverN)})`;
    lines.push(one('x', m.x));
    if (r.phi !== 'linear') lines.push(one('φ', m.phi));
    for (const w of new Set([...m.x.warnings, ...m.phi.warnings])) lines.push(`  warning: ${w}`);
  }
  for (const note of r.notes as string[]) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
