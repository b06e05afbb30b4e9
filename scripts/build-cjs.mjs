// The CommonJS build for require('rnnkit'), require('rnnkit/io') and require('rnnkit/parallel'): dist/cjs/, one file per
// module (so both entries share one copy of each class), marked "type": "commonjs", with the
// ESM build's declarations copied beside it (under that marker TypeScript reads them as CJS).
// Dual-package caveat: an app that both imports and requires rnnkit gets two copies of its classes.
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { relocateLoader } from './relocate-loader.mjs';

// The sweep pool's and the threaded core's workers are named by their files (new URL('./node-worker.js',
// import.meta.url)), not imported.
const ENTRIES = [
  'src/index.ts', 'src/io/files.ts', 'src/parallel/node-pool.ts', 'src/parallel/node-worker.ts', 'src/wasm/thread-worker-node.ts',
];
const OUT = 'dist/cjs';

// Which modules the entries reach (a bundling pass that writes nothing).
const { metafile } = await build({
  entryPoints: ENTRIES, bundle: true, write: false, metafile: true, platform: 'node', format: 'esm',
  outdir: OUT, packages: 'external', logLevel: 'warning',
});
const sources = Object.keys(metafile.inputs).filter((path) => path.startsWith('src/'));

await build({
  entryPoints: sources, outdir: OUT, outbase: 'src', bundle: false, format: 'cjs', platform: 'node',
  target: 'node20', logLevel: 'warning',
  // dist/cjs/wasm/loader.js is three levels down; CommonJS is Node's, so it takes the Node platform module.
  plugins: [relocateLoader({ up: '../../../', platform: './platform-node.js' })],
  // The loader's `new URL('…wasm', import.meta.url)`: a CommonJS module knows its own file name.
  define: { 'import.meta.url': '__rnnkitModuleUrl' },
  banner: { js: 'const __rnnkitModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
await writeFile(join(OUT, 'package.json'), '{ "type": "commonjs" }\n');

// Declarations of every library module (type-only modules have no JS but are named by others).
const SKIP = new Set(['cli', 'report', 'bench', 'reference', 'cjs']);
for (const entry of await readdir('dist', { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const path = relative('dist', join(entry.parentPath, entry.name));
  if (SKIP.has(path.split('/')[0])) continue;
  await mkdir(join(OUT, relative('dist', entry.parentPath)), { recursive: true });
  await cp(join('dist', path), join(OUT, path));
}
