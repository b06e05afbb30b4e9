// Bundles the library for pages without a bundler: build/browser/rnnkit.js (ESM, minified), made
// from the compiled package entry exactly as a bundler would see it (the `browser`/`default`
// branch of `#platform`, no node: module). The bundle finds the WASM binaries at
// ../release/*.wasm relative to itself (new URL(…, import.meta.url) in the loader), or wherever
// load({ wasmBase }) says.
import { build } from 'esbuild';

// The threaded core's Web Worker (load({ threads })) is a second file beside the bundle: the
// bundle names it as new URL('./thread-worker-browser.js', import.meta.url).
const result = await build({
  entryPoints: { rnnkit: 'dist/index.js', 'thread-worker-browser': 'dist/wasm/thread-worker-browser.js' },
  outdir: 'build/browser',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  tsconfigRaw: {}, // the checkout's tsconfig maps #platform to the Node source for type-checking
  metafile: true,
  logLevel: 'warning',
});
const nodeInputs = Object.keys(result.metafile.inputs).filter((path) => path.startsWith('node:') || path.includes('platform-node'));
if (nodeInputs.length > 0) throw new Error(`build-browser: the browser bundle pulled in ${nodeInputs.join(', ')}`);
