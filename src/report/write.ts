/**
 * `writeReport`: runs an experiment and writes DIR/index.html (self-contained, opens offline) and
 * DIR/report.json (every number plotted, the figure specifications, the experiment, seed and
 * rnnkit version). Node only (writes files).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureWritableDirectory } from '../io/files.js';
import type { Runtime } from '../runtime.js';
import { packageVersion } from '../version.js';
import type { Experiment } from './config.js';
import { type ExperimentRunOptions, type ProgressCallback, runExperiment } from './experiment.js';
import { reportHtml } from './html.js';
import { renderSvg } from './plots.js';

/** Checks (and creates) `outDir` first, so that a bad path fails before the experiment runs. */
export async function writeReport(rt: Runtime, experiment: Experiment, outDir: string, onProgress?: ProgressCallback, run?: ExperimentRunOptions) {
  const started = performance.now();
  await ensureWritableDirectory('writeReport: outDir', outDir);
  const { results, figures, summary, timingMs } = await runExperiment(rt, experiment, onProgress, run);
  const rendered = [];
  for (const figure of figures) rendered.push({ ...figure, svg: await renderSvg(figure.spec) });
  const generated = new Date().toISOString();
  const version = packageVersion();
  const data = {
    rnnkitVersion: version, title: experiment.title, seed: experiment.seed, generated, experiment, results, summary,
    figures: figures.map(({ id, title, caption, spec }) => ({ id, title, caption, spec })),
    timingMs: { ...timingMs, total: performance.now() - started },
  };
  const htmlPath = join(outDir, 'index.html');
  const jsonPath = join(outDir, 'report.json');
  await writeFile(jsonPath, `${JSON.stringify(data, null, 1)}\n`);
  await writeFile(htmlPath, reportHtml({ title: experiment.title, version, seed: experiment.seed, generated, figures: rendered, summary, experiment }));
  return { htmlPath, jsonPath, data };
}
