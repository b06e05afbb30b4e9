/**
 * `rnnkit spiking-timescales`: rates, spike autocorrelations and intrinsic timescales of a
 * two-block (E, I) network of Poisson-GLM neurons by the block mean-field iteration
 * (theory/spiking-timescales.ts) beside direct simulation of the same network
 * (analysis/spiking-timescales.ts), with per-quantity agreement.
 */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { glmBlockComparison } from '../../analysis/spiking-timescales.js';
import { load } from '../../load.js';
import { action, emit, intArg, numberArg, seedOf, warn, withCommonOptions } from '../common.js';

interface SpikingTimescalesCliOptions {
  json?: boolean;
  seed: string;
  nE: number;
  nI: number;
  kE: number;
  kI: number;
  jE: number;
  jI: number;
  muE: number;
  muI: number;
  theta: number;
  width: number;
  rateMax: number;
  t: number;
  rateBins: number;
}

export function registerSpikingTimescales(program: Command): void {
  const command = program.command('spiking-timescales')
    .description('Poisson-GLM block network: mean-field rates, spike autocorrelations and timescales beside direct simulation')
    .option('--n-e <N>', 'excitatory neurons', intArg('--n-e', 2), 800)
    .option('--n-i <N>', 'inhibitory neurons', intArg('--n-i', 2), 200)
    .option('--k-e <K>', 'mean excitatory in-degree (Poisson) of every neuron', numberArg('--k-e', 0), 80)
    .option('--k-i <K>', 'mean inhibitory in-degree (Poisson) of every neuron', numberArg('--k-i', 0), 20)
    .option('--j-e <mV>', 'excitatory weight (jump of I per spike, mV)', numberArg('--j-e'), 1)
    .option('--j-i <mV>', 'inhibitory weight (mV)', numberArg('--j-i'), -4)
    .option('--mu-e <mV>', 'drive of the excitatory block', numberArg('--mu-e'), 6)
    .option('--mu-i <mV>', 'drive of the inhibitory block', numberArg('--mu-i'), 4)
    .option('--theta <mV>', 'rate function midpoint θ in ν_max Φ((v − θ)/σ_ν)', numberArg('--theta'), 10)
    .option('--width <mV>', 'rate function width σ_ν', numberArg('--width', 0), 5)
    .option('--rate-max <Hz>', 'rate function maximum ν_max', numberArg('--rate-max', 0), 100)
    .option('--t <ms>', 'simulated time (ms; the first 200 are dropped)', numberArg('--t', 300), 3200)
    .option('--rate-bins <n>', 'groups of neurons per block by measured rate, for the per-neuron autocorrelation check (≥ 10 neurons each)', intArg('--rate-bins', 1), 3);
  withCommonOptions(command).action(action('spiking-timescales', async (o: SpikingTimescalesCliOptions) => {
    const rt = await load();
    const seed = seedOf(o);
    const c = await glmBlockComparison(rt, {
      sizes: [o.nE, o.nI], inDegree: [[o.kE, o.kI], [o.kE, o.kI]], weightMv: [[o.jE, o.jI], [o.jE, o.jI]], muMv: [o.muE, o.muI],
      neuron: { thetaMv: o.theta, rateWidthMv: o.width, rateMaxHz: o.rateMax }, tMs: o.t, rateBins: o.rateBins, seed,
    });
    warn(c.warnings);
    const result = {
      params: c.params,
      status: c.theory.status,
      iterations: c.theory.iterations,
      blocks: c.blocks.map((b, a) => {
        const t = c.theory.blocks[a];
        return {
          name: a === 0 ? 'E' : 'I', ...b, input: t.input, timescalesMs: t.timescales, medianTimescaleMs: t.medianTimescaleMs,
          theoryAutocorrelationHz2: Array.from(t.autocorrelationHz2.subarray(0, 51)),
        };
      }),
      agreement: c.agrees ? 'agrees' : 'disagrees',
      agreementRule: '|sim − theory| ≤ 3 s.e. over neurons + model tolerance (12% rate, 15% spread, 20% autocovariance and group amplitude, 10% group correlation time)',
      warnings: c.warnings,
    };
    emit(o, result, (r) => {
      const table = new Table({ head: ['block', 'rate sim (Hz)', 'rate theory', 'sd sim', 'sd theory', 'τ_int median (ms)'], style: { head: [], border: [] } });
      for (const b of r.blocks) {
        table.push([b.name, `${b.rateMeanHz.simulation.toFixed(2)} ± ${b.rateMeanHz.stdErr.toFixed(2)}`, b.rateMeanHz.theory.toFixed(2),
          b.rateSdHz.simulation.toFixed(2), b.rateSdHz.theory.toFixed(2), b.medianTimescaleMs.toFixed(2)]);
      }
      const lags = r.blocks.map((b) => `${b.name}: ${b.autocovarianceHz2.map((x) => `C(${x.lagMs}) ${x.simulation.toFixed(0)}±${x.stdErr.toFixed(0)} vs ${x.theory.toFixed(0)} Hz²`).join(', ')}`);
      const groups = new Table({ head: ['block', 'rate group (Hz)', 'amplitude sim (Hz²)', 'theory', 'τ_c sim (ms)', 'theory', 'τ_int theory'], style: { head: [], border: [] } });
      for (const b of r.blocks) {
        for (const g of b.byRate) {
          groups.push([b.name, `${g.rateHz.min.toFixed(1)}–${g.rateHz.max.toFixed(1)}`, `${g.amplitudeHz2.simulation.toFixed(0)} ± ${g.amplitudeHz2.stdErr.toFixed(0)}`,
            g.amplitudeHz2.theory.toFixed(0), `${g.correlationTimeMs.simulation.toFixed(2)} ± ${g.correlationTimeMs.stdErr.toFixed(2)}`, g.correlationTimeMs.theory.toFixed(2),
            g.theoryTauIntMs.toFixed(2)]);
        }
      }
      return [`rnnkit spiking-timescales: mean field ${r.status} after ${r.iterations} iterations`, table.toString(), ...lags,
        'per-neuron autocorrelation by rate group (τ_c: correlation time over lags 1–30 ms):', groups.toString(), `  ${r.agreement} (${r.agreementRule})`].join('\n');
    });
    if (!c.agrees) process.exitCode = 1;
  }));
}
