// Calibration of glmBlockComparison's per-rate-group check (src/analysis/spiking-timescales.ts):
// runs the default E/I Poisson-GLM network for several seeds and prints, per group, the relative
// deviation of amplitude and correlation time from the theory, and Σ((τ_sg − mean_g τ)/s.e._sg)²
// against its χ² degrees of freedom (whether the bootstrap s.e. matches the spread over seeds).
// The model tolerances in that module's doc come from this at --t 20200.
// Usage (after npm run build:ts): node scripts/glm-timescales-calibration.mjs [--t 20200] [--seeds 4]
import { parseArgs } from 'node:util';
import { glmBlockComparison, load } from '../dist/index.js';

const { values } = parseArgs({ options: { t: { type: 'string', default: '20200' }, seeds: { type: 'string', default: '4' } } });
const rt = await load();
const runs = [];
for (let s = 1; s <= Number(values.seeds); s++) {
  const cpu = process.cpuUsage();
  const c = await glmBlockComparison(rt, { seed: `calibration-${s}`, tMs: Number(values.t) });
  runs.push(c);
  const pct = (x) => `${x.simulation >= x.theory ? '+' : ''}${(100 * (x.simulation / x.theory - 1)).toFixed(1)}%`;
  const groups = c.blocks.map((b, a) => `${'EI'[a]}: ${b.byRate.map((g) => `${g.rateHz.mean.toFixed(0)} Hz amp ${pct(g.amplitudeHz2)} τ_c ${pct(g.correlationTimeMs)}`).join(', ')}`);
  console.log(`seed ${s} (${(process.cpuUsage(cpu).user / 1e6).toFixed(0)} s CPU): agrees ${c.agrees}; ${groups.join('; ')}`);
}
const taus = runs.map((c) => c.blocks.flatMap((b) => b.byRate.map((g) => g.correlationTimeMs)));
let chi2 = 0;
for (let g = 0; g < taus[0].length; g++) {
  const mean = taus.reduce((sum, r) => sum + r[g].simulation, 0) / taus.length;
  for (const r of taus) chi2 += ((r[g].simulation - mean) / r[g].stdErr) ** 2;
}
console.log(`correlation time: χ² = ${chi2.toFixed(1)} for ${taus[0].length * (taus.length - 1)} degrees of freedom`);
