// One against two threads (load({ threads: 2 })) on the issue-16 L3-resident jobs: dense gemv
// n = 1000 and 2000, one RLS update n = 1000, one RK4 step of a dense rate network n = 1000.
// Both runtimes hold the same data and are timed in one tinybench run, tasks interleaved (one
// after the other, 5 rounds), so machine load hits both alike; medians of the rounds' medians.
// Wall time is the figure that threads change; CPU time per call (process.cpuUsage over the run,
// both threads' CPU) is printed beside it. Results: bench/results/threads.json (with uptime).
// Usage: npm run build && node scripts/bench-threads.mjs [--quick]
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { Bench } from 'tinybench';
import { gaussianNetwork, load, RateNetwork, RecursiveLeastSquares } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 5;
const TIME_MS = quick ? 100 : 300;

const one = await load();
const two = await load({ threads: 2 });

/** Timed functions for one job on one runtime, and a checksum to compare the runtimes by. */
function gemvJob(rt, n) {
  const a = gaussianNetwork(rt, { n, g: 1, seed: `bench-threads-gemv-${n}` });
  const x = rt.rng(`bench-threads-x-${n}`).normal(n);
  const y = rt.f64(n);
  return { run: () => a.multiply(x, y), checksum: () => y.view().reduce((s, v) => s + v, 0) };
}

function rlsJob(rt, n) {
  const rls = new RecursiveLeastSquares(rt, { n, m: 1, alpha: 1 });
  const r = rt.rng('bench-threads-rls').uniform(n);
  const e = rt.f64From([1e-3]);
  // Tiny errors and one fixed r: P stays positive definite through any number of updates.
  return { run: () => rls.updateRaw(r.ptr, e.ptr), checksum: () => rls.weights.view()[0] };
}

function rk4Job(rt, n) {
  const net = gaussianNetwork(rt, { n, g: 1.5, seed: 'bench-threads-rk4' });
  const network = new RateNetwork(rt, { connectivity: net, bias: 0.1 }).randomizeState('x0');
  return { run: () => network.stepUnchecked(0.05, 'rk4'), checksum: () => network.state()[0] };
}

const JOBS = [
  ['gemv', 1000, gemvJob], ['gemv', 2000, gemvJob], ['rls update', 1000, rlsJob], ['rk4 step dense', 1000, rk4Job],
];

const results = [];
for (const [name, n, make] of JOBS) {
  const jobs = { 1: make(one, n), 2: make(two, n) };
  const samples = { 1: [], 2: [] };
  const cpu = { 1: [], 2: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const threads of [1, 2]) {
      const bench = new Bench({ time: TIME_MS, warmup: false });
      bench.add(`${name} n=${n} threads=${threads}`, () => jobs[threads].run());
      const before = process.cpuUsage();
      await bench.run();
      const used = process.cpuUsage(before);
      const task = bench.tasks[0];
      const stats = task.result.latency ?? task.result;
      const calls = stats.samples?.length ?? task.runs;
      samples[threads].push(stats.p50 ?? stats.median);
      cpu[threads].push((used.user + used.system) / 1000 / calls);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = {
    job: name, n,
    ms1: median(samples[1]), ms2: median(samples[2]),
    cpuMsPerCall1: median(cpu[1]), cpuMsPerCall2: median(cpu[2]),
  };
  row.speedup = row.ms1 / row.ms2;
  // The timed runs made different numbers of calls; fresh copies make the same 10 on both runtimes,
  // whose results must then agree bit for bit.
  const fresh = [make(one, n), make(two, n)];
  for (const job of fresh) for (let i = 0; i < 10; i++) job.run();
  row.checksumsEqual = Object.is(fresh[0].checksum(), fresh[1].checksum());
  results.push(row);
  console.log(
    `${name.padEnd(15)} n=${String(n).padEnd(5)} 1 thread ${row.ms1.toFixed(3)} ms  2 threads ${row.ms2.toFixed(3)} ms  ` +
      `×${row.speedup.toFixed(2)}  (CPU/call ${row.cpuMsPerCall1.toFixed(3)} / ${row.cpuMsPerCall2.toFixed(3)} ms)  ` +
      `checksums ${row.checksumsEqual ? 'equal' : 'DIFFER'}`,
  );
}
two.dispose();

const env = {
  date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length,
  loadAverage: os.loadavg(), rounds: ROUNDS, timeMsPerTask: TIME_MS,
};
console.log(`load average ${env.loadAverage.map((l) => l.toFixed(2)).join(' ')} (1/5/15 min) on ${env.cores} cores`);
if (!quick) await writeFile('bench/results/threads.json', `${JSON.stringify({ env, results }, null, 2)}\n`);
