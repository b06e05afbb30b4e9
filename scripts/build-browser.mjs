// Bundles the library for browsers: build/browser/rnnkit.js (ESM). The bundle finds the WASM
// binaries at ../release/*.wasm relative to itself (new URL(..., import.meta.url) in the loader).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'build/browser/rnnkit.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  external: ['node:*'],
  sourcemap: true,
  logLevel: 'warning',
});
