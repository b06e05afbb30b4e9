// Builds one consumer app with its tool, run in the consumers' work folder (where the packed
// rnnkit and the tools are installed): node build.mjs vite|vite-dev|webpack|esbuild.
// Each app's output goes to APP/dist; vite-dev serves vite/ and prints its URL on stdout.
import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const tool = process.argv[2];
const app = (name, ...parts) => resolve(name, ...parts);

if (tool === 'vite' || tool === 'vite-dev') {
  const { build, createServer } = await import('vite');
  if (tool === 'vite') {
    await build({ root: app('vite'), logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } });
  } else {
    const server = await createServer({ root: app('vite'), logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
    await server.listen();
    console.log(server.resolvedUrls.local[0]);
  }
} else if (tool === 'webpack') {
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((ok, fail) =>
    webpack({
      mode: 'production', context: app('webpack'), entry: './main.js', target: 'web',
      output: { path: app('webpack', 'dist'), filename: 'main.js', clean: true },
    }).run((error, result) => (error ? fail(error) : ok(result))));
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  await cp(app('webpack', 'index.html'), app('webpack', 'dist', 'index.html'));
} else if (tool === 'esbuild') {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [app('esbuild', 'main.js'), app('esbuild', 'worker.js')], outdir: app('esbuild', 'dist'),
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning',
  });
  // The documented step for esbuild: the binaries, exported as rnnkit/wasm/*.wasm, beside the bundle.
  const require = createRequire(app('esbuild', 'main.js'));
  for (const file of ['rnnkit.simd.wasm', 'rnnkit.scalar.wasm']) {
    await cp(require.resolve(`rnnkit/wasm/${file}`), app('esbuild', 'dist', file));
  }
  await cp(app('esbuild', 'index.html'), app('esbuild', 'dist', 'index.html'));
} else {
  throw new Error(`build.mjs: unknown tool ${tool} (vite, vite-dev, webpack, esbuild)`);
}
