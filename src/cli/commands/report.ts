import { readFile } from 'node:fs/promises';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { defaultExperiment, parseExperiment } from '../../report/config.js';
import { writeReport } from '../../report/write.js';
import { load } from '../../load.js';
import { poolFor, withWorkersOption } from '../parallel-options.js';
import { action, emit, type Progress, progressBar, seedOf, withCommonOptions } from '../common.js';

interface ReportCliOptions {
  json?: boolean;
  seed: string;
  config?: string;
  out: string;
  quick?: boolean;
  workers: number;
}

async function readConfig(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RangeError(`--config: cannot read ${path} (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RangeError(`--config: ${path} is not valid JSON (${(error as Error).message})`);
  }
  return parseExperiment(json, `--config ${path}`);
}

export function registerReport(program: Command): void {
  const command = program.command('report')
    .description('run an experiment (the default one, or --config FILE.json) and write DIR/index.html and DIR/report.json')
    .option('--config <file>', 'experiment as JSON (see README: "Writing a report config")')
    .option('--out <dir>', 'output directory', 'report')
    .option('--quick', 'smaller networks and shorter runs (a smoke test of the default experiment)');
  withWorkersOption(command);
  withCommonOptions(command, '1').action(
    action('report', async (o: ReportCliOptions) => {
      if (o.config !== undefined && o.quick) throw new RangeError('--quick applies to the default experiment only, not to --config');
      const experiment = o.config !== undefined ? await readConfig(o.config) : defaultExperiment(o.quick ?? false);
      if (o.config === undefined || command.getOptionValueSource('seed') === 'cli') experiment.seed = seedOf(o);
      const rt = await load();
      const bars = new Map<string, Progress>();
      // The sweeps (lyapunov, participation) run their points on the pool; the other sections in this thread.
      const pool = poolFor(rt, o.workers);
      const { htmlPath, jsonPath, data } = await writeReport(rt, experiment, o.out, (section, done, total) => {
        const bar = bars.get(section) ?? progressBar(o, section.padEnd(13), total);
        bars.set(section, bar);
        bar.update(done);
        if (done === total) bar.stop();
      }, pool ? { pool } : {}).finally(() => pool?.close());
      const result = { html: htmlPath, json: jsonPath, seed: data.seed, summary: data.summary, timingMs: data.timingMs };
      emit(o, result, (r) => {
        const table = new Table({ head: ['section', 'quantity', 'value'], style: { head: [], border: [] } });
        for (const row of r.summary) table.push([row.section, row.item, row.value]);
        return `${table.toString()}\nrnnkit report: wrote ${r.html} and ${r.json} in ${(r.timingMs.total / 1000).toFixed(1)} s`;
      });
    }),
  );
}
