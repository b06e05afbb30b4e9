import type { Command } from 'commander';
import { type ConnectivityStats, connectivityStats } from '../../connectivity/index.js';
import type { Network } from '../../connectivity/network.js';
import { writeNetworkFile } from '../../io/files.js';
import { load } from '../../load.js';
import { action, emit, seedOf, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';

function formatDegree(name: string, d: ConnectivityStats['inDegree']): string {
  return `  ${name}: mean ${d.mean.toFixed(3)}, std ${d.std.toFixed(3)}, CV ${d.cv?.toFixed(3) ?? '–'}, min ${d.min}, max ${d.max}`;
}

function formatStats(r: ReturnType<typeof report>): string {
  const f = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '–' : x.toFixed(digits));
  return [
    `rnnkit network: ${r.model}${r.seed === null ? '' : `, seed ${JSON.stringify(r.seed)}`}, n = ${r.n}, nnz = ${r.nnz}, density ${f(r.density, 6)}`,
    `  weights: mean ${f(r.weights.mean, 6)}, std ${f(r.weights.std, 6)}, scaled variance ${f(r.weights.scaledVar)}`,
    formatDegree('in-degree ', r.inDegree),
    formatDegree('out-degree', r.outDegree),
    `  degree correlation ${f(r.degreeCorrelation)}, reciprocity ${f(r.reciprocity)}, η ${f(r.eta)}` +
      (r.effectiveRank === undefined ? '' : `, effective rank ${f(r.effectiveRank, 2)}`),
    `  theory: spectral radius ${f(r.theory.spectralRadius)} (${r.theory.law})`,
    ...(r.exported ? [`  written to ${r.exported}`] : []),
  ].join('\n');
}

function report(net: Network, exported: string | undefined) {
  return {
    model: net.model, seed: net.seed, params: net.params, ...connectivityStats(net), info: net.info, warnings: net.warnings,
    ...(exported ? { exported } : {}),
  };
}

export function registerNetwork(program: Command): void {
  const command = program
    .command('network')
    .description('generate a random network (--model) or load one (--matrix FILE.mtx|FILE.csv) and print its statistics')
    .option('--export <file>', 'write the network to FILE.mtx or FILE.csv');
  withCommonOptions(withNetworkOptions(command)).action(
    action('network', async (options: NetworkCliOptions & { export?: string }) => {
      const rt = await load();
      using net = await networkFromOptions(rt, options, seedOf(options));
      if (options.export !== undefined) await writeNetworkFile(net, options.export);
      emit(options, report(net, options.export), formatStats);
    }),
  );
}
