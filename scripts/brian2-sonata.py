#!/usr/bin/python3
"""Peer check of rnnkit's SONATA export (src/io/sonata.ts) with Brian2 (issue 17).

Reads a SONATA circuit as `rnnkit export --format sonata` writes it -- the simulation config, the
circuit config it names, nodes.h5 / node_types.csv, edges.h5 / edge_types.csv and the per-type
dynamics-parameter JSON files -- with h5py and the standard library only (nothing of rnnkit's
code), builds the network in Brian2 2.5.1 (Debian's python3-brian, /usr/bin/python3), runs it and
writes the spike statistics as a JSON fixture with this script's command line in it.

The models are NEST's, as the node types name them (the mapping documented in sonata.ts):
  nest:iaf_psc_exp  dV/dt = -(V - E_L)/tau_m + (I_syn + I_e)/C_m,  dI_syn/dt = -I_syn/tau_syn,
                    spike when V >= V_th, V = V_reset, held for t_ref; integrated exactly
                    (Brian2 method='exact', as NEST integrates iaf_psc_exp).
  nest:qif_psc_exp_rnnkit_neuron (the NESTML model written beside the configs)
                    dV/dt = V (V - V_T)/(Delta_V tau_m) + (I_syn + I_e)/C_m, spike when
                    V >= V_peak, V = V_reset, held for t_ref; Brian2 method='rk4' (NESTML hands
                    nonlinear ODEs to a Runge-Kutta solver).
A spike of source j adds syn_weight (pA) to I_syn of target i after the edge's delay (ms).
Units are Brian2's: mV, pA, pF, ms.

v(0) is not part of a SONATA circuit: by default every neuron starts at its V_m parameter, as
NEST would; --v0-seeds S1,S2,... runs once per seed with V(0) ~ U(0, 20) mV instead (rnnkit's
default v(0); the token 'files' is the files' V_m), which gives the seed-to-seed spread of each
statistic.

Statistics on [--t0, tstop) ms, per population (node type model_name) and over all neurons, as
rnnkit's spikeStatistics (src/analysis/spikes.ts) defines them: rate per neuron (Hz), its mean and
quantiles, fraction silent, mean ISI CV over neurons with >= 4 spikes (population SD of the
intervals / their mean), mean Fano factor over active neurons of the counts in 20 ms bins
(unbiased variance / mean).

Usage: /usr/bin/python3 scripts/brian2-sonata.py SONATA_DIR --out FIXTURE.json [--t0 200]
       [--v0-seeds 1,2,3] [--target numpy|cython]
"""
import argparse
import csv
import json
import os
import shlex
import sys
import time

import h5py
import numpy as np

QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9]
MIN_SPIKES_FOR_CV = 4
FANO_BIN_MS = 20.0
MODELS = {'nest:iaf_psc_exp': 'lif', 'nest:qif_psc_exp_rnnkit_neuron': 'qif'}


def expand(path, manifest, config_dir):
    """SONATA's manifest: ${configdir} and $NAME placeholders, resolved until none is left;
    a relative path is relative to the config file's directory."""
    path = path.replace('${configdir}', config_dir)
    for _ in range(len(manifest) + 1):
        for key, value in manifest.items():
            path = path.replace(key, value.replace('${configdir}', config_dir))
    return os.path.normpath(os.path.join(config_dir, path))


def read_config(path):
    with open(path) as f:
        config = json.load(f)
    config_dir = os.path.dirname(os.path.abspath(path))
    manifest = dict(config.get('manifest', {}))
    return config, lambda p: expand(p, manifest, config_dir)


def read_type_csv(path):
    """A SONATA type table: space-separated, the first row names the columns."""
    with open(path) as f:
        rows = [row for row in csv.reader(f, delimiter=' ', skipinitialspace=True) if row]
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def read_circuit(simulation_config):
    sim, resolve_sim = read_config(simulation_config)
    circuit, resolve = read_config(resolve_sim(sim['network']))
    models_dir = resolve(circuit['components']['point_neuron_models_dir'])
    if len(circuit['networks']['nodes']) != 1 or len(circuit['networks']['edges']) != 1:
        raise SystemExit('brian2-sonata: one node file and one edge file expected')
    node_spec = circuit['networks']['nodes'][0]
    edge_spec = circuit['networks']['edges'][0]
    node_types = {int(t['node_type_id']): t for t in read_type_csv(resolve(node_spec['node_types_file']))}
    for t in node_types.values():
        if t['model_template'] not in MODELS:
            raise SystemExit(f"brian2-sonata: model {t['model_template']} is not mapped")
        with open(os.path.join(models_dir, t['dynamics_params'])) as f:
            t['params'] = json.load(f)
    with h5py.File(resolve(node_spec['nodes_file']), 'r') as f:
        (pop_name, pop), = f['nodes'].items()
        node_id = pop['node_id'][:] if 'node_id' in pop else np.arange(len(pop['node_type_id']))
        order = np.argsort(node_id)
        node_type_id = pop['node_type_id'][:][order]
    edge_types = {int(t['edge_type_id']): t for t in read_type_csv(resolve(edge_spec['edge_types_file']))}
    with h5py.File(resolve(edge_spec['edges_file']), 'r') as f:
        (edge_pop_name, epop), = f['edges'].items()
        if epop['source_node_id'].attrs['node_population'] != pop_name:
            raise SystemExit('brian2-sonata: edges between other populations')
        source = epop['source_node_id'][:].astype(np.int64)
        target = epop['target_node_id'][:].astype(np.int64)
        group_id = epop['edge_group_id'][:]
        group_index = epop['edge_group_index'][:]
        edge_type_id = epop['edge_type_id'][:]
        weight = np.empty(len(source))
        delay = np.empty(len(source))
        # Per-edge values live in the edge groups; an edge type's column is the fallback.
        for name, out in (('syn_weight', weight), ('delay', delay)):
            for g in np.unique(group_id):
                sel = group_id == g
                group = epop[str(g)]
                if name in group:
                    out[sel] = group[name][:][group_index[sel]]
                else:
                    out[sel] = [float(edge_types[int(t)][name]) for t in edge_type_id[sel]]
    return dict(sim=sim, population=pop_name, edge_population=edge_pop_name, node_types=node_types,
                node_type_id=node_type_id, source=source, target=target, weight=weight, delay=delay)


def build_and_run(c, v0_seed, target):
    import brian2 as b2
    from brian2 import ms, mV, pA, pF
    b2.prefs.codegen.target = target
    b2.start_scope()
    dt = float(c['sim']['run']['dt'])
    tstop = float(c['sim']['run']['tstop'])
    b2.defaultclock.dt = dt * ms
    n = len(c['node_type_id'])
    kind_of_node = np.array([MODELS[c['node_types'][int(t)]['model_template']] for t in c['node_type_id']])
    groups = {}
    rng = np.random.default_rng(v0_seed) if v0_seed is not None else None
    v0 = rng.uniform(0, 20, size=n) if rng is not None else None
    for kind in ('lif', 'qif'):
        members = np.flatnonzero(kind_of_node == kind)
        if len(members) == 0:
            continue
        common = '''
        dI_syn/dt = -I_syn/tau_syn : amp
        tau_m : second (constant)
        tau_syn : second (constant)
        C_m : farad (constant)
        I_e : amp (constant)
        V_reset : volt (constant)
        t_ref : second (constant)
        '''
        if kind == 'lif':
            eqs = '''dV/dt = -(V - E_L)/tau_m + (I_syn + I_e)/C_m : volt (unless refractory)
            E_L : volt (constant)
            V_th : volt (constant)''' + common
            g = b2.NeuronGroup(len(members), eqs, threshold='V >= V_th', reset='V = V_reset',
                               refractory='t_ref', method='exact')
        else:
            eqs = '''dV/dt = V*(V - V_T)/(Delta_V*tau_m) + (I_syn + I_e)/C_m : volt (unless refractory)
            V_T : volt (constant)
            Delta_V : volt (constant)
            V_th : volt (constant)''' + common
            g = b2.NeuronGroup(len(members), eqs, threshold='V >= V_th', reset='V = V_reset',
                               refractory='t_ref', method='rk4')
        p = [c['node_types'][int(c['node_type_id'][i])]['params'] for i in members]
        col = lambda key: np.array([q[key] for q in p], dtype=float)
        g.tau_m = col('tau_m') * ms
        g.C_m = col('C_m') * pF
        g.I_e = col('I_e') * pA
        g.V_reset = col('V_reset') * mV
        g.t_ref = col('t_ref') * ms
        if kind == 'lif':
            if np.any(col('tau_syn_ex') != col('tau_syn_in')):
                raise SystemExit('brian2-sonata: tau_syn_ex != tau_syn_in is not supported (one synaptic current)')
            g.tau_syn = col('tau_syn_ex') * ms
            g.E_L = col('E_L') * mV
            g.V_th = col('V_th') * mV
        else:
            g.tau_syn = col('tau_syn') * ms
            g.V_T = col('V_T') * mV
            g.Delta_V = col('Delta_V') * mV
            g.V_th = col('V_peak') * mV
        g.V = (v0[members] if v0 is not None else col('V_m')) * mV
        g.I_syn = 0 * pA
        groups[kind] = (g, members)
    local = np.empty(n, dtype=np.int64)
    for g, members in groups.values():
        local[members] = np.arange(len(members))
    synapses = []
    for src_kind, (src, src_members) in groups.items():
        for tgt_kind, (tgt, tgt_members) in groups.items():
            sel = (kind_of_node[c['source']] == src_kind) & (kind_of_node[c['target']] == tgt_kind)
            if not np.any(sel):
                continue
            s = b2.Synapses(src, tgt, 'w : amp', on_pre='I_syn_post += w')
            s.connect(i=local[c['source'][sel]], j=local[c['target'][sel]])
            s.w = c['weight'][sel] * pA
            s.delay = c['delay'][sel] * ms
            synapses.append(s)
    monitors = {kind: b2.SpikeMonitor(g) for kind, (g, _) in groups.items()}
    net = b2.Network(*[g for g, _ in groups.values()], *synapses, *monitors.values())
    start = time.process_time()
    net.run(tstop * ms)
    cpu = time.process_time() - start
    spikes = [[] for _ in range(n)]
    for kind, mon in monitors.items():
        members = groups[kind][1]
        for i, t in zip(np.asarray(mon.i), np.asarray(mon.t / ms)):
            spikes[members[i]].append(t)
    return [np.sort(np.array(s)) for s in spikes], kind_of_node, cpu


def statistics(spikes, t0, t1):
    """Rates, silence, ISI CV and Fano of the trains on [t0, t1) ms (rnnkit's definitions)."""
    duration_s = (t1 - t0) / 1000
    n_bins = int(np.floor((t1 - t0) / FANO_BIN_MS))
    rates, cvs, fanos = [], [], []
    for s in spikes:
        s = s[(s >= t0) & (s < t1)]
        rates.append(len(s) / duration_s)
        if len(s) >= MIN_SPIKES_FOR_CV:
            isi = np.diff(s)
            cvs.append(np.std(isi) / np.mean(isi))
        counts = np.bincount(((s - t0) // FANO_BIN_MS).astype(np.int64), minlength=n_bins)[:n_bins]
        if counts.mean() > 0:
            fanos.append(np.var(counts, ddof=1) / counts.mean())
    rates = np.array(rates)
    return dict(
        n=len(spikes), rateHz=float(rates.mean()),
        rateQuantilesHz=[float(np.quantile(rates, q)) for q in QUANTILES],
        fracSilent=float(np.mean(rates == 0)),
        cv=float(np.mean(cvs)) if cvs else None, cvNeurons=len(cvs),
        fano=float(np.mean(fanos)) if fanos else None,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('sonata_dir')
    ap.add_argument('--out', required=True)
    ap.add_argument('--t0', type=float, default=200.0, help='analysis window start (ms)')
    ap.add_argument('--v0-seeds', default=None,
                    help="comma-separated seeds of V(0) ~ U(0, 20) mV, 'files' for V_m of the files (the default)")
    ap.add_argument('--target', default='numpy')
    ap.add_argument('--command', default=None, help='the command line that made the export, recorded in the fixture')
    args = ap.parse_args()
    import brian2
    c = read_circuit(os.path.join(args.sonata_dir, 'simulation_config.json'))
    tstop = float(c['sim']['run']['tstop'])
    seeds = [None if s == 'files' else int(s) for s in args.v0_seeds.split(',')] if args.v0_seeds else [None]
    runs = []
    for seed in seeds:
        spikes, kinds, cpu = build_and_run(c, seed, args.target)
        stats = {'all': statistics(spikes, args.t0, tstop)}
        for kind in ('lif', 'qif'):
            members = np.flatnonzero(kinds == kind)
            if len(members):
                stats[kind] = statistics([spikes[i] for i in members], args.t0, tstop)
        print(f"v0 seed {seed}: rate {stats['all']['rateHz']:.2f} Hz, CV {stats['all']['cv']}, "
              f"Fano {stats['all']['fano']}, {cpu:.0f} s CPU", file=sys.stderr)
        runs.append(dict(v0Seed=seed, cpuSeconds=round(cpu, 1), statistics=stats))
    fixture = dict(
        source=f'Brian2 {brian2.__version__} ({args.target} target), scripts/brian2-sonata.py',
        command=shlex.join(['/usr/bin/python3', 'scripts/brian2-sonata.py'] + sys.argv[1:]),
        export=args.command,
        network=dict(nNodes=int(len(c['node_type_id'])), nEdges=int(len(c['source'])),
                     weightSum=float(c['weight'].sum()), weightAbsSum=float(np.abs(c['weight']).sum()),
                     delaysMs=sorted(set(float(d) for d in c['delay']))),
        run=dict(dtMs=float(c['sim']['run']['dt']), tStopMs=tstop, windowMs=[args.t0, tstop],
                 lif="method='exact'", qif="method='rk4'"),
        quantiles=QUANTILES, fanoBinMs=FANO_BIN_MS,
        runs=runs)
    with open(args.out, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
