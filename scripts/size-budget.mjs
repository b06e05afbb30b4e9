// The browser build's size budget (min+gzip), enforced by test/api/package.test.ts (npm test, CI):
// build/browser/rnnkit.js (esbuild-minified, what a page or a bundler ships of the library) and
// each WASM binary (a page fetches one). `node scripts/size-budget.mjs` prints the sizes and exits
// 1 when one is over its budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/**
 * Bytes after gzip -9, about 8% above what was measured once issues 15 and 16's kernels had landed
 * (JS 99.3 kB, SIMD binary 34.5 kB, scalar 30.6 kB: CSR16, the SIMD paths of the dense eigensolver
 * and the blocked Krylov kernels came after the last budget of 100 / 34 / 32 kB, set 12% above issue
 * 18's 89.0 / 30.4 / 28.4 kB). Raise it deliberately.
 */
export const BUDGET = {
  'build/browser/rnnkit.js': 108_000,
  'build/release/rnnkit.simd.wasm': 37_000,
  'build/release/rnnkit.scalar.wasm': 33_000,
  // The SIMD binary with atomics and an imported shared memory (load({ threads })): the SIMD budget.
  'build/release/rnnkit.threads.wasm': 37_000,
  'build/release/rnnkit.relaxed.wasm': 37_000,
};

export async function measure(root = '.') {
  const sizes = [];
  for (const [file, budget] of Object.entries(BUDGET)) {
    const bytes = await readFile(new URL(file, `file://${root.endsWith('/') ? root : `${root}/`}`));
    sizes.push({ file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, budget });
  }
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { file, bytes, gzip, budget } of await measure(`${process.cwd()}/`)) {
    console.log(`${file}: ${bytes} B, ${gzip} B gzipped (budget ${budget})${gzip > budget ? '  OVER BUDGET' : ''}`);
    if (gzip > budget) process.exitCode = 1;
  }
}
