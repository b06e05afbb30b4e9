/** `rnnkit reproduce <name>`: runs one named reproduction (src/report/presets.ts) through the report machinery. */
import type { Command } from 'commander';
import { parseExperiment } from '../../report/config.js';
import { REPRODUCTIONS } from '../../report/presets.js';
import { action, emit, seedOf, withCommonOptions } from '../common.js';
import { runReport } from './report.js';

interface ReproduceCliOptions {
  json?: boolean;
  seed: string;
  out?: string;
  list?: boolean;
}

export function registerReproduce(program: Command): void {
  const command = program.command('reproduce')
    .description('run a named reproduction (one report section with its theory beside simulation); --list names them')
    .argument('[name]', 'reproduction name')
    .option('--list', 'list the reproductions')
    .option('--out <dir>', 'output directory (default reproduce-<name>)');
  withCommonOptions(command, '1').action(
    action('reproduce', async (name: string | undefined, o: ReproduceCliOptions) => {
      const names = Object.keys(REPRODUCTIONS);
      if (o.list) {
        emit(o, { reproductions: names.map((n) => ({ name: n, summary: REPRODUCTIONS[n].summary })) },
          (r) => r.reproductions.map((x) => `${x.name.padEnd(16)} ${x.summary}`).join('\n'));
        return;
      }
      if (name === undefined || !names.includes(name)) {
        throw new RangeError(`name must be one of ${names.join(', ')} (got ${name === undefined ? 'none' : JSON.stringify(name)}); --list describes them`);
      }
      const experiment = parseExperiment(REPRODUCTIONS[name].experiment, `reproduction ${name}`);
      if (command.getOptionValueSource('seed') === 'cli') experiment.seed = seedOf(o);
      await runReport({ json: o.json, out: o.out ?? `reproduce-${name}` }, experiment);
    }),
  );
}
