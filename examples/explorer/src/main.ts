/**
 * The page: controls bound to the URL, five panels fed by worker tasks (jobs.ts), and exports.
 * The main thread only parses input, schedules tasks and draws; every simulation runs in a worker.
 *
 * Test hooks (read by test/browser/explorer.test.ts, harmless for users): each panel carries
 * data-stage (coarse|full), data-key (the parameters it shows), data-draws (a counter) and
 * data-drawn-at (performance.now() of the last draw); each number shown is an <output> whose
 * data-value holds the full-precision double.
 */
import rnnkitPackage from 'rnnkit/package.json';
import type { ActivityResult, ChaosResult, SpectrumResult, SpikingResult, TaskName, TheoryResult } from './compute.js';
import { chaosGrid, SPIKING_SWEEP, TASK_PARAMS } from './compute.js';
import { JobQueue } from './jobs.js';
import { CONTROLS, DEFAULTS, fromQuery, PARAM_NAMES, type ParamName, type Params, parseParams, toQuery, usedBy } from './params.js';
import { activityFigures, chaosFigures, dimensionFigures, spectrumFigures, spikingFigures } from './plots.js';

type PanelName = 'spectrum' | 'activity' | 'chaos' | 'dimension' | 'spiking';

interface Results {
  spectrum: SpectrumResult | null;
  activity: ActivityResult | null;
  chaos: ChaosResult | null;
  theory: TheoryResult | null;
  spiking: SpikingResult | null;
}

/** Which task results each panel draws. */
const PANEL_TASKS: Record<PanelName, TaskName[]> = {
  spectrum: ['spectrum'], activity: ['activity'], chaos: ['chaos', 'theory', 'activity'], dimension: ['activity', 'theory'], spiking: ['spiking'],
};

const PANEL_TITLES: Record<PanelName, string> = {
  spectrum: '1 · Eigenvalues of J and localisation',
  activity: '2 · Activity',
  chaos: '3 · Chaos',
  dimension: '4 · Dimension and timescales',
  spiking: '5 · Spiking network (LIF and QIF)',
};

const PANEL_NOTES: Record<PanelName, string> = {
  spectrum: 'Left: eigenvalues of J (coarse: the 4 largest by Krylov–Schur; then all, dense QR) over the model\'s law. Right: weight of each neuron in the leading eigenvector against its in-degree.',
  activity: 'τ dx/dt = −x + J φ(x), RK4, dt = 0.05 τ, transient max(T/4, 50 τ) dropped. Top: three lowest and highest in-degree neurons; bottom: x of up to 160 units (sorted by in-degree), blue < 0 < red.',
  chaos: 'Left: largest Lyapunov exponent (tangent dynamics) against g for networks of this model at N ≤ 200, with the spectral threshold and, for Gaussian J with η = 0, the DMFT λ(g). Right: population autocorrelation of the activity panel\'s run and its mean-field prediction.',
  dimension: 'Left: cross-block participation ratio PR/N of x at the chosen g (± jackknife s.e.) and the N → ∞ theory (tanh, erf; Gaussian J, η = 0). Right: intrinsic timescales τ_int = ∫ρ_i(τ)² dτ of every unit.',
  spiking: 'N neurons, Erdős–Rényi p = 0.1, w_ij = J_c ξ_ij/√(pN), half QIF, Euler dt = 0.1 ms (coarse 0.5 s, then 2 s). PR/N of trains filtered with τ_f = 20 ms; 1 s runs are short, so read the trend (warnings list the bias).',
};

const results: Results = { spectrum: null, activity: null, chaos: null, theory: null, spiking: null };
/** The parameters of the last good view, and the key each task's results belong to. */
let current: Params = DEFAULTS;
const resultKey: Partial<Record<TaskName, string>> = {};
const taskKey = (task: TaskName, p: Params) => JSON.stringify(TASK_PARAMS[task].map((name) => p[name]));

const $ = <T extends Element>(selector: string, root: ParentNode = document) => root.querySelector(selector) as T;

// ---------- controls ----------

const form = $<HTMLFormElement>('#controls');
const fields = new Map<ParamName, { text: HTMLInputElement | HTMLSelectElement; range?: HTMLInputElement; error: HTMLElement; box: HTMLElement }>();

function buildControls(initial: Params): void {
  for (const name of PARAM_NAMES) {
    const c = CONTROLS[name];
    const box = document.createElement('div');
    box.className = 'control';
    box.dataset.param = name;
    const id = `control-${name}`;
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: `${c.label}${c.kind === 'number' && c.unit ? ` (${c.unit})` : ''}`, title: c.help });
    const row = document.createElement('div');
    row.className = 'row';
    let text: HTMLInputElement | HTMLSelectElement;
    let range: HTMLInputElement | undefined;
    if (c.kind === 'choice') {
      text = document.createElement('select');
      for (const option of c.options) text.append(new Option(option, option));
    } else {
      text = Object.assign(document.createElement('input'), { type: 'text', spellcheck: false });
      if (c.kind === 'number') {
        text.inputMode = 'decimal';
        range = Object.assign(document.createElement('input'), { type: 'range', min: String(c.min), max: String(c.max), step: String(c.step) });
        range.setAttribute('aria-label', `${c.label} slider`);
        range.dataset.param = name;
        row.append(range);
      }
    }
    text.id = id;
    text.name = name;
    text.value = String(initial[name]);
    if (range) range.value = String(initial[name]);
    row.prepend(text);
    const error = Object.assign(document.createElement('div'), { className: 'error' });
    error.setAttribute('role', 'alert');
    box.append(label, row, error);
    form.append(box);
    fields.set(name, { text, range, error, box });
    text.addEventListener('input', () => schedule());
    text.addEventListener('change', () => schedule(0));
    range?.addEventListener('input', () => {
      (text as HTMLInputElement).value = (range as HTMLInputElement).value;
      schedule();
    });
  }
  markUnused(initial);
}

function markUnused(p: Params): void {
  for (const [name, { box }] of fields) box.classList.toggle('unused', !usedBy(name, p.model));
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** Debounces typing and slider drags: one recomputation per pause of `delayMs`. */
function schedule(delayMs = 150): void {
  clearTimeout(timer);
  timer = setTimeout(applyInput, delayMs);
}

/** Parses every field; applies the view if all are good, else shows the messages and keeps the last good view. */
function applyInput(): void {
  const raw: Partial<Record<ParamName, string>> = {};
  for (const [name, { text }] of fields) raw[name] = text.value;
  const { params, errors } = parseParams(raw, current);
  const bad = Object.keys(errors).length;
  for (const [name, { text, error }] of fields) {
    error.textContent = errors[name] ?? '';
    text.setAttribute('aria-invalid', String(errors[name] !== undefined));
  }
  $('#notice').textContent = bad > 0 ? `${bad} control${bad > 1 ? 's have' : ' has'} a bad value: the panels keep showing the last good view.` : '';
  if (bad > 0) return;
  for (const [name, { range }] of fields) if (range) range.value = String(params[name]);
  apply(params);
}

// ---------- panels ----------

const panels = new Map<PanelName, HTMLElement>();

function buildPanels(): void {
  const main = $('#panels');
  for (const name of Object.keys(PANEL_TITLES) as PanelName[]) {
    const panel = document.createElement('section');
    panel.className = 'panel';
    panel.id = `panel-${name}`;
    panel.dataset.draws = '0';
    panel.innerHTML = `<h2><span>${PANEL_TITLES[name]}</span><span class="status">waiting</span></h2>
      <div class="plots"></div><div class="readouts"></div><p class="note">${PANEL_NOTES[name]}</p><p class="note warnings"></p>
      <div class="exports"><button type="button" data-export="svg">SVG</button> <button type="button" data-export="png">PNG</button>
      <button type="button" data-export="json">numbers (JSON)</button></div>`;
    panel.querySelector('.exports')?.addEventListener('click', (event) => {
      const kind = (event.target as HTMLElement).dataset.export;
      if (kind === 'svg' || kind === 'png' || kind === 'json') void exportPanel(name, kind);
    });
    main.append(panel);
    panels.set(name, panel);
  }
}

const fmt = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Number(x.toPrecision(digits)).toString());

/** Numbers shown in a panel: label, value (full precision in data-value), unit. */
type Readout = [key: string, label: string, value: number | null | undefined, unit?: string];

function setReadouts(panel: HTMLElement, readouts: Readout[]): void {
  const box = $('.readouts', panel);
  box.replaceChildren(...readouts.map(([key, label, value, unit]) => {
    const out = document.createElement('output');
    out.dataset.key = key;
    out.dataset.value = value === null || value === undefined ? 'null' : String(value);
    out.textContent = `${label} = ${fmt(value)}${unit ? ` ${unit}` : ''}`;
    return out;
  }));
}

/** Draws panel `name` from the results that belong to the current view. */
function draw(name: PanelName): void {
  const panel = panels.get(name) as HTMLElement;
  const fresh = <T extends TaskName>(task: T) => (resultKey[task] === taskKey(task, current) ? results[task] : null) as Results[T];
  const p = current;
  let figures: SVGSVGElement[] = [];
  let readouts: Readout[] = [];
  let warnings: string[] = [];
  let stage: string | null = null;
  if (name === 'spectrum') {
    const r = fresh('spectrum');
    if (!r) return;
    figures = spectrumFigures(r);
    stage = r.stage;
    readouts = [
      ['spectralRadius', 'max |λ|', r.spectralRadius, '1/τ'], ['theoryRadius', 'predicted radius', r.theoryRadius, '1/τ'],
      ['leadingIpr', 'IPR·N leading', r.leading[0] ? r.leading[0].ipr * r.n : null],
      ['degreeCorrelation', 'corr(|v|², k_in)', r.leading[0]?.degreeCorrelation],
    ];
    warnings = [`${r.solver}, ${fmt(r.ms, 3)} ms; law: ${r.law}`];
  } else if (name === 'activity') {
    const r = fresh('activity');
    if (!r) return;
    figures = activityFigures(r);
    stage = r.stage;
    readouts = [['q', 'q = ⟨x²⟩', r.q], ['duration', 'recorded', r.duration, 'τ']];
    warnings = [`${fmt(r.ms, 3)} ms`];
  } else if (name === 'chaos') {
    const c = fresh('chaos');
    const th = fresh('theory');
    const a = fresh('activity');
    if (!c && !th) return;
    figures = chaosFigures(c, th, a, p.g);
    stage = c?.stage === 'full' && c.points.length === chaosGrid('full').length && th?.stage === 'full' ? 'full' : 'coarse';
    const nearest = c?.points.reduce((best, q) => (Math.abs(q.g - p.g) < Math.abs(best.g - p.g) ? q : best), c.points[0]);
    const dmftAtG = th?.lambda.find((q) => q.g === p.g);
    readouts = [
      ['criticalG', 'g_c (spectral)', c?.criticalG], ['sweepG', 'nearest swept g', nearest?.g],
      ['lambdaMax', 'λ_max there', nearest?.lambdaMax, '1/τ'], ['dmftLambda', 'DMFT λ(g)', dmftAtG?.lambdaMax, '1/τ'],
      ['delta0', 'DMFT Δ0', th?.delta0],
    ];
    warnings = [th?.note ?? '', c ? `sweep: ${c.points.length} of ${chaosGrid(c.stage).length} gains, T = ${c.t} τ` : 'sweep queued'];
  } else if (name === 'dimension') {
    const a = fresh('activity');
    const th = fresh('theory');
    if (!a && !th) return;
    figures = dimensionFigures(a, th, p.g);
    stage = a?.stage === 'full' && th?.stage === 'full' ? 'full' : 'coarse';
    const theoryAtG = th?.dimension.find((d) => d.g === p.g);
    readouts = [
      ['prOverN', 'PR/N', a?.prOverN], ['prOverNStdErr', '± s.e.', a?.prOverNStdErr], ['theoryPrOverN', 'theory PR/N', theoryAtG?.prXOverN],
      ['tauMedian', 'median τ_int', a?.tauMedian, 'τ'],
    ];
    warnings = [...(a?.prWarnings ?? []), ...(a?.timescaleWarnings ?? []), th?.note ?? ''];
  } else {
    const s = fresh('spiking');
    if (!s) return;
    figures = spikingFigures(s);
    stage = s.stage === 'full' && s.sweep.length === SPIKING_SWEEP.length ? 'full' : 'coarse';
    readouts = [
      ['rateHz', 'rate', s.rateHz, 'Hz'], ['rateLif', 'LIF', s.rateLif, 'Hz'], ['rateQif', 'QIF', s.rateQif, 'Hz'],
      ['cvLif', 'ISI CV LIF', s.cvLif], ['cvQif', 'ISI CV QIF', s.cvQif], ['prFilteredOverN', 'PR/N', s.prFilteredOverN],
    ];
    warnings = s.warnings;
  }
  $('.plots', panel).replaceChildren(...figures);
  setReadouts(panel, readouts);
  $('.warnings', panel).textContent = warnings.filter(Boolean).join(' · ');
  panel.dataset.stage = stage ?? '';
  panel.dataset.key = JSON.stringify(current);
  panel.dataset.draws = String(Number(panel.dataset.draws) + 1);
  panel.dataset.drawnAt = String(performance.now());
  setStatus(name, stage === 'full' ? 'done' : 'refining…');
}

function setStatus(name: PanelName, text: string, error = false): void {
  const status = $('.status', panels.get(name) as HTMLElement);
  status.textContent = text;
  status.classList.toggle('error', error);
}

const panelsOf = (task: TaskName) => (Object.keys(PANEL_TASKS) as PanelName[]).filter((panel) => PANEL_TASKS[panel].includes(task));

const jobs = new JobQueue({
  onResult(task, result) {
    results[task] = result as never;
    resultKey[task] = taskKey(task, current);
    for (const panel of panelsOf(task)) draw(panel);
  },
  onError(task, message) {
    for (const panel of panelsOf(task)) setStatus(panel, `error: ${message}`, true);
  },
});

/** Makes `params` the view: URL, greyed controls, and the tasks whose inputs changed. */
function apply(params: Params): void {
  const previous = current;
  current = params;
  const query = toQuery(params);
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
  markUnused(params);
  for (const task of Object.keys(TASK_PARAMS) as TaskName[]) {
    if (taskKey(task, previous) === taskKey(task, params) && resultKey[task] !== undefined) continue;
    for (const panel of panelsOf(task)) setStatus(panel, 'computing…');
    jobs.request(task, params);
  }
}

// ---------- export ----------

function download(name: string, blob: Blob): void {
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The panel's figures side by side in one standalone SVG document. */
function panelSvg(name: PanelName): { svg: string; width: number; height: number } {
  const figures = Array.from(panels.get(name)?.querySelectorAll<SVGSVGElement>('.plots > svg') ?? []);
  let x = 0;
  let height = 0;
  const parts = figures.map((f) => {
    const w = Number(f.getAttribute('width'));
    const h = Number(f.getAttribute('height'));
    const clone = f.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('x', String(x));
    x += w + 10;
    height = Math.max(height, h);
    return new XMLSerializer().serializeToString(clone);
  });
  const width = Math.max(1, x - 10);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}

/** The numbers of a panel in report.json's shape (rnnkitVersion, seed, experiment, results, summary, figures). */
function panelJson(name: PanelName) {
  const p = current;
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
  const summary = Array.from(panels.get(name)?.querySelectorAll<HTMLOutputElement>('.readouts output') ?? [], (o) => ({
    section: name, item: o.dataset.key ?? '', value: o.textContent ?? '',
  }));
  const r = results;
  const section: Record<string, unknown> = {};
  if (name === 'spectrum' && r.spectrum) {
    section.spectra = [{ label: p.model, n: r.spectrum.n, spectralRadius: r.spectrum.spectralRadius, theoryRadius: r.spectrum.theoryRadius, law: r.spectrum.law,
      eigenvalues: r.spectrum.eigenvalues, leading: r.spectrum.leading }];
  } else if (name === 'activity' && r.activity) {
    section.traces = { label: p.model, sampleDt: r.activity.sampleDt, units: r.activity.traces.map((t) => ({ index: t.index, inDegree: t.inDegree, group: t.group, x: t.x })) };
    section.heatMap = r.activity.heat;
  } else if (name === 'chaos') {
    if (r.chaos) section.lyapunov = { param: 'g', series: [{ label: `${p.model}, N = ${r.chaos.n}`, criticalValue: r.chaos.criticalG,
      points: r.chaos.points.map((q) => ({ value: q.g, lambdaMax: q.lambdaMax, lambdaStdErr: q.lambdaStdErr })) }] };
    if (r.theory) section.meanField = { note: r.theory.note, lambda: r.theory.lambda, tau: r.theory.deltaTau, delta: r.theory.delta, delta0: r.theory.delta0 };
    if (r.activity) section.autocorrelation = { tau: r.activity.deltaTau, delta: r.activity.delta };
  } else if (name === 'dimension') {
    if (r.activity) {
      section.participation = { param: 'g', series: [{ label: p.model, points: [{ value: p.g, pr: r.activity.pr, prOverN: r.activity.prOverN,
        prOverNStdErr: r.activity.prOverNStdErr, status: r.activity.prStatus, warnings: r.activity.prWarnings }] }],
      theory: r.theory ? [{ label: 'N → ∞', points: r.theory.dimension.map((d) => ({ value: d.g, prXOverN: d.prXOverN, prPhiOverN: d.prPhiOverN })) }] : [] };
      section.timescales = [{ label: p.model, median: r.activity.tauMedian, tauIntegrated: r.activity.tauIntegrated, warnings: r.activity.timescaleWarnings }];
    }
  } else if (name === 'spiking' && r.spiking) {
    const { raster, ...rest } = r.spiking;
    section.spiking = { ...rest, raster: { t: raster.t, row: raster.row, type: raster.type } };
  }
  return {
    rnnkitVersion: rnnkitPackage.version, title: `rnnkit explorer: ${PANEL_TITLES[name]}`, seed: p.seed, generated: new Date().toISOString(),
    experiment: { ...p, url: location.href }, results: plain(section), summary,
    figures: [{ id: name, title: PANEL_TITLES[name], caption: PANEL_NOTES[name] }],
  };
}

async function exportPanel(name: PanelName, kind: 'svg' | 'png' | 'json'): Promise<void> {
  const base = `rnnkit-${name}`;
  if (kind === 'json') {
    download(`${base}.json`, new Blob([`${JSON.stringify(panelJson(name), null, 1)}\n`], { type: 'application/json' }));
    return;
  }
  const { svg, width, height } = panelSvg(name);
  if (kind === 'svg') {
    download(`${base}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
    return;
  }
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  await image.decode();
  const canvas = Object.assign(document.createElement('canvas'), { width: 2 * width, height: 2 * height });
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.scale(2, 2);
  context.drawImage(image, 0, 0);
  URL.revokeObjectURL(image.src);
  const png = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
  if (png) download(`${base}.png`, png);
}

// ---------- start ----------

const initial = fromQuery(location.search);
buildControls(initial.params);
buildPanels();
$('#footer').textContent = `rnnkit ${rnnkitPackage.version} · runs entirely in this browser (WebAssembly in Web Workers)`;
if (Object.keys(initial.errors).length > 0) {
  for (const [name, message] of Object.entries(initial.errors)) (fields.get(name as ParamName) as { error: HTMLElement }).error.textContent = `URL: ${message}`;
  $('#notice').textContent = 'The URL had bad values: their defaults are shown.';
}
apply(initial.params);

// Not under the dev server (import.meta.hot), whose modules change on every edit.
if ('serviceWorker' in navigator && !import.meta.hot) {
  navigator.serviceWorker.register('./sw.js').catch((error) => console.warn('explorer: offline cache unavailable:', error));
}
