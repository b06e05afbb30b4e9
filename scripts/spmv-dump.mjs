// `node scripts/spmv-dump.mjs DIR [--c BINARY] [--rounds R]`: writes the CSR SpMV matrix of the peers
// bench (lognormal network n = 10⁵, K = 100, CV = 0, seed 'peers-csr-100000'; x from 'peers-spx-100000')
// to DIR as raw little-endian files (rowPtr i32, colIdx i32, values f64, x f64), for
// bench/peers/spmv_formats.c. With --c (the compiled spmv_formats), times rnnkit's CSR and CSR16
// products (f64 and f32 values) in CPU time, in rounds alternating with the C binary on the same
// files, and prints the medians, their ratios, the load average and Σy of each side.
//   gcc -O3 -march=native -ffp-contract=off -o /tmp/spmv_formats bench/peers/spmv_formats.c
//   node scripts/spmv-dump.mjs /tmp/spmv --c /tmp/spmv_formats
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { lognormalNetwork, load } from '../dist/index.js';

const [dir] = process.argv.slice(2);
if (!dir || dir.startsWith('--')) throw new Error('usage: node scripts/spmv-dump.mjs DIR [--c BINARY] [--rounds R]');
const option = (name) => { const at = process.argv.indexOf(name); return at > 0 ? process.argv[at + 1] : undefined; };
const cBinary = option('--c');
const rounds = Number(option('--rounds') ?? 5);
const n = 100_000;
const batch = 10;

const rt = await load();
const net = lognormalNetwork(rt, { n, k: 100, cv: 0, seed: `peers-csr-${n}` });
const x = rt.rng(`peers-spx-${n}`).normal(n);
const arrays = net.matrix.toArrays();
mkdirSync(dir, { recursive: true });
const write = (name, typed) => writeFileSync(join(dir, name), Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength));
write('rowPtr', arrays.rowPtr);
write('colIdx', arrays.colIdx);
write('values', arrays.values);
write('x', x.view());
process.stderr.write(`wrote ${dir}: n = ${n}, nnz = ${arrays.colIdx.length}\n`);
if (!cBinary) process.exit(0);

const matrices = { 'csr f64': net.matrix, 'csr f32': rt.toF32(net.matrix) };
matrices['csr16 f64'] = rt.toCsr16(matrices['csr f64']);
matrices['csr16 f32'] = rt.toCsr16(matrices['csr f32']);
const y = rt.f64(n);
const sumOf = (v) => v.reduce((s, e) => s + e, 0);
/** CPU ms per product (process.cpuUsage: user + system), over `batch` products. */
const cpuMs = (matrix) => {
  const start = process.cpuUsage();
  for (let b = 0; b < batch; b++) matrix.multiply(x, y);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000 / batch;
};
const times = Object.fromEntries([...Object.keys(matrices), 'C f64', 'C f32'].map((k) => [k, []]));
const sums = {};
for (const matrix of Object.values(matrices)) cpuMs(matrix);
for (let r = 0; r < rounds; r++) {
  for (const [name, matrix] of Object.entries(matrices)) {
    times[name].push(cpuMs(matrix));
    sums[name] = sumOf(y.view());
  }
  const c = JSON.parse(execFileSync(cBinary, [dir, String(n), String(batch)], { encoding: 'utf8' }));
  times['C f64'].push(c.f64Ms);
  times['C f32'].push(c.f32Ms);
  sums['C f64'] = c.f64Sum;
  sums['C f32'] = c.f32Sum;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load1 = loadavg()[0].toFixed(2);
const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
for (const [name, value] of Object.entries(ms)) {
  const c = ms[`C ${name.slice(-3)}`];
  process.stdout.write(`${name.padEnd(10)} ${value.toFixed(2).padStart(7)} ms CPU   ×${(value / c).toFixed(2)} of C   Σy ${sums[name]}\n`);
}
process.stdout.write(`n = ${n}, nnz = ${arrays.colIdx.length}, ${rounds} rounds of ${batch} products, load average ${load1}\n`);
