/**
 * Peer check of the SONATA export with Brian2: test/fixtures/sonata/brian2-sonata-n500.json holds
 * the spike statistics Brian2 2.5.1 measured on an export of this network (its `export` and
 * `command` fields give the two command lines; scripts/brian2-sonata.py reads only the files and
 * builds NEST's models in Brian2: iaf_psc_exp integrated exactly, the QIF with RK4). Here rnnkit
 * exports the same network again, checks it is the one Brian2 ran (edge count and weight sums),
 * reads the circuit back from the files (edges, node types, I_e, delays) into a SpikingNetwork and
 * compares its statistics with Brian2's. Different integrators and starting states make the spikes
 * differ, so the check is on statistics; each tolerance is justified where it is set.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, SpikingNetwork, type SpikingRun, spikeStatistics, sparseGaussianNetwork } from '../../src/index.js';
import { quantile } from '../../src/analysis/statistics.js';
import { writeSonata } from '../../src/io/sonata.js';

interface PopulationStatistics {
  n: number;
  rateHz: number;
  rateQuantilesHz: number[];
  fracSilent: number;
  cv: number | null;
  fano: number | null;
}
type Statistics = Record<'all' | 'lif' | 'qif', PopulationStatistics>;
interface Fixture {
  network: { nNodes: number; nEdges: number; weightSum: number; weightAbsSum: number; delaysMs: number[] };
  run: { dtMs: number; tStopMs: number; windowMs: [number, number] };
  quantiles: number[];
  fanoBinMs: number;
  runs: { v0Seed: number | null; statistics: Statistics }[];
}

const fixture: Fixture = JSON.parse(await readFile(new URL('../fixtures/sonata/brian2-sonata-n500.json', import.meta.url), 'utf8'));
/** The network of the fixture's `export` command line (rnnkit spiking's defaults otherwise). */
const NETWORK = { n: 500, p: 0.1, g: 10, seed: 'sonata-peer' };
/** rnnkit runs from these v(0) seeds (v_i(0) ~ U(0, 20) mV each), as many as Brian2's seeded runs. */
const RNNKIT_SEEDS = ['peer-1', 'peer-2', 'peer-3'];

let rt: Runtime;
let dir: string;
beforeAll(async () => {
  rt = await load();
  dir = await mkdtemp(join(tmpdir(), 'rnnkit-sonata-peer-'));
  await h5wasm.ready;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type H5Dataset = { value: ArrayLike<number | bigint> };
const numbers = (file: { get(path: string): unknown }, path: string) => Array.from((file.get(path) as H5Dataset).value, Number);

/** The circuit as the files hold it: edges (target-sorted), per-node model and I_e, delays. */
async function readCircuit(out: string) {
  const typeRows = (await readFile(join(out, 'network', 'node_types.csv'), 'utf8')).trim().split('\n').slice(1).map((r) => r.split(' '));
  const nodeTypes = new Map<number, { qif: boolean; iE: number }>();
  for (const [id, , template, params] of typeRows) {
    const p = JSON.parse(await readFile(join(out, 'components', 'cell_models', params), 'utf8'));
    nodeTypes.set(Number(id), { qif: template !== 'nest:iaf_psc_exp', iE: p.I_e * (p.tau_m / p.C_m) });
  }
  const nodes = new h5wasm.File(join(out, 'network', 'nodes.h5'), 'r');
  const typeIds = numbers(nodes, 'nodes/rnnkit/node_type_id');
  nodes.close();
  const edges = new h5wasm.File(join(out, 'network', 'edges.h5'), 'r');
  const pop = 'edges/rnnkit_to_rnnkit';
  const [source, target, groupIndex, weight, delay] = ['source_node_id', 'target_node_id', 'edge_group_index', '0/syn_weight', '0/delay']
    .map((name) => numbers(edges, `${pop}/${name}`));
  edges.close();
  const n = typeIds.length;
  const rowPtr = new Int32Array(n + 1);
  for (const t of target) rowPtr[t + 1]++;
  for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
  return {
    n, rowPtr, colIdx: Int32Array.from(source), values: Float64Array.from(groupIndex, (k) => weight[k]), delays: [...new Set(delay)],
    types: typeIds.map((id) => ((nodeTypes.get(id) as { qif: boolean }).qif ? 1 : 0)),
    mu: typeIds.map((id) => (nodeTypes.get(id) as { iE: number }).iE),
  };
}

const sum = (v: ArrayLike<number>) => {
  let total = 0;
  for (let k = 0; k < v.length; k++) total += v[k];
  return total;
};
const meanSd = (v: number[]) => {
  const m = sum(v) / v.length;
  return { mean: m, sd: Math.sqrt(sum(v.map((x) => (x - m) ** 2)) / (v.length - 1)) };
};

describe('SONATA export against Brian2 (N = 500, p = 0.1, J_c = 10, 2 s)', () => {
  it('rnnkit on the exported circuit matches Brian2 on the same files: rates, rate quantiles, ISI CV, Fano', async () => {
    const out = join(dir, 'peer');
    {
      using weights = sparseGaussianNetwork(rt, NETWORK);
      await writeSonata(rt, out, { weights, dtMs: fixture.run.dtMs, seed: NETWORK.seed }, { tStopMs: fixture.run.tStopMs });
    }
    const c = await readCircuit(out);
    // The export is the network Brian2 ran: same edges, and weight sums to the last bits printed.
    expect(c.n).toBe(fixture.network.nNodes);
    expect(c.values.length).toBe(fixture.network.nEdges);
    expect(sum(c.values)).toBeCloseTo(fixture.network.weightSum, 9);
    expect(sum(c.values.map(Math.abs))).toBeCloseTo(fixture.network.weightAbsSum, 9);
    expect(c.delays).toEqual(fixture.network.delaysMs);

    const [t0Ms, t1Ms] = fixture.run.windowMs;
    const simulate = async (seed: string, dtMs: number): Promise<Statistics> => {
      using weights = rt.csr({ nRows: c.n, nCols: c.n, rowPtr: c.rowPtr, colIdx: c.colIdx, values: c.values });
      // The circuit's delay and exact propagators for the linear parts, as NEST's iaf_psc_exp; v(0) from the seed.
      using net = new SpikingNetwork(rt, { weights, types: c.types, mu: c.mu, dtMs, delayMs: c.delays[0], integrator: 'exact', seed });
      const spikes = (await net.run({ tMs: fixture.run.tStopMs })).spikes as NonNullable<SpikingRun['spikes']>;
      const population = (kind: 0 | 1 | null): PopulationStatistics => {
        const members = c.types.flatMap((t, i) => (kind === null || t === kind ? [i] : []));
        const index = new Int32Array(c.n).fill(-1);
        members.forEach((i, k) => { index[i] = k; });
        const picked = Array.from(spikes.neuron.keys()).filter((k) => index[spikes.neuron[k]] >= 0);
        const trains = { ...spikes, n: members.length, neuron: Int32Array.from(picked, (k) => index[spikes.neuron[k]]), step: Int32Array.from(picked, (k) => spikes.step[k]) };
        const s = spikeStatistics(rt, trains, { t0Ms, t1Ms, binMs: fixture.fanoBinMs });
        const sorted = Float64Array.from(s.rates).sort();
        return { n: s.n, rateHz: s.rateHz, rateQuantilesHz: fixture.quantiles.map((q) => quantile(sorted, q)), fracSilent: s.fracSilent, cv: s.cv, fano: s.fano };
      };
      return { all: population(null), lif: population(0), qif: population(1) };
    };
    const measured: Statistics[] = [];
    for (const seed of RNNKIT_SEEDS) measured.push(await simulate(seed, fixture.run.dtMs));
    const halfStep: Statistics[] = [];
    for (const seed of RNNKIT_SEEDS) halfStep.push(await simulate(seed, fixture.run.dtMs / 2));
    // Brian2's runs: the files' V_m = 0 start (as NEST) and its v(0) seeds.
    const brian = fixture.runs.map((r) => r.statistics);
    /** One count in the window, in Hz: the resolution of a neuron's rate (and of the rate quantiles). */
    const rateResolution = 1000 / (t1Ms - t0Ms);
    const report: string[] = [];
    const failures: string[] = [];
    for (const pop of ['all', 'lif', 'qif'] as const) {
      const stats: [string, (s: Statistics) => number, number][] = [
        ['rateHz', (s) => s[pop].rateHz, 0], ['cv', (s) => s[pop].cv as number, 0], ['fano', (s) => s[pop].fano as number, 0],
        ...fixture.quantiles.map((q, k) => [`rate q${q}`, (s: Statistics) => s[pop].rateQuantilesHz[k], rateResolution] as [string, (s: Statistics) => number, number]),
      ];
      for (const [name, get, resolution] of stats) {
        const r = meanSd(measured.map(get));
        const b = meanSd(brian.map(get));
        // Tolerance: 4 standard errors of the difference of the two means (seed-to-seed spread of
        // each simulator), plus twice rnnkit's step-halving change |X̄(dt) − X̄(dt/2)| over the same
        // seeds (a first-order integrator's error at dt is about twice it, by Richardson; Brian2's
        // exact/RK4 steps are closer to the continuous limit), plus one count of resolution for the quantiles.
        const se = Math.sqrt(r.sd ** 2 / measured.length + b.sd ** 2 / brian.length);
        const tolerance = 4 * se + 2 * Math.abs(r.mean - meanSd(halfStep.map(get)).mean) + resolution;
        const line = `${pop} ${name}: rnnkit ${r.mean.toFixed(3)} ± ${r.sd.toFixed(3)}, Brian2 ${b.mean.toFixed(3)} ± ${b.sd.toFixed(3)}, tolerance ${tolerance.toFixed(3)}`;
        report.push(line);
        if (!(Math.abs(r.mean - b.mean) <= tolerance)) failures.push(line);
      }
    }
    const half = (kind: 'all' | 'lif' | 'qif') => meanSd(halfStep.map((h) => h[kind].rateHz)).mean.toFixed(3);
    report.push(`rnnkit at dt/2: rate ${half('all')}, LIF ${half('lif')}, QIF ${half('qif')} Hz`);
    console.log(report.join('\n'));
    expect(failures).toEqual([]);
    // The tolerances stay meaningful: the population rate within 2%, the CV within 10%.
    const rate = meanSd(brian.map((s) => s.all.rateHz)).mean;
    expect(Math.abs(meanSd(measured.map((s) => s.all.rateHz)).mean - rate)).toBeLessThan(0.02 * rate);
    const cv = meanSd(brian.map((s) => s.all.cv as number)).mean;
    expect(Math.abs(meanSd(measured.map((s) => s.all.cv as number)).mean - cv)).toBeLessThan(0.1 * cv);
  });
});
