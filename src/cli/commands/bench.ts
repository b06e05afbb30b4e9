import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import Table from 'cli-table3';
import { type Command, Option } from 'commander';
import { runConnectivityBench } from '../../bench/connectivity.js';
import { runForceBench } from '../../bench/force.js';
import { runSpikingBench } from '../../bench/spiking.js';
import { type EigenBenchReport, runEigenBench } from '../../bench/eigen.js';
import { type BenchReport, benchCases, benchEnv, runKernelBench } from '../../bench/kernels.js';
import { ensureWritableDirectory } from '../../io/files.js';
import { load } from '../../load.js';
import { action, emit, intArg, progressBar, seedOf, withCommonOptions } from '../common.js';

interface BenchCliOptions {
  json?: boolean;
  seed: string;
  quick?: boolean;
  out?: string;
  timeMs?: number;
  simd: string;
  suite: 'kernels' | 'connectivity' | 'force' | 'all' | 'eigen' | 'spiking';
}

export function formatBench(report: BenchReport): string {
  const table = new Table({
    head: ['kernel', 'n', 'nnz', 'WASM ms (median)', 'JS ms (median)', 'speed-up'],
    style: { head: [], border: [] },
  });
  for (const r of report.results) {
    table.push([r.kernel, r.n, r.nnz, r.wasmMs.toFixed(4), `${r.jsMs.toFixed(4)}${r.baseline ? ` (WASM, ${r.baseline})` : ''}`, `${r.speedup.toFixed(2)}×`]);
  }
  const { env } = report;
  return `${table.toString()}\nNode ${env.node} (V8 ${env.v8}), ${env.cpu}, ${env.cores} cores, ` +
    `${env.simd ? 'SIMD' : 'scalar'} ${env.build} build${env.quick ? ', quick' : ''}`;
}

export function formatEigenBench(report: EigenBenchReport): string {
  const table = new Table({
    head: ['case', 'n', 'nnz', 'rnnkit ms (median)', 'ml-matrix ms', 'speed-up', 'detail'],
    style: { head: [], border: [] },
  });
  for (const r of report.results) {
    table.push([r.case, r.n, r.nnz, r.wasmMs.toFixed(1), r.jsMs === null ? '—' : r.jsMs.toFixed(1),
      r.speedup === null ? '—' : `${r.speedup.toFixed(2)}×`, JSON.stringify(r.detail)]);
  }
  const { env } = report;
  return `${table.toString()}\nNode ${env.node} (V8 ${env.v8}), ${env.cpu}, ${env.cores} cores, ` +
    `${env.simd ? 'SIMD' : 'scalar'} ${env.build} build, ${env.reps} repetition(s)${env.quick ? ', quick' : ''}`;
}

export function registerBench(program: Command): void {
  withCommonOptions(
    program
      .command('bench')
      .description('time each WASM kernel against its pure-JS reference on the same data (medians, speed-up ratios)')
      .option('--quick', 'fewer sizes and shorter sampling')
      .option('--out <file>', 'where to write the JSON report (default bench/results/latest.json; eigen: bench/results/eigen.json; spiking: bench/results/spiking.json)')
      .addOption(new Option('--time-ms <ms>', 'sampling time per task in ms').argParser(intArg('--time-ms', 1)))
      .addOption(new Option('--simd <mode>', 'WASM binary to time').choices(['auto', 'on', 'off']).default('auto'))
      .addOption(new Option('--suite <suite>',
        'kernel table, network generation (lognormal n = 1e5, K = 100), FORCE (RLS update and a training run at n = 1000), ' +
          'all three (all), eigensolvers vs ml-matrix (eigen, minutes), or spiking networks (N = 1000 and 10⁴, 1 s each) and spiking FORCE training (N = 2000)')
        .choices(['kernels', 'connectivity', 'force', 'all', 'eigen', 'spiking']).default('kernels')),
  ).action(
    action('bench', async (options: BenchCliOptions) => {
      const out = options.out ?? `bench/results/${options.suite === 'eigen' ? 'eigen' : 'latest'}.json`;
      await ensureWritableDirectory('--out', dirname(out)); // before minutes of benchmarks, not after
      const rt = await load({ simd: options.simd === 'auto' ? 'auto' : options.simd === 'on', warmUp: true });
      const seed = seedOf(options);
      if (options.suite === 'eigen') {
        const bar = progressBar(options, 'bench eigen', 4);
        const report = await runEigenBench(rt, { quick: options.quick, seed, onCase: (done) => bar.update(done) });
        bar.stop();
        await writeReport(out, report);
        emit(options, report, formatEigenBench);
        return;
      }
      if (options.suite === 'spiking') {
        const bar = progressBar(options, 'bench spiking', 4);
        const report = { results: await runSpikingBench(rt, { quick: options.quick, seed, onCase: (done) => bar.update(done) }), env: benchEnv(rt, options.quick ?? false, 0) };
        bar.stop();
        await writeReport(options.out ?? 'bench/results/spiking.json', report);
        emit(options, report, formatBench);
        return;
      }
      const withKernels = options.suite === 'kernels' || options.suite === 'all';
      const bar = progressBar(options, 'bench', withKernels ? benchCases(options.quick ?? false).length : 2);
      const report: BenchReport = withKernels
        ? await runKernelBench(rt, { quick: options.quick, seed, timeMs: options.timeMs, onCase: (done) => bar.update(done) })
        : { results: [], env: benchEnv(rt, options.quick ?? false, 0) };
      if (options.suite === 'connectivity' || options.suite === 'all') {
        report.results.push(...await runConnectivityBench(rt, { quick: options.quick, seed, onCase: (done) => bar.update(done) }));
      }
      if (options.suite === 'force' || options.suite === 'all') {
        report.results.push(...await runForceBench(rt, { quick: options.quick, seed, onCase: (done) => bar.update(done) }));
      }
      bar.stop();
      await writeReport(out, report);
      emit(options, report, formatBench);
    }),
  );
}

async function writeReport(path: string, report: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
