#!/usr/bin/python3
"""Brian2 peer timings for `rnnkit bench --suite spiking` (not run by tests; never commit Brian2's output).

The same model and network statistics as rnnkit's spiking bench: N neurons, half QIF at random,
Erdős–Rényi p = 0.1 without autapses, w = ξ·J_c/√(pN), J_c = 10, Euler, dt = 0.1 ms (one Brian2
"second" stands for one ms, as in test/fixtures/spiking/make_brian2_fixture.py).
CPU seconds per simulated second (process CPU time; the machine may be shared) for:
  cython      Brian2's default runtime: process_time of net.run(T) after a short warm-up run;
  standalone  C++ standalone: the generated binary run for T and for 2T (getrusage of the child),
              the difference divided by T, so set-up (synapse creation, file I/O) cancels.
Usage: /usr/bin/python3 brian2_bench.py N [cython|standalone] [T_ms]   → one JSON line.
"""
import json
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np


def build(b2, n, seed=1):
    rng = np.random.default_rng(seed)
    qif = np.zeros(n, dtype=bool)
    qif[rng.permutation(n)[: n // 2]] = True
    eqs = '''
    dv/dt = (a*v*(v - VT)/DeltaV - b*v + mu + I)/tau_m : 1
    dI/dt = -I/tau_s : 1
    a : 1 (constant)
    b : 1 (constant)
    mu : 1 (constant)
    theta : 1 (constant)
    '''
    ns = dict(tau_m=10 * b2.second, tau_s=5 * b2.second, VT=20.0, DeltaV=20.0)
    g = b2.NeuronGroup(n, eqs, threshold='v > theta', reset='v = 10.0', method='euler', namespace=ns)
    g.a = qif.astype(float)
    g.b = (~qif).astype(float)
    g.mu = np.where(qif, 7.8, 20.2)
    g.theta = np.where(qif, 100.0, 20.0)
    g.v = rng.uniform(0, 20, n)
    pre, post = [], []
    for j in range(n):  # presynaptic rows, as rnnkit's layout
        targets = np.nonzero(rng.random(n) < 0.1)[0]
        targets = targets[targets != j]
        pre.append(np.full(len(targets), j))
        post.append(targets)
    pre, post = np.concatenate(pre), np.concatenate(post)
    s = b2.Synapses(g, g, 'w : 1', on_pre='I_post += w')
    s.connect(i=pre, j=post)
    s.w = rng.standard_normal(len(pre)) * (10.0 / np.sqrt(0.1 * n))
    mon = b2.SpikeMonitor(g)
    return g, s, mon, len(pre)


def cython(n, t_ms):
    import brian2 as b2
    b2.prefs.codegen.target = 'cython'
    b2.defaultclock.dt = 0.1 * b2.second
    g, s, mon, nnz = build(b2, n)
    net = b2.Network(g, s, mon)
    net.run(20 * b2.second)  # compiles (cached) and warms up
    start_spikes = mon.num_spikes
    t0 = time.process_time()
    net.run(t_ms * b2.second)
    cpu = time.process_time() - t0
    return dict(runtime='cython', n=n, nnz=nnz, cpuSecondsPerSimulatedSecond=cpu / (t_ms / 1000),
                rateHz=(mon.num_spikes - start_spikes) / n / (t_ms / 1000))


def standalone_run(n, t_ms):
    import brian2 as b2
    directory = tempfile.mkdtemp(prefix='brian2-standalone-')
    b2.set_device('cpp_standalone', directory=directory, build_on_run=False)
    b2.defaultclock.dt = 0.1 * b2.second
    g, s, mon, nnz = build(b2, n)
    b2.run(t_ms * b2.second)
    b2.device.build(directory=directory, compile=True, run=False)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(['./main'], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, nnz


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    mode = sys.argv[2] if len(sys.argv) > 2 else 'cython'
    t_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 1000.0
    if mode == 'cython':
        print(json.dumps(cython(n, t_ms)))
        return
    # Two standalone builds (T and 2T) in fresh processes; their CPU difference is T's simulation.
    runs = []
    for t in (t_ms, 2 * t_ms):
        out = subprocess.run([sys.executable, __file__, str(n), 'standalone-once', str(t)], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    cpu = (runs[1]['cpu'] - runs[0]['cpu']) / (t_ms / 1000)
    print(json.dumps(dict(runtime='cpp_standalone', n=n, nnz=runs[0]['nnz'], cpuSecondsPerSimulatedSecond=cpu)))


if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[2] == 'standalone-once':
        cpu, nnz = standalone_run(int(sys.argv[1]), float(sys.argv[3]))
        print(json.dumps(dict(cpu=cpu, nnz=nnz)))
    else:
        main()
