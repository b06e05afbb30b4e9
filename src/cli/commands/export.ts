/**
 * `rnnkit export --format sonata --out DIR`: the spiking network the `spiking` options describe,
 * as a SONATA circuit that NEST ≥ 3.5 runs with `nest.SonataNetwork` (src/io/sonata.ts).
 */
import { type Command, Option } from 'commander';
import { writeSonata } from '../../io/sonata.js';
import { load } from '../../load.js';
import { action, emit, seedOf, withCommonOptions } from '../common.js';
import { type SpikingCliOptions, spikingParamsFromOptions, withSpikingOptions } from './spiking.js';

export function registerExport(program: Command): void {
  const command = program.command('export')
    .description('write a spiking network (the spiking command\'s options) as a SONATA circuit for NEST: HDF5 nodes/edges, type CSVs, configs')
    .addOption(new Option('--format <format>', 'output format').choices(['sonata']).makeOptionMandatory())
    .option('--out <dir>', 'output directory', 'sonata');
  withCommonOptions(withSpikingOptions(command)).action(
    action('export', async (o: SpikingCliOptions & { format: 'sonata'; out: string }) => {
      const rt = await load();
      const params = await spikingParamsFromOptions(rt, o, seedOf(o));
      try {
        const files = await writeSonata(rt, o.out, params, { tStopMs: o.t });
        const result = { format: o.format, tStopMs: o.t, dtMs: o.dt, ...files };
        emit(o, result, (r) => [
          `rnnkit export: SONATA circuit of ${r.nNodes} neurons, ${r.nEdges} synapses (${r.nNodeTypes} node types) in ${o.out}`,
          `  run it in NEST ≥ 3.5: nest.SonataNetwork("${r.circuitConfig}", "${r.simulationConfig}")`,
          ...r.nestml.map((path) => `  its nodes need the NESTML model ${path} built and installed first (README)`),
        ].join('\n'));
      } finally {
        params.weights.dispose();
      }
    }),
  );
}
