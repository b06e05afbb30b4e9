// Issue 15: eigDense before/after in one run. Loads two builds (each a directory with dist/ and
// build/, e.g. a copy of the tree before a change and the worktree), and times them in alternating
// rounds on the same Gaussian matrices (entries N(0, 4/n), as bench:peers), CPU time
// (process.cpuUsage, user + system) per call; prints medians, their ratio and the load average.
// Not a test. Usage: node scripts/eigen-dense-ab.mjs BEFORE_DIR AFTER_DIR [rounds] [n …]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [beforeDir, afterDir, roundsArg, ...sizesArg] = process.argv.slice(2);
if (!beforeDir || !afterDir) throw new Error('usage: node scripts/eigen-dense-ab.mjs BEFORE_DIR AFTER_DIR [rounds] [n …]');
const rounds = Number(roundsArg ?? 5);
const sizes = sizesArg.length > 0 ? sizesArg.map(Number) : [500, 1000];
const builds = await Promise.all([beforeDir, afterDir].map(async (dir) => {
  const api = await import(pathToFileURL(resolve(dir, 'dist/index.js')).href);
  return { dir, api, rt: await api.load() };
}));
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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
}
console.log(JSON.stringify({ date: new Date().toISOString(), rounds, load: loadavg(), rows }, null, 1));
