/**
 * The explorer (examples/explorer) in headless Chromium, as a user gets it: its own npm ci, rnnkit
 * from `npm pack`, a Vite build (scripts/explorer.mjs --build-only --check), served on 127.0.0.1.
 *
 * - every request stays on 127.0.0.1, and the page works offline once loaded (service worker);
 * - moving sliders redraws every panel, and the numbers shown equal the Node API's for the same
 *   seed and parameters, bit for bit (same WASM binary, same operations);
 * - responsiveness: long tasks (PerformanceObserver 'longtask') and the time from a slider move to
 *   the coarse and the full spectrum of a dense N = 1000 network, written to
 *   artifacts/explorer-timing.json and printed (see that test for what is asserted and why);
 * - bad input shows an inline message and keeps the last good view;
 * - exports (JSON in report.json's shape, SVG, PNG) and a screenshot, artifacts/explorer.png.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DenseMatrix, deriveSeed, eigDense, eigs, inverseParticipationRatio, load, lyapunovExponents, network, participationRatio, type Runtime,
  scsDimension, scsLyapunov, scsMeanField, simulateRate, sparseGaussianNetwork, spectralRadiusOf, SpikingNetwork, spikeStatistics,
} from '../../src/index.js';
import { CHROMIUM, hasChromium, requireChromium } from '../helpers/chromium.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const SCRIPT = resolve(ROOT, 'examples/explorer/scripts/explorer.mjs');
const ARTIFACTS = resolve(ROOT, 'artifacts');
requireChromium('explorer app');

const PANELS = ['spectrum', 'activity', 'chaos', 'dimension', 'spiking'] as const;
type PanelName = (typeof PANELS)[number];

/** A small view, so that every panel finishes in seconds: N = 200, T = 60 τ (transient 15 τ). */
const SMALL = { n: 200, t: 60 };

interface PanelState { stage: string; key: string; draws: number; values: Record<string, number | null> }

async function panelState(page: Page, name: PanelName): Promise<PanelState> {
  return page.evaluate((id) => {
    const panel = document.getElementById(`panel-${id}`) as HTMLElement;
    const values: Record<string, number | null> = {};
    for (const o of Array.from(panel.querySelectorAll<HTMLOutputElement>('.readouts output'))) {
      values[o.dataset.key ?? ''] = o.dataset.value === 'null' ? null : Number(o.dataset.value);
    }
    return { stage: panel.dataset.stage ?? '', key: panel.dataset.key ?? '', draws: Number(panel.dataset.draws), values };
  }, name);
}

/** Waits until panel `name` shows its refined result for parameters containing `expected`. */
async function waitForFull(page: Page, name: PanelName, expected: Record<string, unknown>, timeout = 240_000): Promise<PanelState> {
  await page.waitForFunction(([id, want]) => {
    const panel = document.getElementById(`panel-${id}`) as HTMLElement;
    if (panel.dataset.stage !== 'full' || !panel.dataset.key) return false;
    const key = JSON.parse(panel.dataset.key) as Record<string, unknown>;
    return Object.entries(want).every(([k, v]) => key[k] === v);
  }, [name, expected] as const, { timeout, polling: 100 });
  return panelState(page, name);
}

/** Moves a slider as a user does: set the value, fire 'input' (the page debounces and applies it). */
async function moveSlider(page: Page, param: string, value: number): Promise<void> {
  await page.evaluate(([p, v]) => {
    const range = document.querySelector(`input[type=range][data-param="${p}"]`) as HTMLInputElement;
    range.value = String(v);
    range.dispatchEvent(new Event('input', { bubbles: true }));
  }, [param, value] as const);
}

/** Types into a control's text field and leaves it ('change'). */
async function typeInto(page: Page, param: string, text: string): Promise<void> {
  const field = page.locator(`#control-${param}`);
  await field.fill(text);
  await field.dispatchEvent('change');
}

describe.skipIf(!hasChromium)('explorer in headless Chromium', () => {
  let server: ChildProcess;
  let origin: string;
  let browser: Browser;
  let rt: Runtime;

  beforeAll(async () => {
    // npm ci of the example (first time), npm pack + install of rnnkit, its type check and the Vite build.
    await promisify(execFile)(process.execPath, [SCRIPT, '--build-only', '--check'], { cwd: ROOT, maxBuffer: 1 << 24 });
    server = spawn(process.execPath, [SCRIPT, '--no-build', '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    origin = await new Promise<string>((ok, fail) => {
      let out = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /explorer: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (match) ok(match[1]);
      });
      server.once('exit', (code) => fail(new Error(`explorer server exited (${code}): ${out}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    rt = await load();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  /** A fresh context that records every request the page, its workers and its service worker make. */
  async function newContext(): Promise<{ context: BrowserContext; requests: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    return { context, requests };
  }

  it('loads from 127.0.0.1 without any other request, and works offline once loaded', async () => {
    const { context, requests } = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/?n=${SMALL.n}&t=${SMALL.t}`);
    await waitForFull(page, 'spectrum', { n: SMALL.n });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(requests.length).toBeGreaterThan(3);
    const elsewhere = requests.filter((url) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(url));
    expect(elsewhere).toEqual([]);
    // Offline: the service worker serves the page, the bundles, the worker and the WASM from its cache.
    await context.setOffline(true);
    await page.reload();
    const offline = await waitForFull(page, 'spectrum', { n: SMALL.n });
    expect(offline.values.spectralRadius).not.toBeNull();
    await context.close();
  }, 240_000);

  it('moving sliders redraws every panel with the numbers of the Node API, bit for bit', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/?n=${SMALL.n}&t=${SMALL.t}&jc=5`);
    const before = Object.fromEntries(await Promise.all(PANELS.map(async (p) => [p, await waitForFull(page, p, { n: SMALL.n, jc: 5 })] as const)));
    await moveSlider(page, 'g', 2);
    await moveSlider(page, 'jc', 8);
    const after = Object.fromEntries(await Promise.all(PANELS.map(async (p) => [p, await waitForFull(page, p, { g: 2, jc: 8 })] as const)));
    expect(new URL(page.url()).searchParams.get('g')).toBe('2');
    for (const p of PANELS) expect(after[p].draws, p).toBeGreaterThan(before[p].draws);
    // The g slider changes panels 1–4 (their results depend on g); the J_c slider changes panel 5.
    for (const p of ['spectrum', 'activity', 'dimension'] as const) expect(after[p].values, p).not.toEqual(before[p].values);
    expect(after.spiking.values).not.toEqual(before.spiking.values);

    // The same computations through the Node API (the panels' notes state these settings).
    const seed = '1';
    const gaussian = { model: 'gaussian', n: SMALL.n, g: 2, eta: 0, seed } as const;
    using net = network(rt, gaussian);
    const spectrum = eigDense(rt, net.matrix as DenseMatrix, { condition: false });
    expect(after.spectrum.values.spectralRadius).toBe(spectralRadiusOf(spectrum.eigenvalues));
    expect(after.spectrum.values.theoryRadius).toBe(net.theory.spectralRadius);
    const lead = eigs(rt, net, { k: 4, which: 'LM', vectors: true, condition: false, tol: 1e-8, maxRestarts: 300 });
    expect(after.spectrum.values.leadingIpr).toBe(inverseParticipationRatio((lead.vectors ?? [])[0]) * SMALL.n);

    const run = await simulateRate(rt, { connectivity: net, phi: 'tanh' }, {
      t: SMALL.t, transient: SMALL.t / 4, dt: 0.05, seed: deriveSeed(seed, 'activity'), record: { units: 'all', every: 4 },
    });
    expect(after.activity.values.q).toBe(run.summary.q);
    expect(after.dimension.values.prOverN).toBe(participationRatio(rt, run.recording as NonNullable<typeof run.recording>).prOverN);

    // Chaos: the sweep point at g = 2 (networks of N = min(N, 200)), λ_max by tangent dynamics over T.
    using swept = network(rt, { ...gaussian, n: Math.min(SMALL.n, 200) });
    const ly = await lyapunovExponents(rt, { connectivity: swept, phi: 'tanh' }, {
      t: SMALL.t, transient: SMALL.t / 4, dt: 0.05, seed: deriveSeed(seed, 'chaos', 2),
    });
    expect(after.chaos.values.sweepG).toBe(2);
    expect(after.chaos.values.lambdaMax).toBe(ly.lambdaMax);
    expect(after.chaos.values.criticalG).toBe(1);
    // Mean-field theory is plain TypeScript (JS Math in both engines): the same code on V8 gives the same doubles.
    expect(after.chaos.values.dmftLambda).toBe(scsLyapunov(2, { phi: 'tanh' }).lambdaMax);
    expect(after.chaos.values.delta0).toBe(scsMeanField(2, { phi: 'tanh', tauMax: 20 }).delta0);
    // Not so the dimension theory: its ~10⁶ integrand evaluations call Math.exp/sinh, which ECMA-262 lets engines
    // round differently (Node 20's V8 and Chromium's differ in the last bits here); 1e-12 relative is ~10⁴ ulp.
    const theoryPr = scsDimension(2, { phi: 'tanh' }).prXOverN as number;
    expect(Math.abs((after.dimension.values.theoryPrOverN as number) - theoryPr)).toBeLessThanOrEqual(1e-12 * theoryPr);

    // Spiking: half-QIF network on sparse Gaussian weights J_c ξ/√(pN), p = 0.1, 2 s, window from 200 ms.
    using weights = sparseGaussianNetwork(rt, { n: SMALL.n, p: 0.1, g: 8, seed: deriveSeed(seed, 'spiking') });
    using spiking = new SpikingNetwork(rt, { weights, fracQif: 0.5, seed: deriveSeed(seed, 'spiking') });
    const spikes = (await spiking.run({ tMs: 2000 })).spikes;
    const stats = spikeStatistics(rt, spikes as NonNullable<typeof spikes>, { types: spiking.types, t0Ms: 200 });
    expect(after.spiking.values.rateHz).toBe(stats.rateHz);
    expect(after.spiking.values.rateLif).toBe(stats.rateByType.lif);
    expect(after.spiking.values.cvQif).toBe(stats.cvByType.qif);
    expect(after.spiking.values.prFilteredOverN).toBe(stats.prFiltered === null ? null : stats.prFiltered / SMALL.n);
    await context.close();
  }, 240_000);

  it('responsiveness: a dense N = 1000 spectrum after a slider move, long tasks while computing', async () => {
    const { context } = await newContext();
    // Long tasks and panel draws, recorded in the page from its first script on.
    await context.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[]; draws: { panel: string; stage: string; key: string; at: number }[] };
      w.longTasks = [];
      w.draws = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target as HTMLElement;
            w.draws.push({ panel: el.id, stage: el.dataset.stage ?? '', key: el.dataset.key ?? '', at: performance.now() });
          }
        }).observe(document.getElementById('panels') as HTMLElement, { subtree: true, attributes: true, attributeFilter: ['data-draws'] });
      });
    });
    const page = await context.newPage();
    const n = 1000;
    await page.goto(`${origin}/?n=${n}&t=${SMALL.t}`);
    for (const p of PANELS) await waitForFull(page, p, { n });
    const t0 = await page.evaluate(() => performance.now());
    await moveSlider(page, 'g', 1.2);
    // Panels 1–4 depend on g (panel 5 does not, and is not recomputed).
    for (const p of ['spectrum', 'activity', 'chaos', 'dimension'] as const) await waitForFull(page, p, { n, g: 1.2 });
    const t1 = await page.evaluate(() => performance.now());
    const { longTasks, draws } = await page.evaluate(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[]; draws: { panel: string; stage: string; key: string; at: number }[] };
      return { longTasks: w.longTasks, draws: w.draws };
    });
    const spectrumDraws = draws.filter((d) => d.panel === 'panel-spectrum' && d.at > t0 && JSON.parse(d.key).g === 1.2);
    const coarse = spectrumDraws.find((d) => d.stage === 'coarse');
    const full = spectrumDraws.find((d) => d.stage === 'full');
    const solverText = await page.locator('#panel-spectrum .warnings').textContent();
    const computeMs = Number(/eigDense, all \d+, \w+, ([\d.]+) ms/.exec(solverText ?? '')?.[1]);
    const during = longTasks.filter((t) => t.start >= t0 && t.start <= t1);
    const longest = Math.max(0, ...during.map((t) => t.duration));
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const timing = {
      n, debounceMs: 150, coarseSpectrumMs: coarse ? coarse.at - t0 : null, fullSpectrumMs: full ? full.at - t0 : null,
      fullSpectrumWorkerMs: computeMs, allPanelsMs: t1 - t0, longTasks: during.length, longTasksOver50Ms: during.filter((t) => t.duration > 50).length,
      longestTaskMs: longest, loadAverage: load, target: 'full spectrum within 1500 ms of the slider move (issue 21)',
    };
    writeFileSync(resolve(ARTIFACTS, 'explorer-timing.json'), `${JSON.stringify(timing, null, 1)}\n`);
    console.log('explorer responsiveness:', JSON.stringify(timing));
    // Asserted: order, and that compute did not run on the main thread. Not asserted: the 1.5 s target
    // and the 50 ms budget, wall-clock figures that a loaded 2-core machine can miss (they are printed).
    // If the dense QR ran on the main thread, one task would last at least as long as the solve; drawing
    // the result is the only main-thread work, so the longest task stays well below the solve's time.
    expect(coarse && full).toBeTruthy();
    expect((coarse as { at: number }).at).toBeLessThan((full as { at: number }).at);
    expect(computeMs).toBeGreaterThan(0);
    expect(longest).toBeLessThan(computeMs / 2);
    await context.close();
  }, 300_000);

  it('bad input shows an inline message and keeps the last good view; exports; screenshot', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/?n=${SMALL.n}&t=${SMALL.t}`);
    const good = await waitForFull(page, 'spectrum', { n: SMALL.n });
    const goodUrl = page.url();
    const cases = [
      { param: 'n', text: '0', message: /N must satisfy 10 ≤ N ≤ 2000 \(got 0\)/ },
      { param: 'eta', text: '2', message: /η must satisfy -1 ≤ η ≤ 1 \(got 2\)/ },
      { param: 'g', text: 'abc', message: /g must be a number \(got 'abc'\)/ },
    ];
    for (const { param, text, message } of cases) {
      const previous = await page.locator(`#control-${param}`).inputValue();
      await typeInto(page, param, text);
      await expect.poll(() => page.locator(`.control[data-param="${param}"] .error`).textContent()).toMatch(message);
      await expect.poll(() => page.locator('#notice').textContent()).toMatch(/last good view/);
      expect(await page.locator(`#control-${param}`).getAttribute('aria-invalid')).toBe('true');
      await page.waitForTimeout(500); // past the debounce: nothing may be recomputed or redrawn
      expect(await panelState(page, 'spectrum')).toEqual(good);
      expect(page.url()).toBe(goodUrl);
      await typeInto(page, param, previous);
      await expect.poll(() => page.locator(`.control[data-param="${param}"] .error`).textContent()).toBe('');
    }
    await typeInto(page, 'g', '2.5');
    const fixed = await waitForFull(page, 'spectrum', { g: 2.5 });
    expect(fixed.values.theoryRadius).toBe(2.5);

    // Exports of the spectrum panel: numbers (report.json's shape), SVG and PNG.
    const saved = async (kind: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#panel-spectrum [data-export="${kind}"]`)]);
      return readFileSync(await download.path());
    };
    const json = JSON.parse((await saved('json')).toString('utf8'));
    const version = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version;
    expect(json).toMatchObject({ rnnkitVersion: version, seed: '1', experiment: { n: SMALL.n, g: 2.5 } });
    expect(Object.keys(json)).toEqual(['rnnkitVersion', 'title', 'seed', 'generated', 'experiment', 'results', 'summary', 'figures']);
    expect(json.results.spectra[0].spectralRadius).toBe(fixed.values.spectralRadius);
    expect(json.results.spectra[0].eigenvalues).toHaveLength(SMALL.n);
    const svg = (await saved('svg')).toString('utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Re λ (1/τ)');
    const png = await saved('png');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(600); // IHDR width: both figures at 2× scale

    for (const p of ['spectrum', 'activity', 'chaos', 'dimension'] as const) await waitForFull(page, p, { g: 2.5 });
    await page.screenshot({ path: resolve(ARTIFACTS, 'explorer.png'), fullPage: true });
    await context.close();
  }, 240_000);
});
