/**
 * Vega-Lite specifications of the report's figures, and their headless SVG rendering in Node.
 * The same specifications (with their data inlined) are written into report.json and the HTML,
 * so `vegaEmbed(el, spec)` reproduces any figure in a browser.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type PlotSpec = TopLevelSpec;

const WIDTH = 340;
const HEIGHT = 300;

/** Renders a Vega-Lite spec to an SVG string without a browser (vega's 'none' renderer). */
export async function renderSvg(spec: PlotSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Points of a closed curve (circle or ellipse with semi-axes a, b) for drawing a law. */
function ellipse(a: number, b: number, label: string, points = 181) {
  return Array.from({ length: points }, (_, i) => {
    const phi = (2 * Math.PI * i) / (points - 1);
    return { re: a * Math.cos(phi), im: b * Math.sin(phi), order: i, law: label };
  });
}

export interface SpectrumPlotInput {
  title: string;
  eigenvalues: { re: number; im: number }[];
  /** Semi-axes of the law's boundary (a = b for a circle), or null when no law applies. */
  law: { a: number; b: number; label: string } | null;
}

export function spectrumSpec({ title, eigenvalues, law }: SpectrumPlotInput): PlotSpec {
  // Equal scales on both axes (square plot, same domain) so that circles look like circles.
  const reach = 1.05 * Math.max(law?.a ?? 0, law?.b ?? 0, ...eigenvalues.map((l) => Math.max(Math.abs(l.re), Math.abs(l.im))));
  const scale = { domain: [-reach, reach], nice: false };
  const layers: object[] = [
    {
      data: { values: eigenvalues },
      mark: { type: 'circle', size: 9, opacity: 0.6 },
      encoding: {
        x: { field: 're', type: 'quantitative', title: 'Re λ (1/τ)', scale },
        y: { field: 'im', type: 'quantitative', title: 'Im λ (1/τ)', scale },
      },
    },
  ];
  if (law) {
    layers.push({
      data: { values: ellipse(law.a, law.b, law.label) },
      mark: { type: 'line', color: '#d62728', strokeWidth: 1.5 },
      encoding: { x: { field: 're', type: 'quantitative' }, y: { field: 'im', type: 'quantitative' }, order: { field: 'order' } },
    });
  }
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: HEIGHT, height: HEIGHT, layer: layers } as PlotSpec;
}

export interface SweepPoint {
  series: string;
  x: number;
  y: number;
  /** Standard error (drawn as an error bar) when known. */
  err?: number;
}

/**
 * y against a swept parameter, one line per series, with optional error bars, vertical markers and
 * theory curves (dashed lines without points, e.g. a mean-field prediction).
 */
export function sweepSpec(options: {
  title: string; xTitle: string; yTitle: string; points: SweepPoint[];
  markers?: { series: string; x: number; label: string }[]; zeroLine?: boolean;
  curves?: { series: string; x: number; y: number }[]; logX?: boolean;
}): PlotSpec {
  const { title, xTitle, yTitle, points, markers = [], zeroLine = false, curves = [], logX = false } = options;
  const x = { field: 'x', type: 'quantitative', title: xTitle, ...(logX ? { scale: { type: 'log' } } : {}) };
  const layers: object[] = [
    { data: { values: points }, mark: { type: 'line', point: true }, encoding: { x, y: { field: 'y', type: 'quantitative', title: yTitle }, color: { field: 'series', type: 'nominal', title: null } } },
  ];
  if (curves.length > 0) {
    layers.push({ data: { values: curves }, mark: { type: 'line', strokeDash: [6, 3] }, encoding: { x, y: { field: 'y', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } });
  }
  if (points.some((p) => p.err !== undefined)) {
    const bars = points.filter((p) => p.err !== undefined).map((p) => ({ ...p, lo: p.y - (p.err ?? 0), hi: p.y + (p.err ?? 0) }));
    layers.push({ data: { values: bars }, mark: 'rule', encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { field: 'series', type: 'nominal' } } });
  }
  if (markers.length > 0) {
    layers.push({ data: { values: markers }, mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { x: { field: 'x', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } });
  }
  if (zeroLine) layers.push({ data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: 'gray' }, encoding: { y: { field: 'y', type: 'quantitative' } } });
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT, layer: layers } as PlotSpec;
}

/** Lines against time over `rows`, twice the usual width, with the given encoding. */
function timeLinesSpec(title: string, rows: object[], height: number, strokeWidth: number, encoding: object): PlotSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: 2 * WIDTH, height, data: { values: rows }, mark: { type: 'line', strokeWidth }, encoding,
  } as PlotSpec;
}

/** Activity traces, one line per neuron, coloured by group (e.g. low / high in-degree). */
export function tracesSpec(title: string, rows: { t: number; x: number; unit: string; group: string }[]): PlotSpec {
  return timeLinesSpec(title, rows, HEIGHT, 1, {
    x: { field: 't', type: 'quantitative', title: 't (τ)' },
    y: { field: 'x', type: 'quantitative', title: 'x_i (a.u.)' },
    color: { field: 'group', type: 'nominal', title: null },
    detail: { field: 'unit', type: 'nominal' },
  });
}

/** Output and target against time (ms), one panel per network, the target dashed. */
export function outputTracesSpec(title: string, rows: { t: number; y: number; network: string; series: string }[]): PlotSpec {
  return timeLinesSpec(title, rows, HEIGHT / 2, 1.2, {
    x: { field: 't', type: 'quantitative', title: 't since the end of training (ms)' },
    y: { field: 'y', type: 'quantitative', title: 'z (target units)' },
    color: { field: 'series', type: 'nominal', title: null },
    strokeDash: { field: 'series', type: 'nominal', title: null },
    row: { field: 'network', type: 'nominal', title: null },
  });
}

/** Histogram of log10 timescales per series. */
export function histogramSpec(title: string, xTitle: string, rows: { series: string; value: number }[]): PlotSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT,
    data: { values: rows },
    mark: { type: 'bar', opacity: 0.55 },
    encoding: {
      x: { field: 'value', type: 'quantitative', bin: { maxbins: 40 }, title: xTitle },
      y: { aggregate: 'count', type: 'quantitative', title: 'neurons', stack: null },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as PlotSpec;
}

/** Scatter of y against x per series. */
export function scatterSpec(title: string, xTitle: string, yTitle: string, rows: { series: string; x: number; y: number }[]): PlotSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT,
    data: { values: rows },
    mark: { type: 'circle', size: 12, opacity: 0.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle },
      y: { field: 'y', type: 'quantitative', title: yTitle, scale: { type: 'log' } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as PlotSpec;
}

/** Spike raster: one tick per spike at (t, neuron), coloured by series (e.g. neuron type). */
export function rasterSpec(title: string, rows: { series: string; t: number; neuron: number }[]): PlotSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: 2 * WIDTH, height: HEIGHT,
    data: { values: rows },
    mark: { type: 'tick', thickness: 1, size: 3 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 't (ms)' },
      y: { field: 'neuron', type: 'quantitative', title: 'neuron (LIF below, QIF above)' },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as PlotSpec;
}
