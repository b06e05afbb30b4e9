/**
 * SONATA export (src/io/sonata.ts), read back with h5wasm and checked against the SONATA
 * specification's required groups and datasets (Dai et al. 2020; the NEST SONATA guide) and
 * against the network it came from.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CsrMatrix, load, type Runtime, SpikingNetwork, sparseGaussianNetwork } from '../../src/index.js';
import { TYPE_DEFAULTS } from '../../src/dynamics/spiking-params.js';
import { GLM_NEST_MODEL, QIF_NEST_MODEL, writeSonata } from '../../src/io/sonata.js';
import { rnnkit } from '../helpers/cli.js';

let rt: Runtime;
let dir: string;
beforeAll(async () => {
  rt = await load();
  dir = await mkdtemp(join(tmpdir(), 'rnnkit-sonata-'));
  await h5wasm.ready;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type H5Group = { keys(): string[]; get(name: string): unknown };
type H5Dataset = { shape: number[]; value: ArrayLike<number | bigint>; attrs: Record<string, { value: unknown }> };
const numbers = (d: unknown) => Array.from((d as H5Dataset).value, Number);
const csv = (text: string) => text.trim().split('\n').map((line) => line.split(' '));

describe('writeSonata', () => {
  it('writes the required SONATA datasets, and they reproduce the network, its types and parameters', async () => {
    const n = 60;
    using weights = sparseGaussianNetwork(rt, { n, p: 0.2, g: 10, seed: 'sonata' });
    const out = join(dir, 'mixed');
    const files = await writeSonata(rt, out, { weights, fracQif: 0.5, dtMs: 0.1, seed: 'sonata' }, { tStopMs: 300 });
    using reference = new SpikingNetwork(rt, { weights, fracQif: 0.5, dtMs: 0.1, seed: 'sonata' });

    const nodes = new h5wasm.File(files.nodes, 'r');
    try {
      const pop = nodes.get('nodes/rnnkit') as unknown as H5Group;
      for (const name of ['node_type_id', 'node_id', 'node_group_id', 'node_group_index']) {
        expect((pop.get(name) as H5Dataset).shape, name).toEqual([n]);
      }
      expect(pop.keys()).toContain('0');
      expect(numbers(pop.get('node_id'))).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(new Set(numbers(pop.get('node_group_id')))).toEqual(new Set([0]));
      // Each node's type names the model of its rnnkit type (the seeded fracQif placement).
      const types = Object.fromEntries(csv(await readFile(files.nodeTypes, 'utf8')).slice(1).map(([id, , template, params]) => [Number(id), { template, params }]));
      const typeIds = numbers(pop.get('node_type_id'));
      for (let i = 0; i < n; i++) expect(types[typeIds[i]].template).toBe(reference.types[i] ? `nest:${QIF_NEST_MODEL}` : 'nest:iaf_psc_exp');
    } finally {
      nodes.close();
    }

    const edges = new h5wasm.File(files.edges, 'r');
    try {
      const pop = edges.get('edges/rnnkit_to_rnnkit') as unknown as H5Group;
      const a = (weights.matrix as CsrMatrix).toArrays();
      const nnz = a.rowPtr[n];
      for (const name of ['source_node_id', 'target_node_id', 'edge_type_id', 'edge_group_id', 'edge_group_index']) {
        expect((pop.get(name) as H5Dataset).shape, name).toEqual([nnz]);
      }
      expect((pop.get('source_node_id') as H5Dataset).attrs.node_population.value).toBe('rnnkit');
      expect((pop.get('target_node_id') as H5Dataset).attrs.node_population.value).toBe('rnnkit');
      // Rebuild w[target, source] from the edge table and compare with the matrix, entry by entry.
      const source = numbers(pop.get('source_node_id'));
      const target = numbers(pop.get('target_node_id'));
      const groupIndex = numbers(pop.get('edge_group_index'));
      const weight = numbers(pop.get('0/syn_weight'));
      const delay = numbers(pop.get('0/delay'));
      const dense = new Float64Array(n * n);
      for (let e = 0; e < nnz; e++) dense[target[e] * n + source[e]] = weight[groupIndex[e]];
      const expected = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let k = a.rowPtr[i]; k < a.rowPtr[i + 1]; k++) expected[i * n + a.colIdx[k]] = a.values[k];
      expect(dense).toEqual(expected);
      expect(new Set(delay)).toEqual(new Set([0.1])); // delay 0 steps → NEST's minimum, one step
      // target_to_source: node i's range lists exactly the edges whose target is i.
      const toRange = numbers(pop.get('indices/target_to_source/node_id_to_range'));
      const ranges = numbers(pop.get('indices/target_to_source/range_to_edge_id'));
      for (let i = 0; i < n; i++) {
        const listed: number[] = [];
        for (let r = toRange[2 * i]; r < toRange[2 * i + 1]; r++) for (let e = ranges[2 * r]; e < ranges[2 * r + 1]; e++) listed.push(e);
        expect(listed).toEqual(target.flatMap((t, e) => (t === i ? [e] : [])));
      }
    } finally {
      edges.close();
    }

    // Parameters: with R = τ_m/C_m the NEST steady state R·I_e is rnnkit's μ (the mapping's invariant).
    const lif = JSON.parse(await readFile(join(out, 'components', 'cell_models', `node_type_${csv(await readFile(files.nodeTypes, 'utf8')).find((r) => r[2] === 'nest:iaf_psc_exp')?.[0]}.json`), 'utf8'));
    const p = reference.typeParams.lif;
    expect(lif.I_e * (lif.tau_m / lif.C_m)).toBe(p.muMv);
    expect(lif).toMatchObject({ E_L: 0, V_th: p.thetaMv, V_reset: p.vResetMv, tau_m: p.tauMs, tau_syn_ex: p.tauSynMs, tau_syn_in: p.tauSynMs, t_ref: p.refractoryMs });
    expect(csv(await readFile(files.nodeTypes, 'utf8'))[0]).toEqual(expect.arrayContaining(['node_type_id', 'model_type', 'model_template', 'dynamics_params']));
    expect(csv(await readFile(files.edgeTypes, 'utf8'))[0]).toEqual(expect.arrayContaining(['edge_type_id', 'model_template']));
    expect(files.nestml).toHaveLength(1);
    expect(await readFile(files.nestml[0], 'utf8')).toMatch(new RegExp(`model ${QIF_NEST_MODEL}:`));

    // Configs: every file they name exists (manifest variables resolved), and the run block has dt and tstop.
    const circuit = JSON.parse(await readFile(files.circuitConfig, 'utf8'));
    const resolve = (path: string) => path.replace('$NETWORK_DIR', '$BASE_DIR/network').replace('$COMPONENTS_DIR', '$BASE_DIR/components').replace('$BASE_DIR', out);
    for (const entry of [...circuit.networks.nodes, ...circuit.networks.edges]) {
      for (const path of Object.values(entry) as string[]) expect(existsSync(resolve(path)), path).toBe(true);
    }
    for (const path of Object.values(circuit.components) as string[]) expect(existsSync(resolve(path)), path).toBe(true);
    const simulation = JSON.parse(await readFile(files.simulationConfig, 'utf8'));
    expect(simulation).toMatchObject({ target_simulator: 'NEST', run: { tstop: 300, dt: 0.1 } });
  });

  it('gives each distinct (model, μ) its own node type, and LIF-only networks need no NESTML', async () => {
    using weights = sparseGaussianNetwork(rt, { n: 10, p: 0.3, g: 5, seed: 'mu' });
    const mu = [20, 20, 21, 20, 21, 22, 20, 20, 20, 20];
    const files = await writeSonata(rt, join(dir, 'mu'), { weights, fracQif: 0, mu }, { tStopMs: 100 });
    expect(files.nNodeTypes).toBe(3);
    expect(files.nestml).toEqual([]);
    const nodes = new h5wasm.File(files.nodes, 'r');
    try {
      expect(numbers(nodes.get('nodes/rnnkit/node_type_id'))).toEqual([1, 1, 2, 1, 2, 3, 1, 1, 1, 1]);
    } finally {
      nodes.close();
    }
  });

  it('exports GLM nodes (type 2) with their NESTML model and parameters beside LIF and QIF nodes', async () => {
    const n = 30;
    using weights = sparseGaussianNetwork(rt, { n, p: 0.2, g: 5, seed: 'glm' });
    const types = Array.from({ length: n }, (_, i) => i % 3);
    const glm = { thetaMv: 12, rateWidthMv: 4, rateMaxHz: 80, tauSynMs: 3 };
    const mu = Array.from({ length: n }, (_, i) => (i % 3 === 2 ? 6 + (i % 2) : 20));
    const out = join(dir, 'glm');
    const files = await writeSonata(rt, out, { weights, types, glm, mu, dtMs: 0.1 }, { tStopMs: 100 });
    using reference = new SpikingNetwork(rt, { weights, types, glm, mu, dtMs: 0.1 });
    const rows = csv(await readFile(files.nodeTypes, 'utf8')).slice(1);
    const byId = Object.fromEntries(rows.map(([id, , template, params, name]) => [Number(id), { template, params, name }]));
    const nodes = new h5wasm.File(files.nodes, 'r');
    let typeIds: number[];
    try {
      typeIds = numbers(nodes.get('nodes/rnnkit/node_type_id'));
    } finally {
      nodes.close();
    }
    const templates = ['nest:iaf_psc_exp', `nest:${QIF_NEST_MODEL}`, `nest:${GLM_NEST_MODEL}`];
    for (let i = 0; i < n; i++) {
      const type = byId[typeIds[i]];
      expect(type.template).toBe(templates[types[i]]);
      // Each GLM node's parameters give back rnnkit's: R·I_e = μ_i with R = τ_m/C_m, and the rate function.
      if (types[i] !== 2) continue;
      const p = JSON.parse(await readFile(join(out, 'components', 'cell_models', type.params), 'utf8'));
      expect(p.I_e * (p.tau_m / p.C_m)).toBe(mu[i]);
      const g = reference.typeParams.glm;
      expect(p).toMatchObject({ tau_m: g.tauMs, tau_syn: g.tauSynMs, theta: g.thetaMv, rate_width: g.rateWidthMv, rate_max: g.rateMaxHz, V_m: 0 });
    }
    // (GLM, μ = 6) and (GLM, μ = 7) are two node types beside one LIF and one QIF type.
    expect(files.nNodeTypes).toBe(4);
    expect(files.nestml.map((f) => f.split('/').pop())).toEqual([`${QIF_NEST_MODEL}.nestml`, `${GLM_NEST_MODEL}.nestml`]);
    // The NESTML source declares the model and, as its defaults, rnnkit's GLM defaults.
    const source = await readFile(files.nestml[1], 'utf8');
    expect(source).toMatch(new RegExp(`model ${GLM_NEST_MODEL}:`));
    const declared = (name: string) => Number(new RegExp(`^\\s+${name} \\S+ = ([0-9.]+)`, 'm').exec(source)?.[1]);
    const d = TYPE_DEFAULTS.glm;
    expect([declared('tau_m'), declared('tau_syn'), declared('theta'), declared('rate_width'), declared('rate_max')])
      .toEqual([d.tauMs, d.tauSynMs, d.thetaMv, d.rateWidthMv, d.rateMaxHz]);
    expect(source).toMatch(/erf\(\(V_m - theta\) \/ \(2\*\*0\.5 \* rate_width\)\)/);
  });

  it('rejects what it cannot export, naming the parameter', async () => {
    using weights = sparseGaussianNetwork(rt, { n: 10, p: 0.3, g: 5, seed: 'bad' });
    await expect(writeSonata(rt, join(dir, 'bad'), { weights, lif: { noiseSigmaMv: 1 } }, { tStopMs: 100 })).rejects.toThrow(/lif noise and Poisson drive have no SONATA export/);
    await expect(writeSonata(rt, join(dir, 'bad'), { weights, types: new Array(10).fill(2), glm: { noiseSigmaMv: 1 } }, { tStopMs: 100 }))
      .rejects.toThrow(/glm noise and Poisson drive have no SONATA export/);
    await expect(writeSonata(rt, join(dir, 'bad'), { weights }, { tStopMs: 0 })).rejects.toThrow(/tStopMs/);
    await expect(writeSonata(rt, join(dir, 'bad'), { weights }, { tStopMs: 10, population: 'a b' })).rejects.toThrow(/population must be an identifier/);
  });
});

describe('rnnkit export --format sonata', () => {
  it('writes the circuit and prints its files as JSON', async () => {
    const out = join(dir, 'cli');
    const r = await rnnkit('export', '--format', 'sonata', '--out', out, '--n', '100', '--p', '0.1', '--t', '200', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ nNodes: 100, tStopMs: 200, dtMs: 0.1 });
    expect(existsSync(result.edges)).toBe(true);
    const bad = await rnnkit('export', '--format', 'nwb');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--format <format>' argument 'nwb' is invalid/);
  });
});
