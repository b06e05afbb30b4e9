/**
 * The panels' figures, drawn with Observable Plot. One style everywhere: simulation in blue
 * (points, solid lines), theory in red (dashed lines), markers in grey; every axis has its unit
 * (rate models in units of τ, spiking in ms). Each function returns SVG elements.
 */
import * as Plot from '@observablehq/plot';
import type { ActivityResult, ChaosResult, SpectrumResult, SpikingResult, TheoryResult } from './compute.js';

export const SIM = '#1f77b4';
export const THEORY = '#d62728';
const MARK = '#777';
const HIGH = '#ff7f0e';
const SIZE = 340;

type Figure = SVGSVGElement;

type Corner = 'top-right' | 'top-left' | 'bottom-right';

/** A legend drawn inside the frame (so it is part of the exported SVG), in a corner the data leave free. */
const legend = (lines: { text: string; color: string }[], corner: Corner = 'top-right') =>
  lines.map((l, i) => Plot.text([l.text], {
    frameAnchor: corner, dy: corner === 'bottom-right' ? -4 - 13 * (lines.length - 1 - i) : 4 + 13 * i, dx: corner === 'top-left' ? 4 : -4,
    fill: l.color, fontSize: 11, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke',
  }));

const plot = (options: Plot.PlotOptions) => Plot.plot({ width: SIZE, height: SIZE, style: { fontSize: '11px' }, ...options }) as Figure;

function ellipsePoints(a: number, b: number) {
  return Array.from({ length: 181 }, (_, i) => {
    const phi = (2 * Math.PI * i) / 180;
    return { re: a * Math.cos(phi), im: b * Math.sin(phi) };
  });
}

export function spectrumFigures(r: SpectrumResult): Figure[] {
  const reach = 1.08 * Math.max(r.lawCurve?.a ?? 0, r.lawCurve?.b ?? 0, ...r.outliers.map(Math.abs),
    ...r.eigenvalues.map((l) => Math.max(Math.abs(l.re), Math.abs(l.im))), 1e-9);
  const domain = [-reach, reach];
  const marks: Plot.Markish[] = [
    Plot.ruleX([0], { stroke: '#eee' }), Plot.ruleY([0], { stroke: '#eee' }),
    Plot.dot(r.eigenvalues, { x: 're', y: 'im', r: 1.6, fill: SIM, fillOpacity: 0.7 }),
  ];
  const lines = [{ text: `● eigenvalues (${r.eigenvalues.length}${r.stage === 'coarse' ? ', leading only' : ''})`, color: SIM }];
  if (r.lawCurve) {
    marks.push(Plot.line(ellipsePoints(r.lawCurve.a, r.lawCurve.b), { x: 're', y: 'im', stroke: THEORY, strokeDasharray: '5,3' }));
    lines.push({ text: `- - ${r.lawCurve.label}`, color: THEORY });
  }
  if (r.outliers.length > 0) {
    marks.push(Plot.dot(r.outliers.map((re) => ({ re, im: 0 })), { x: 're', y: 'im', symbol: 'times', r: 5, stroke: THEORY }));
    lines.push({ text: '× predicted outliers', color: THEORY });
  }
  const spectrum = plot({
    x: { domain, label: 'Re λ (1/τ)' }, y: { domain, label: 'Im λ (1/τ)' }, marks: [...marks, ...legend(lines)],
  });
  const sparse = r.inDegrees !== null;
  const weights = Array.from(r.leadingWeights, (w, i) => ({ x: sparse ? (r.inDegrees as Int32Array)[i] : i, y: w * r.n }));
  const ipr = r.leading[0]?.ipr;
  const localisation = plot({
    x: { label: sparse ? 'in-degree k_in (edges)' : 'neuron i (dense J: every k_in = N − 1)' },
    y: { label: 'N |v_i|² of the leading eigenvector', type: 'log' },
    marks: [
      Plot.dot(weights.filter((w) => w.y > 0), { x: 'x', y: 'y', r: 1.5, fill: SIM, fillOpacity: 0.5 }),
      Plot.ruleY([1], { stroke: MARK, strokeDasharray: '3,3' }),
      ...legend([
        { text: `IPR·N = ${ipr === undefined ? '–' : (ipr * r.n).toPrecision(3)} (1: delocalised)`, color: SIM },
        { text: '- - uniform weight 1/N', color: MARK },
      ]),
    ],
  });
  return [spectrum, localisation];
}

/** A custom mark: an RGBA image (made in the worker) stretched over the frame, as a PNG data URL inside the SVG. */
function imageMark(rgba: Uint8ClampedArray, width: number, height: number): Plot.RenderFunction {
  return (_index, _scales, _values, frame) => {
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    (canvas.getContext('2d') as CanvasRenderingContext2D).putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
    const image = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    const attributes = {
      href: canvas.toDataURL('image/png'), x: frame.marginLeft, y: frame.marginTop, preserveAspectRatio: 'none', style: 'image-rendering: pixelated',
      width: frame.width - frame.marginLeft - frame.marginRight, height: frame.height - frame.marginTop - frame.marginBottom,
    };
    for (const [name, value] of Object.entries(attributes)) image.setAttribute(name, String(value));
    return image;
  };
}

export function activityFigures(r: ActivityResult): Figure[] {
  const rows = r.traces.flatMap((tr) => Array.from(tr.x, (x, s) => ({
    t: r.times[s], x, unit: tr.index, group: tr.group,
  })));
  const traces = plot({
    width: 2 * SIZE, height: 220,
    x: { label: 't (τ)' }, y: { label: 'x_i (a.u.)' },
    marks: [
      Plot.lineY(rows, { x: 't', y: 'x', z: 'unit', stroke: (d: { group: string }) => (d.group === 'low' ? SIM : HIGH), strokeWidth: 1 }),
      ...legend([{ text: '— 3 lowest in-degree', color: SIM }, { text: '— 3 highest in-degree', color: HIGH }]),
    ],
  });
  const { units, bins, binDt, limit, rgba } = r.heat;
  const heat = plot({
    width: 2 * SIZE, height: 220,
    x: { label: `t after the transient (τ; bins of ${binDt.toPrecision(2)} τ; blue −${limit.toPrecision(2)} … red +${limit.toPrecision(2)})`, domain: [0, bins * binDt] },
    y: { label: `unit (${units} of ${r.n}, ${r.traces[0]?.inDegree === null ? 'by index' : 'by in-degree ↑'})`, domain: [0, units] },
    marks: [imageMark(rgba, bins, units)],
  });
  return [traces, heat];
}

export function chaosFigures(c: ChaosResult | null, theory: TheoryResult | null, activity: ActivityResult | null, g: number): Figure[] {
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: '#ccc' }), Plot.ruleX([g], { stroke: MARK })];
  const lines: { text: string; color: string }[] = [];
  if (c) {
    marks.push(
      Plot.ruleX(c.points, { x: 'g', y1: (p: { lambdaMax: number; lambdaStdErr: number }) => p.lambdaMax - p.lambdaStdErr,
        y2: (p: { lambdaMax: number; lambdaStdErr: number }) => p.lambdaMax + p.lambdaStdErr, stroke: SIM }),
      Plot.line(c.points, { x: 'g', y: 'lambdaMax', stroke: SIM }),
      Plot.dot(c.points, { x: 'g', y: 'lambdaMax', fill: SIM, r: 2.5 }),
    );
    lines.push({ text: `● λ_max, N = ${c.n}, T = ${c.t} τ (± s.e.)`, color: SIM });
    if (c.criticalG !== null) {
      marks.push(Plot.ruleX([c.criticalG], { stroke: THEORY, strokeDasharray: '2,3' }));
      lines.push({ text: `┊ spectral threshold g_c = ${c.criticalG.toPrecision(3)}`, color: THEORY });
    }
  }
  const dmft = theory?.lambda.filter((p) => p.lambdaMax !== null) ?? [];
  if (dmft.length > 0) {
    marks.push(Plot.line(dmft, { x: 'g', y: 'lambdaMax', stroke: THEORY, strokeDasharray: '6,3' }));
    lines.push({ text: '- - DMFT λ(g) (N → ∞)', color: THEORY });
  }
  lines.push({ text: '│ chosen g', color: MARK });
  const lyapunov = plot({ x: { label: 'g (coupling gain)' }, y: { label: 'λ_max (1/τ)' }, marks: [...marks, ...legend(lines, 'top-left')] });
  const deltaMarks: Plot.Markish[] = [Plot.ruleY([0], { stroke: '#ccc' })];
  const deltaLines: { text: string; color: string }[] = [];
  if (activity) {
    deltaMarks.push(Plot.line(Array.from(activity.delta, (d, i) => ({ tau: activity.deltaTau[i], d })), { x: 'tau', y: 'd', stroke: SIM }));
    deltaLines.push({ text: `— simulated, N = ${activity.n}`, color: SIM });
  }
  if (theory && theory.delta.length > 0) {
    deltaMarks.push(Plot.line(Array.from(theory.delta, (d, i) => ({ tau: theory.deltaTau[i], d })), { x: 'tau', y: 'd', stroke: THEORY, strokeDasharray: '6,3' }));
    deltaLines.push({ text: '- - mean-field Δ(τ)', color: THEORY });
  }
  const delta = plot({ x: { label: 'lag τ (τ)', domain: [0, 20] }, y: { label: 'Δ(τ) = ⟨x_i(t) x_i(t+τ)⟩' }, marks: [...deltaMarks, ...legend(deltaLines)] });
  return [lyapunov, delta];
}

export function dimensionFigures(activity: ActivityResult | null, theory: TheoryResult | null, g: number): Figure[] {
  const marks: Plot.Markish[] = [];
  const lines: { text: string; color: string }[] = [];
  const curve = theory?.dimension.filter((d) => d.prXOverN !== null) ?? [];
  if (curve.length > 0) {
    marks.push(Plot.line(curve, { x: 'g', y: 'prXOverN', stroke: THEORY, strokeDasharray: '6,3' }));
    lines.push({ text: '- - theory PR^x/N (N → ∞)', color: THEORY });
  }
  if (activity?.prOverN !== null && activity?.prOverN !== undefined) {
    const y = activity.prOverN;
    const e = activity.prOverNStdErr ?? 0;
    marks.push(Plot.ruleX([{ g, y1: y - e, y2: y + e }], { x: 'g', y1: 'y1', y2: 'y2', stroke: SIM }), Plot.dot([{ g, y }], { x: 'g', y: 'y', fill: SIM, r: 4 }));
    lines.push({ text: `● measured, N = ${activity.n} (± s.e.)`, color: SIM });
  }
  const pr = plot({ x: { label: 'g (coupling gain)', domain: [1, 5] }, y: { label: 'PR/N (participation ratio of x)', zero: true }, marks: [...marks, ...legend(lines, 'bottom-right')] });
  const taus = activity ? Array.from(activity.tauIntegrated).filter((v) => v > 0).map((v) => Math.log10(v)) : [];
  const histogram = plot({
    x: { label: 'log₁₀ τ_int (τ)' }, y: { label: 'neurons' },
    marks: [Plot.rectY(taus, Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: (v: number) => v, fill: SIM, fillOpacity: 0.7 })), Plot.ruleY([0])],
  });
  return [pr, histogram];
}

export function spikingFigures(s: SpikingResult): Figure[] {
  const spikes = Array.from(s.raster.t, (t, i) => ({ t, row: s.raster.row[i], qif: s.raster.type[i] === 1 }));
  const raster = plot({
    width: 2 * SIZE, height: 220,
    x: { label: 't (ms)', domain: [0, s.tMs] }, y: { label: 'neuron (LIF below, QIF above)', domain: [0, Math.max(1, s.rows)] },
    marks: [
      Plot.dot(spikes, { x: 't', y: 'row', r: 0.9, fill: (d: { qif: boolean }) => (d.qif ? HIGH : SIM) }),
      ...legend([{ text: '● LIF', color: SIM }, { text: '● QIF', color: HIGH }]),
    ],
  });
  const sweep = plot({
    width: 2 * SIZE, height: 200,
    x: { label: 'J_c (mV)', type: 'log' }, y: { label: 'PR/N of filtered trains (1 s runs)', zero: true },
    marks: [
      Plot.line(s.sweep.filter((p) => p.prFilteredOverN !== null), { x: 'jc', y: 'prFilteredOverN', stroke: SIM }),
      Plot.dot(s.sweep.filter((p) => p.prFilteredOverN !== null), { x: 'jc', y: 'prFilteredOverN', fill: SIM, r: 3 }),
      Plot.ruleX([s.jc], { stroke: MARK }),
      ...legend([{ text: `● simulated, N = ${s.n}, p = 0.1, half QIF`, color: SIM }, { text: '│ chosen J_c', color: MARK }], 'bottom-right'),
    ],
  });
  return [raster, sweep];
}
