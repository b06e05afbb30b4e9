/**
 * SONATA export of a spiking network (Dai et al. 2020, PLOS Comput Biol 16:e1007696), in the
 * layout NEST ≥ 3.5 reads (`nest.SonataNetwork`; the NEST SONATA guide): nodes and edges HDF5
 * files (h5wasm), node and edge type CSVs, per-type dynamics parameters (JSON), and the circuit
 * and simulation configs. Node only (writes files; h5wasm's Node build), so the library entry
 * never imports it.
 *
 * Model mapping (rnnkit: τ_m dv/dt = a v (v − V_T)/ΔV − b v + μ + I, τ_s dI/dt = −I, I_i += w_ij
 * at a spike of j; voltages in mV relative to rest). With C_m = τ_m (pF, τ_m in ms) the membrane
 * resistance R = τ_m/C_m is 1 GΩ, so a current of x pA moves v as x mV of rnnkit's I does:
 *   LIF → nest:iaf_psc_exp with E_L = 0, V_th = θ, V_reset, tau_m, C_m = τ_m, tau_syn_ex =
 *         tau_syn_in = τ_s, t_ref, I_e = μ (pA); weights w_ij in pA, unchanged.
 *   QIF → qif_psc_exp_rnnkit_neuron, the NESTML model written beside the configs
 *         (components/nestml/), τ_m dV/dt = V (V − V_T)/ΔV + R (I_syn + I_e), spike and reset at
 *         V ≥ V_peak = θ. NEST runs it after NESTML generated and installed its module.
 *   GLM → glm_psc_exp_rnnkit_neuron, a second NESTML model there (NEST has no erf-rate point
 *         process: pp_psc_delta's rate is c₁V + c₂e^{c₃V}, erfc_neuron is binary): τ_m dV/dt =
 *         −V + R (I_syn + I_e), and in each step after the update a spike with probability
 *         1 − e^{−ν(V) dt}, ν(V) = ν_max·½(1 + erf((V − θ)/(√2 σ_ν))); no threshold, no reset.
 * Delays: NEST's minimum is one step, so a delay of 0 steps (rnnkit's default: within the step)
 * becomes dt. Per-neuron μ is kept by giving each distinct (model, μ) its own node type (NEST
 * reads no per-node properties); v(0), noise and Poisson drive are not exported (see README).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Network, NetworkMatrix } from '../connectivity/network.js';
import { SpikingNetwork, type SpikingNetworkParams } from '../dynamics/spiking.js';
import { NEURON_KINDS, type NeuronKind, type ResolvedTypeParams } from '../dynamics/spiking-params.js';
import { csrArraysOfDense, type CsrArrays, type CsrMatrix } from '../linalg/csr.js';
import type { DenseMatrix } from '../linalg/dense.js';
import type { Runtime } from '../runtime.js';
import { requirePositive } from '../validate.js';

export interface SonataOptions {
  /** Simulated time in the simulation config (ms). */
  tStopMs: number;
  /** Name of the node population (default 'rnnkit'); the edge population is `<name>_to_<name>`. */
  population?: string;
}

export interface SonataFiles {
  circuitConfig: string;
  simulationConfig: string;
  nodes: string;
  edges: string;
  nodeTypes: string;
  edgeTypes: string;
  /** The NESTML models written (components/nestml/*.nestml: QIF and/or GLM nodes need them); empty for LIF only. */
  nestml: string[];
  nNodes: number;
  nEdges: number;
  nNodeTypes: number;
}

/** The NESTML blocks both rnnkit models share: one spike port whose weights (pA) jump I_syn. */
const NESTML_SYNAPTIC_INPUT = `    internals:
        unit_psc pA = 1 pA

    input:
        spike_in_port <- spike

    output:
        spike

    onReceive(spike_in_port):
        I_syn += sift(spike_in_port, unit_psc)
`;

/** The NEST model the QIF nodes use (the NESTML source below, installed as a NEST module). */
export const QIF_NEST_MODEL = 'qif_psc_exp_rnnkit_neuron';

/** NESTML source of the QIF neuron with exponential currents, in NESTML ≥ 7 syntax. */
export const QIF_NESTML = `# ${QIF_NEST_MODEL}: quadratic integrate-and-fire neuron with exponential
# postsynaptic currents, as rnnkit integrates it (voltages relative to rest):
#   tau_m dV/dt = V (V - V_T) / Delta_V + (I_syn + I_e) tau_m / C_m,   dI_syn/dt = -I_syn / tau_syn,
#   spike when V >= V_peak, then V = V_reset for t_ref; a spike of weight w adds w to I_syn.
# Written by rnnkit's SONATA export (C_m = tau_m pF makes tau_m / C_m = 1 GOhm, so pA = rnnkit mV).
model ${QIF_NEST_MODEL}:
    state:
        V_m mV = 0 mV
        I_syn pA = 0 pA
        refr_t ms = 0 ms

    equations:
        I_syn' = -I_syn / tau_syn
        V_m' = V_m * (V_m - V_T) / (Delta_V * tau_m) + (I_syn + I_e) / C_m
        refr_t' = -1e3 * ms/s

    parameters:
        tau_m ms = 10 ms
        C_m pF = 10 pF
        tau_syn ms = 5 ms
        V_T mV = 20 mV
        Delta_V mV = 20 mV
        V_peak mV = 100 mV
        V_reset mV = 10 mV
        t_ref ms = 0 ms
        I_e pA = 0 pA

${NESTML_SYNAPTIC_INPUT}
    update:
        if refr_t > 0 ms:
            integrate_odes(I_syn, refr_t)
        else:
            integrate_odes(I_syn, V_m)

    onCondition(refr_t <= 0 ms and V_m >= V_peak):
        refr_t = t_ref
        V_m = V_reset
        emit_spike()
`;

/** The NEST model the GLM nodes use (the NESTML source below, installed as a NEST module). */
export const GLM_NEST_MODEL = 'glm_psc_exp_rnnkit_neuron';

/** NESTML source of the Poisson-GLM neuron with exponential currents, in NESTML ≥ 7 syntax. */
export const GLM_NESTML = `# ${GLM_NEST_MODEL}: Poisson generalised linear model neuron with exponential
# postsynaptic currents, as rnnkit steps it (voltages relative to rest):
#   tau_m dV/dt = -V + (I_syn + I_e) tau_m / C_m,   dI_syn/dt = -I_syn / tau_syn,
#   spikes: Poisson with rate nu(V) = rate_max (1 + erf((V - theta) / (sqrt(2) rate_width))) / 2,
#   at most one per step, with probability 1 - exp(-nu dt) after the step's update; no reset.
# Written by rnnkit's SONATA export (C_m = tau_m pF makes tau_m / C_m = 1 GOhm, so pA = rnnkit mV).
model ${GLM_NEST_MODEL}:
    state:
        V_m mV = 0 mV
        I_syn pA = 0 pA

    equations:
        I_syn' = -I_syn / tau_syn
        V_m' = -V_m / tau_m + (I_syn + I_e) / C_m

    parameters:
        tau_m ms = 10 ms
        C_m pF = 10 pF
        tau_syn ms = 5 ms
        theta mV = 10 mV
        rate_width mV = 5 mV
        rate_max Hz = 100 Hz
        I_e pA = 0 pA

${NESTML_SYNAPTIC_INPUT}
    update:
        integrate_odes(I_syn, V_m)
        rate Hz = rate_max * 0.5 * (1 + erf((V_m - theta) / (2**0.5 * rate_width)))
        if random_uniform(0, 1) < -expm1(-rate * resolution()):
            emit_spike()
`;

/** The NEST model and NESTML source (null: built into NEST) of each rnnkit neuron kind. */
const NEST_MODELS: Record<NeuronKind, { model: string; nestml: string | null }> = {
  lif: { model: 'iaf_psc_exp', nestml: null },
  qif: { model: QIF_NEST_MODEL, nestml: QIF_NESTML },
  glm: { model: GLM_NEST_MODEL, nestml: GLM_NESTML },
};

/** NEST parameters of one node type (see the mapping above). */
function nestParams(kind: NeuronKind, p: ResolvedTypeParams, mu: number): Record<string, number> {
  if (kind === 'glm') {
    return { tau_m: p.tauMs, C_m: p.tauMs, tau_syn: p.tauSynMs, theta: p.thetaMv, rate_width: p.rateWidthMv, rate_max: p.rateMaxHz, I_e: mu, V_m: 0 };
  }
  const common = { tau_m: p.tauMs, C_m: p.tauMs, V_reset: p.vResetMv, t_ref: p.refractoryMs, I_e: mu, V_m: 0 };
  return kind === 'lif'
    ? { ...common, E_L: 0, V_th: p.thetaMv, tau_syn_ex: p.tauSynMs, tau_syn_in: p.tauSynMs }
    : { ...common, tau_syn: p.tauSynMs, V_T: p.vTMv, Delta_V: p.deltaVMv, V_peak: p.thetaMv };
}

function csrArraysOf(weights: SpikingNetworkParams['weights']): CsrArrays {
  const matrix: NetworkMatrix | null = 'matrix' in weights ? (weights as Network).matrix : (weights as CsrMatrix | DenseMatrix);
  if (matrix === null) throw new RangeError('writeSonata: weights has no materialised matrix');
  return 'toArrays' in matrix ? matrix.toArrays() : csrArraysOfDense(matrix.nRows, matrix.nCols, matrix.toArray());
}

const POPULATION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Writes `params` (as `new SpikingNetwork(rt, params)` takes them) as a SONATA circuit in `dir`:
 * network/{nodes.h5, node_types.csv, edges.h5, edge_types.csv}, components/…, circuit_config.json
 * and simulation_config.json (dt and tstop). Edges are stored sorted by target (CSR rows), with
 * the target_to_source index.
 */
export async function writeSonata(rt: Runtime, dir: string, params: SpikingNetworkParams, options: SonataOptions): Promise<SonataFiles> {
  const where = 'writeSonata';
  const tStopMs = requirePositive(where, 'tStopMs', options.tStopMs);
  const population = options.population ?? 'rnnkit';
  if (!POPULATION_NAME.test(population)) throw new RangeError(`${where}: population must be an identifier (letters, digits, _), got ${JSON.stringify(population)}`);
  // The network validates params and resolves types (seeded fracQif placement) and per-type parameters.
  const { n, types, typeParams, dtMs, delaySteps } = (() => {
    using net = new SpikingNetwork(rt, params);
    return { n: net.n, types: net.types, typeParams: net.typeParams, dtMs: net.dtMs, delaySteps: net.delaySteps };
  })();
  for (const kind of NEURON_KINDS) {
    const p = typeParams[kind];
    if (p.noiseSigmaMv !== 0 || p.poisson !== null) throw new RangeError(`${where}: ${kind} noise and Poisson drive have no SONATA export yet (set noiseSigmaMv = 0, poisson = null)`);
  }
  const mu = params.mu;
  // Node types: one per distinct (model, μ); ids from 1 in order of first appearance.
  const typeIds = new Map<string, { id: number; kind: NeuronKind; mu: number }>();
  const nodeTypeId = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const kind = NEURON_KINDS[types[i]];
    const m = mu === undefined ? typeParams[kind].muMv : Number(mu[i]);
    const key = `${kind}:${m}`;
    if (!typeIds.has(key)) typeIds.set(key, { id: typeIds.size + 1, kind, mu: m });
    nodeTypeId[i] = (typeIds.get(key) as { id: number }).id;
  }
  if (typeIds.size > 10_000) throw new RangeError(`${where}: ${typeIds.size} distinct (model, mu) pairs; NEST needs a node type for each (at most 10000 here)`);

  const { rowPtr, colIdx, values } = csrArraysOf(params.weights);
  const nnz = rowPtr[n];
  const network = join(dir, 'network');
  const cells = join(dir, 'components', 'cell_models');
  const synapses = join(dir, 'components', 'synaptic_models');
  await Promise.all([network, cells, synapses].map((d) => mkdir(d, { recursive: true })));
  const nestml: string[] = [];
  for (const kind of new Set([...typeIds.values()].map((t) => t.kind))) {
    const { model, nestml: source } = NEST_MODELS[kind];
    if (source === null) continue;
    const path = join(dir, 'components', 'nestml', `${model}.nestml`);
    await mkdir(join(dir, 'components', 'nestml'), { recursive: true });
    await writeFile(path, source);
    nestml.push(path);
  }
  const nodeTypeRows = ['node_type_id model_type model_template dynamics_params model_name'];
  for (const t of typeIds.values()) {
    const file = `node_type_${t.id}.json`;
    await writeFile(join(cells, file), `${JSON.stringify(nestParams(t.kind, typeParams[t.kind], t.mu), null, 1)}\n`);
    nodeTypeRows.push(`${t.id} point_process nest:${NEST_MODELS[t.kind].model} ${file} ${t.kind}`);
  }
  const delayMs = Math.max(delaySteps, 1) * dtMs;
  await writeFile(join(synapses, 'static.json'), '{}\n');
  const files = {
    nodes: join(network, 'nodes.h5'), edges: join(network, 'edges.h5'),
    nodeTypes: join(network, 'node_types.csv'), edgeTypes: join(network, 'edge_types.csv'),
  };
  // SONATA's type CSVs are space-separated.
  await writeFile(files.nodeTypes, `${nodeTypeRows.join('\n')}\n`);
  await writeFile(files.edgeTypes, `edge_type_id model_template dynamics_params\n1 static_synapse static.json\n`);

  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const nodesFile = new h5wasm.File(files.nodes, 'w');
  try {
    const pop = nodesFile.create_group('nodes').create_group(population);
    pop.create_dataset({ name: 'node_type_id', data: nodeTypeId });
    pop.create_dataset({ name: 'node_id', data: Uint32Array.from({ length: n }, (_, i) => i) });
    pop.create_dataset({ name: 'node_group_id', data: new Uint32Array(n) });
    pop.create_dataset({ name: 'node_group_index', data: Uint32Array.from({ length: n }, (_, i) => i) });
    pop.create_group('0');
  } finally {
    nodesFile.close();
  }
  const edgesFile = new h5wasm.File(files.edges, 'w');
  try {
    const edgePopulation = `${population}_to_${population}`;
    const pop = edgesFile.create_group('edges').create_group(edgePopulation);
    const source = pop.create_dataset({ name: 'source_node_id', data: Uint32Array.from(colIdx) });
    source.create_attribute('node_population', population);
    const target = new Uint32Array(nnz);
    for (let i = 0; i < n; i++) target.fill(i, rowPtr[i], rowPtr[i + 1]);
    pop.create_dataset({ name: 'target_node_id', data: target }).create_attribute('node_population', population);
    pop.create_dataset({ name: 'edge_type_id', data: new Uint32Array(nnz).fill(1) });
    pop.create_dataset({ name: 'edge_group_id', data: new Uint32Array(nnz) });
    pop.create_dataset({ name: 'edge_group_index', data: BigUint64Array.from({ length: nnz }, (_, k) => BigInt(k)) });
    const group = pop.create_group('0');
    group.create_dataset({ name: 'syn_weight', data: Float64Array.from(values) });
    group.create_dataset({ name: 'delay', data: new Float64Array(nnz).fill(delayMs) });
    // Edges are sorted by target: node i's edges are the one range [rowPtr[i], rowPtr[i+1]).
    const toSource = pop.create_group('indices').create_group('target_to_source');
    toSource.create_dataset({ name: 'node_id_to_range', data: BigUint64Array.from({ length: 2 * n }, (_, k) => BigInt(k >> 1) + BigInt(k & 1)), shape: [n, 2] });
    toSource.create_dataset({ name: 'range_to_edge_id', data: BigUint64Array.from({ length: 2 * n }, (_, k) => BigInt(rowPtr[(k >> 1) + (k & 1)])), shape: [n, 2] });
  } finally {
    edgesFile.close();
  }

  // SONATA's own placeholder: the directory of the config file.
  const configDir = '$' + '{configdir}';
  const circuit = {
    manifest: { $BASE_DIR: configDir, $NETWORK_DIR: '$BASE_DIR/network', $COMPONENTS_DIR: '$BASE_DIR/components' },
    components: { point_neuron_models_dir: '$COMPONENTS_DIR/cell_models', synaptic_models_dir: '$COMPONENTS_DIR/synaptic_models' },
    networks: {
      nodes: [{ nodes_file: '$NETWORK_DIR/nodes.h5', node_types_file: '$NETWORK_DIR/node_types.csv' }],
      edges: [{ edges_file: '$NETWORK_DIR/edges.h5', edge_types_file: '$NETWORK_DIR/edge_types.csv' }],
    },
  };
  const simulation = {
    manifest: { $BASE_DIR: configDir, $OUTPUT_DIR: '$BASE_DIR/output' },
    target_simulator: 'NEST',
    run: { tstop: tStopMs, dt: dtMs },
    output: { output_dir: '$OUTPUT_DIR', spikes_file: 'spikes.h5' },
    network: 'circuit_config.json',
  };
  const circuitConfig = join(dir, 'circuit_config.json');
  const simulationConfig = join(dir, 'simulation_config.json');
  await writeFile(circuitConfig, `${JSON.stringify(circuit, null, 1)}\n`);
  await writeFile(simulationConfig, `${JSON.stringify(simulation, null, 1)}\n`);
  return { circuitConfig, simulationConfig, ...files, nestml, nNodes: n, nEdges: nnz, nNodeTypes: typeIds.size };
}
