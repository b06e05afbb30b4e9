import type { Command } from 'commander';
import { applyNonlinearity, norm } from '../../index.js';
import { load } from '../../load.js';
import { action, emit, intArg, numberArg, seedOf, withCommonOptions } from '../common.js';

interface DemoOptions {
  json?: boolean;
  seed: string;
  n: number;
  g: number;
  reps: number;
}

function timeMs(reps: number, fn: () => void): number {
  const start = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - start) / reps;
}

/**
 * A seeded Gaussian network J_ij ~ N(0, g²/N), one recurrent input J·tanh(x), and the time of the
 * product. For any fixed vector r, E‖J r‖² = g²‖r‖², so gainEstimate ≈ g. Comparisons with pure JS
 * and with native peers are `rnnkit bench`'s job.
 */
export function registerDemo(program: Command): void {
  withCommonOptions(
    program
      .command('demo')
      .description('a seeded Gaussian network, its recurrent input J·tanh(x), and the time of the product')
      .option('--n <n>', 'number of neurons', intArg('--n', 1, 10_000), 1000)
      .option('--g <g>', 'coupling gain g', numberArg('--g', 0), 1.5)
      .option('--reps <reps>', 'products timed', intArg('--reps', 1), 50),
  ).action(
    action('demo', async (options: DemoOptions) => {
      const { n, g, reps } = options;
      const seed = seedOf(options);
      const rt = await load();
      const rng = rt.rng(seed);
      using J = rt.dense(n, n);
      rng.normalInto(J.data, 0, g / Math.sqrt(n));
      using x = rng.normal(n);
      using r = applyNonlinearity(rt, 'tanh', x);
      using h = J.multiply(r);
      const gainEstimate = norm(rt, h) / norm(rt, r);
      const wasmMs = timeMs(reps, () => J.multiply(r, h));
      rng.dispose();
      const result = { n, g, seed, simd: rt.simd, gainEstimate, product: { wasmMs } };
      emit(options, result, (res) => [
        `rnnkit demo: Gaussian network, n = ${res.n}, g = ${res.g}, seed ${JSON.stringify(res.seed)}`,
        `  ‖J·tanh(x)‖ / ‖tanh(x)‖ = ${res.gainEstimate.toFixed(4)}   (theory: ≈ g = ${res.g})`,
        `  J·r: ${res.product.wasmMs.toFixed(3)} ms (${res.simd ? 'SIMD' : 'scalar'}; \`rnnkit bench\` compares with pure JS)`,
      ].join('\n'));
    }),
  );
}
