// Issue 15: eigDense before/after in one run. Loads two builds (each a directory with dist/ and
// build/, e.g. a copy of the tree before a change and the worktree), and times them in alternating
// rounds on the same Gaussian matrices (entries N(0, 4/n), as bench:peers), CPU time
// (process.cpuUsage, user + system) per call; prints medians, their ratio and the load average.
// --numpy: after each size's rounds, NumPy eigvals/eig (OpenBLAS, one thread) on the same matrix,
// CPU time (time.process_time) median of the same number of rounds, and the after/NumPy ratios.
// Not a test. Usage: node scripts/eigen-dense-ab.mjs [--numpy] BEFORE_DIR AFTER_DIR [rounds] [n …]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const withNumpy = args.includes('--numpy');
const [beforeDir, afterDir, roundsArg, ...sizesArg] = args.filter((a) => a !== '--numpy');
if (!beforeDir || !afterDir) throw new Error('usage: node scripts/eigen-dense-ab.mjs BEFORE_DIR AFTER_DIR [rounds] [n …]');
const rounds = Number(roundsArg ?? 5);
const sizes = sizesArg.length > 0 ? sizesArg.map(Number) : [500, 1000];
const builds = await Promise.all([beforeDir, afterDir].map(async (dir) => {
  const api = await import(pathToFileURL(resolve(dir, 'dist/index.js')).href);
  return { dir, api, rt: await api.load() };
}));
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const NUMPY_TIMER = `
import sys, time, numpy as np
n, rounds = int(sys.argv[2]), int(sys.argv[3])
a = np.fromfile(sys.argv[1], dtype=np.float64).reshape(n, n)
def median_cpu_ms(fn):
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1e3)
    return sorted(times)[len(times) // 2]
print(median_cpu_ms(lambda: np.linalg.eigvals(a)), median_cpu_ms(lambda: np.linalg.eig(a)))
`;
/** NumPy eigvals and eig CPU ms on `values` (one BLAS thread, as bench:peers runs its NumPy peer). */
function numpyCpuMs(values, n) {
  const dir = mkdtempSync(join(tmpdir(), 'eig-ab-'));
  try {
    const file = join(dir, 'a.f64');
    writeFileSync(file, Buffer.from(Float64Array.from(values).buffer));
    const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const run = spawnSync('python3', ['-c', NUMPY_TIMER, file, String(n), String(rounds)], { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`eigen-dense-ab: the NumPy timer failed: ${run.stderr}`);
    const [eigvals, eig] = run.stdout.trim().split(' ').map(Number);
    return { eigvals, eig };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const n of sizes) {
  const { rt } = builds[0];
  const values = rt.scope(() => rt.rng(`peers-eig-${n}`).normal(n * n, 0, 2 / Math.sqrt(n)).toArray());
  for (const vectors of [false, true]) {
    const times = builds.map(() => []);
    const checks = builds.map(() => null);
    for (let r = 0; r < rounds; r++) {
      builds.forEach((b, i) => {
        const start = cpuMs();
        const result = b.api.eigDense(b.rt, { n, values }, { vectors, condition: false });
        times[i].push(cpuMs() - start);
        checks[i] = { status: result.status, maxResidual: vectors ? Math.max(...result.residuals) : null,
          radius: Math.max(...result.eigenvalues.map((e) => Math.hypot(e.re, e.im))) };
      });
    }
    const [before, after] = times.map(median);
    rows.push({ n, vectors, beforeCpuMs: Math.round(before), afterCpuMs: Math.round(after), ratio: +(after / before).toFixed(3), checks });
    console.error(`n=${n} vectors=${vectors}: before ${before.toFixed(0)} ms, after ${after.toFixed(0)} ms (×${(after / before).toFixed(3)}), load ${loadavg()[0].toFixed(2)}`);
  }
  if (withNumpy) {
    const numpy = numpyCpuMs(values, n);
    const [valuesRow, vectorsRow] = rows.slice(-2);
    Object.assign(valuesRow, { numpyCpuMs: Math.round(numpy.eigvals), afterOverNumpy: +(valuesRow.afterCpuMs / numpy.eigvals).toFixed(2) });
    Object.assign(vectorsRow, { numpyCpuMs: Math.round(numpy.eig), afterOverNumpy: +(vectorsRow.afterCpuMs / numpy.eig).toFixed(2) });
    console.error(`n=${n} NumPy eigvals ${numpy.eigvals.toFixed(0)} ms (after ×${valuesRow.afterOverNumpy}), eig ${numpy.eig.toFixed(0)} ms (after ×${vectorsRow.afterOverNumpy}), load ${loadavg()[0].toFixed(2)}`);
  }
}
console.log(JSON.stringify({ date: new Date().toISOString(), rounds, load: loadavg(), rows }, null, 1));
