/**
 * `rnnkit fixed-points`: fixed and slow points of dx/dt = −x + J φ(x) + b from many starts
 * (analysis/fixed-points.ts), with the Jacobian spectrum at each, the radii |x*|²/N beside the
 * chaotic radius Δ0 and the static shell q_fp (Gaussian networks), the bulk radius against
 * g√⟨φ′(x*)²⟩, the velocity alignment along a trajectory and how biased the search was.
 * Exits 1 when no fixed point was found.
 */
import { type Command, Option } from 'commander';
import { type FixedPointSearch, findFixedPoints, SPECTRUM_MODES, type SpectrumMode } from '../../analysis/fixed-points.js';
import { quantile } from '../../analysis/statistics.js';
import { NONLINEARITIES, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { load } from '../../load.js';
import { scsVariance } from '../../theory/dmft/scs.js';
import { staticShell } from '../../theory/fixed-points.js';
import { action, emit, intArg, numberArg, progressBar, seedOf, warn, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';

interface FixedPointCliOptions extends NetworkCliOptions {
  phi: NonlinearityName;
  bias: number;
  starts: number;
  slowPoints: boolean;
  jacobianSpectrum?: SpectrumMode;
  t: number;
  transient: number;
  full?: boolean;
}

/** Per-point summary (states and full spectra only with --full). */
function pointSummary(p: FixedPointSearch['points'][number], full: boolean) {
  const s = p.spectrum;
  return {
    kind: p.kind, radius: p.radius, residual: p.residual, residualOverEps: p.residualOverEps, speed: p.speed, hits: p.hits,
    meanSlopeSquared: p.meanSlopeSquared,
    spectrum: s && {
      mode: s.mode, maxRealPart: s.maxRealPart, unstableDimension: s.unstableDimension, maxRadius: s.maxRadius,
      predictedRadius: s.predictedRadius, radialQuantiles: s.radialQuantiles, status: s.status,
      eigenvalues: full ? s.eigenvalues : s.eigenvalues.slice(0, 6),
    },
    ...(full ? { x: Array.from(p.x) } : {}),
  };
}

export function registerFixedPoints(program: Command): void {
  const command = program.command('fixed-points')
    .description('fixed and slow points of dx/dt = −x + J φ(x) + b (Newton–Krylov + q minimisation), Jacobian spectra, radii against Δ0 and the static shell')
    .addOption(new Option('--phi <name>', 'nonlinearity φ').choices(NONLINEARITIES).default('tanh'))
    .option('--bias <b>', 'constant input b', numberArg('--bias'), 0)
    .option('--starts <k>', 'number of starts (half along a trajectory, half random)', intArg('--starts', 1), 32)
    .option('--no-slow-points', 'skip the q minimisation (fixed points only)')
    .addOption(new Option('--jacobian-spectrum <mode>', 'Jacobian spectra: dense (all), leading (Arnoldi), none').choices(SPECTRUM_MODES))
    .option('--t <T>', 'trajectory duration (τ), transient included', numberArg('--t', 0), 150)
    .option('--transient <T0>', 'trajectory transient (τ)', numberArg('--transient', 0), 50)
    .option('--full', 'include the states x* and all eigenvalues in --json');
  withCommonOptions(withNetworkOptions(command)).action(
    action('fixed-points', async (o: FixedPointCliOptions) => {
      const rt = await load();
      const seed = seedOf(o);
      const g = (o.g as number | undefined) ?? 2;
      // Dense spectra at every point are O(N³): 300 neurons keep the default run to seconds (smaller
      // Gaussian networks at g = 2 often have a stable fixed point that ends the chaos).
      using net = await networkFromOptions(rt, { ...o, g, n: o.n ?? 300 } as NetworkCliOptions, seed, 'gaussian');
      const p = net.params as Record<string, unknown>;
      const gaussianIid = net.model === 'gaussian' && Number(p.j0 ?? 0) === 0 && Number(p.eta ?? 0) === 0;
      const bar = progressBar(o, 'fixed points', o.starts);
      const search = await findFixedPoints(rt, net, {
        phi: o.phi, bias: o.bias, starts: o.starts, seed, slowPoints: o.slowPoints, spectrum: o.jacobianSpectrum,
        trajectory: { t: o.t, transient: o.transient }, gain: gaussianIid ? Number(p.g) : undefined,
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      warn(search.warnings);
      const fixed = search.points.filter((q) => q.kind === 'fixed');
      const radii = Float64Array.from(fixed, (q) => q.radius).sort();
      const withTheory = gaussianIid && o.bias === 0 && (o.phi === 'tanh' || o.phi === 'erf');
      const shell = withTheory ? staticShell(Number(p.g), o.phi) : null;
      const result = {
        network: { model: net.model, n: net.n, params: net.params }, seed, phi: o.phi, bias: o.bias,
        fixedCount: search.fixedCount, slowCount: search.slowCount, starts: search.starts, discovery: search.discovery, mirrored: search.mirrored,
        radii: { values: Array.from(radii), median: quantile(radii, 0.5), min: radii[0] ?? null, max: radii[radii.length - 1] ?? null },
        theory: withTheory ? { chaoticRadius: scsVariance(Number(p.g), { phi: o.phi }), staticShell: shell?.q ?? null, shellBulkRadius: shell?.bulkRadius ?? null } : null,
        trajectoryRadius: search.trajectoryRadius,
        alignment: search.alignment && { ...search.alignment, cosines: undefined },
        points: search.points.map((q) => pointSummary(q, o.full === true)),
        newtonIterations: search.newtonIterations, matvecs: search.matvecs, warnings: search.warnings, params: search.params,
      };
      if (search.fixedCount === 0) process.exitCode = 1;
      emit(o, result, formatFixedPoints);
    }),
  );
}

const f = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Number(x.toPrecision(digits)).toString());

function formatFixedPoints(r: {
  network: { model: string; n: number }; phi: string; fixedCount: number; slowCount: number; starts: FixedPointSearch['starts'];
  discovery: number[]; radii: { median: number; min: number | null; max: number | null }; mirrored: number | null;
  theory: { chaoticRadius: number; staticShell: number | null; shellBulkRadius: number | null } | null; trajectoryRadius: number | null;
  alignment: { mean: number; median: number; p10: number; p90: number; nullScale: number; meanDistance: number } | null;
  points: ReturnType<typeof pointSummary>[];
}): string {
  const s = r.starts;
  const lines = [
    `rnnkit fixed-points: ${r.network.model}, n = ${r.network.n}, φ = ${r.phi}`,
    `  ${r.fixedCount} distinct fixed points, ${r.slowCount} slow points from ${s.total} starts (${s.fromTrajectory} along the trajectory, ${s.random} random)`,
    `  starts ending on a fixed point ${s.toFixed}, on a slow point ${s.toSlow}, neither ${s.failed}; on a point already found ${s.duplicates}`,
    `  distinct fixed points after each start: ${r.discovery.join(' ')}${r.mirrored === null ? '' : `; with their mirror image −x* found: ${r.mirrored}`}`,
    `  radius |x*|²/N: median ${f(r.radii.median)} (min ${f(r.radii.min)}, max ${f(r.radii.max)}); along the trajectory ${f(r.trajectoryRadius)}`,
  ];
  if (r.theory) lines.push(`  theory: chaotic radius Δ0 = ${f(r.theory.chaoticRadius)}, static shell q_fp = ${f(r.theory.staticShell)} (bulk radius there ${f(r.theory.shellBulkRadius)})`);
  for (const p of r.points.filter((q) => q.kind === 'fixed').slice(0, 10)) {
    const sp = p.spectrum;
    lines.push(`  fixed  |x|²/N = ${f(p.radius)}  |F|∞ = ${p.residual.toExponential(1)} (${f(p.residualOverEps, 3)} ε·scale)  hits ${p.hits}` +
      (sp ? `  max Re λ = ${f(sp.maxRealPart)}${sp.unstableDimension === null ? '' : `, unstable dim ${sp.unstableDimension}`}` +
        `${sp.maxRadius === null ? '' : `, bulk edge ${f(sp.maxRadius)}`}${sp.predictedRadius === null ? '' : ` (g√⟨φ′²⟩ = ${f(sp.predictedRadius)})`}` : ''));
  }
  if (r.fixedCount > 10) lines.push(`  … ${r.fixedCount - 10} more (see --json)`);
  const slow = r.points.filter((q) => q.kind === 'slow');
  if (slow.length > 0) lines.push(`  slow points: q/N from ${slow[0].speed.toExponential(1)} to ${slow[slow.length - 1].speed.toExponential(1)}`);
  if (r.alignment) {
    const a = r.alignment;
    lines.push(`  velocity vs direction to the nearest fixed point: cos mean ${f(a.mean, 3)}, median ${f(a.median, 3)} (p10 ${f(a.p10, 3)}, p90 ${f(a.p90, 3)}); random directions ±${f(a.nullScale, 2)}; mean distance ${f(a.meanDistance, 3)}`);
  }
  return lines.join('\n');
}
