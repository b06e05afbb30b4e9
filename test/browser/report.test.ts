/**
 * The report as a person sees it: `rnnkit report --quick` writes index.html and report.json; headless
 * Chromium opens the page from disk (no server, and no request may leave file://), and every figure
 * must be there and drawn, with the summary table showing exactly the numbers in report.json.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, requireChromium } from '../helpers/chromium.js';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit report', () => {
  requireChromium('report rendered in Chromium');
  let dir: string;
  let report: {
    summary: { section: string; item: string; value: string }[];
    figures: { id: string; spec: { layer?: { data: { values: unknown[] } }[]; data?: { values: unknown[] } } }[];
    results: Record<string, unknown>;
    rnnkitVersion: string;
    seed: number | string;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rnnkit-report-'));
    const run = await rnnkit('report', '--quick', '--out', dir, '--json');
    expect(run.code, run.stderr).toBe(0);
    report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
  }, 300_000);

  it('writes report.json with every section, figure data, version and seed', () => {
    expect(Object.keys(report.results).sort()).toEqual(['effectiveRank', 'lyapunov', 'meanField', 'participation', 'spectra', 'spiking', 'spikingForce', 'spikingGain', 'timescales', 'traces']);
    expect(report.figures.map((f) => f.id)).toEqual([
      'spectrum-0', 'spectrum-1', 'spectrum-2', 'spectrum-3', 'lyapunov', 'traces',
      'timescale-distribution', 'timescale-degree', 'participation', 'effective-rank',
      'mean-field-delta', 'mean-field-variance-degree', 'mean-field-timescale-degree', 'memory-term',
      'spiking-raster', 'spiking-rate', 'spiking-cv', 'spiking-pr', 'spiking-gain',
      'spiking-force-output', 'spiking-force-strength', 'spiking-force-motifs',
    ]);
    for (const f of report.figures) {
      const values = f.spec.layer ? f.spec.layer[0].data.values : f.spec.data?.values;
      expect(values?.length, f.id).toBeGreaterThan(0);
    }
    // The dimension figures carry the N → ∞ theory as dashed curves (x and φ) beside the measured points.
    for (const id of ['participation', 'effective-rank']) {
      const layers = report.figures.find((f) => f.id === id)?.spec.layer ?? [];
      const series = new Set(layers.flatMap((l) => l.data.values as { series?: string }[]).map((v) => v.series));
      expect(series.has('theory: x') && series.has('theory: φ'), id).toBe(true);
    }
    expect(report.rnnkitVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.seed).toBe(1);
  });

  it('compares the timescales of η = 0.5 and η = 0 over replicate networks, claiming a difference only beyond 2 SE', () => {
    // Main's quick report printed one run's medians (2.12 vs 2.02 τ) as if η sped timescales up.
    const timescales = report.results.timescales as { label: string; median: number; medianStdErr: number }[];
    const row = report.summary.find((r) => r.item === 'median τ_int, η = 0.5 − η = 0');
    expect(row?.value).toMatch(/^[+-]\S+ ± \S+ τ, (resolved: η = 0\.5 (slower|faster) \(\|Δ\| > 2 SE\)|not resolved)/);
    const difference = timescales[1].median - timescales[0].median;
    const stdErr = Math.hypot(timescales[0].medianStdErr, timescales[1].medianStdErr);
    expect(stdErr).toBeGreaterThan(0);
    expect(row?.value.includes('not resolved')).toBe(Math.abs(difference) <= 2 * stdErr);
  });

  it.skipIf(!hasChromium)('renders offline in Chromium with every figure drawn and the summary equal to report.json', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file://')) foreign.push(r.url());
      });
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      for (const { id } of report.figures) {
        const figure = page.locator(`figure#${id}`);
        await expect(figure.count()).resolves.toBe(1);
        const box = await figure.locator('svg').first().boundingBox();
        expect(box?.width, id).toBeGreaterThan(100);
        expect(box?.height, id).toBeGreaterThan(100);
        // Marks: points, lines or bars drawn inside the figure's SVG.
        const marks = await figure.locator('svg path, svg circle, svg rect, svg line').count();
        expect(marks, id).toBeGreaterThan(10);
      }
      const shown = await page.locator('#summary tbody tr').evaluateAll((rows) =>
        rows.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
      expect(shown).toEqual(report.summary.map((r) => [r.section, r.item, r.value]));
      const embedded = JSON.parse(await page.locator('#rnnkit-figures').textContent() ?? '[]');
      expect(embedded.map((f: { id: string }) => f.id)).toEqual(report.figures.map((f) => f.id));
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('validates a config file with errors that name the entry, and runs a custom sweep', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ lyapunov: { networks: [{ label: 'x', model: 'gaussian', n: 50 }], sweep: { param: 'g', values: [1, 'two'] }, dynamics: { t: 10 } } }));
    const r1 = await rnnkit('report', '--config', bad, '--out', join(dir, 'bad'));
    expect(r1.code).not.toBe(0);
    expect(r1.stderr).toMatch(/lyapunov\.sweep\.values\[1\]/);
    await writeFile(bad, '{ not json');
    expect((await rnnkit('report', '--config', bad)).stderr).toMatch(/is not valid JSON/);
    await writeFile(bad, JSON.stringify({ spectra: { networks: [{ label: 'x', model: 'gaussian', n: 0 }] } }));
    expect((await rnnkit('report', '--config', bad, '--out', join(dir, 'bad'))).stderr).toMatch(/network 'x'.*n must be/);

    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({
      title: 'custom', seed: 'mine',
      participation: { networks: [{ label: 'E/I', model: 'ei', n: 200, k: 20 }], sweep: { param: 'j', values: [0.2, 0.5] }, dynamics: { t: 30, transient: 10 } },
    }));
    const out = join(dir, 'custom');
    const r2 = await rnnkit('report', '--config', good, '--out', out, '--json');
    expect(r2.code, r2.stderr).toBe(0);
    const custom = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(custom.title).toBe('custom');
    expect(custom.seed).toBe('mine');
    expect(custom.figures.map((f: { id: string }) => f.id)).toEqual(['participation']);
    expect(custom.results.participation.series[0].points.map((p: { value: number }) => p.value)).toEqual([0.2, 0.5]);
  }, 120_000);
});
