// Speed-up of a parallel sweep: a 16-point Lyapunov sweep (`rnnkit sweep --measure lyapunov`'s point
// function, Gaussian n = 300, g = 0.5…2.75, t = 60 τ) serially in this thread and on pools of 1 and 2 workers,
// interleaved, 3 rounds, medians. Wall time includes starting the pool; efficiency per worker =
// speed-up / workers. CPU time (process.cpuUsage, all threads) is the pool's cost that load does not
// hide, and CPU per wall second says how much of the machine the run got (2 on an idle 2-core box).
// Usage: npm run build:ts && node scripts/bench-parallel-sweep.mjs [rounds]
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { ratePoint } from '../dist/cli/commands/dynamics.js';
import { load } from '../dist/index.js';
import { createNodePool } from '../dist/parallel/node-pool.js';
import { runSweep } from '../dist/parallel/sweep.js';

const rounds = Number(process.argv[2] ?? 3);
const base = { t: 60, dt: 0.05, integrator: 'rk4', phi: 'tanh', transient: 10, noise: 0, recordEvery: 4, exponents: 1, stateLimit: 1e6, n: 300, seed: '42' };
const points = Array.from({ length: 16 }, (_, i) => ({ options: { ...base, g: 0.5 + 0.15 * i }, measure: 'lyapunov', seed: 42 }));
const rt = await load();

async function timed(workers) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const pool = workers === 0 ? undefined : createNodePool({ workers, load: { build: rt.build, simd: rt.simd } });
  const rows = await runSweep(rt, ratePoint, points, pool ? { pool } : {});
  await pool?.close();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rows };
}

const contenders = { serial: 0, 'pool of 1': 1, 'pool of 2': 2 };
const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
const load0 = loadavg();
let reference;
for (let r = 0; r < rounds; r++) {
  for (const [name, workers] of Object.entries(contenders)) {
    const s = await timed(workers);
    reference ??= JSON.stringify(s.rows);
    if (JSON.stringify(s.rows) !== reference) throw new Error(`${name}: rows differ from the serial run`);
    samples[name].push(s);
    process.stderr.write(`round ${r + 1} ${name}: ${(s.wallMs / 1000).toFixed(2)} s wall, ${(s.cpuMs / 1000).toFixed(2)} s CPU\n`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const serialWall = median(samples.serial.map((s) => s.wallMs));
const summary = Object.entries(contenders).map(([name, workers]) => {
  const wallMs = median(samples[name].map((s) => s.wallMs));
  const cpuMs = median(samples[name].map((s) => s.cpuMs));
  const speedUp = serialWall / wallMs;
  return { name, workers: Math.max(1, workers), wallMs, cpuMs, speedUp, efficiencyPerWorker: speedUp / Math.max(1, workers), cpuPerWall: cpuMs / wallMs };
});
const out = {
  benchmark: '16-point Lyapunov sweep (n = 300, t = 60 τ, RK4), identical rows in every run', node: process.version,
  cores: availableParallelism(), loadAverageBefore: load0, loadAverageAfter: loadavg(), rounds, summary,
};
await writeFile(new URL('../bench/results/parallel-sweep.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(JSON.stringify(out, null, 1));
