/** `rnnkit motifs`: weighted second-order motif statistics of any network (--model … or --matrix FILE). */
import type { Command } from 'commander';
import { connectivityMotifs } from '../../analysis/motifs.js';
import { load } from '../../load.js';
import { action, emit, seedOf, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';

export function registerMotifs(program: Command): void {
  const command = program.command('motifs')
    .description('reciprocal, convergent, divergent and chain motif statistics (Zhao et al. 2011, weighted) of a network');
  withCommonOptions(withNetworkOptions(command)).action(
    action('motifs', async (o: NetworkCliOptions) => {
      const rt = await load();
      const seed = seedOf(o);
      using net = await networkFromOptions(rt, o, seed);
      if (net.matrix === null) throw new RangeError('motifs needs a materialised matrix (this random-mode network is matrix-free)');
      const result = { model: net.model, seed: net.seed, params: net.params, ...connectivityMotifs(rt, net.matrix) };
      emit(o, result, (r) => [
        `rnnkit motifs: ${r.model}, n = ${r.n}; off-diagonal mean ${r.mean.toExponential(4)}, variance ${r.variance.toExponential(4)}`,
        `  reciprocal ${r.reciprocal.toFixed(5)}, convergent ${r.convergent.toFixed(5)}, divergent ${r.divergent.toFixed(5)}, chain ${r.chain.toFixed(5)}`,
      ].join('\n'));
    }),
  );
}
