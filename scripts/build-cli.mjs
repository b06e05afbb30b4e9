// The rnnkit-cli package (packages/cli): src/cli/main.ts bundled with the library code it uses
// into packages/cli/dist/main.js (npm packages stay imports: they are rnnkit-cli's dependencies),
// and the release binaries copied to packages/cli/build/release.
import { cp } from 'node:fs/promises';
import { build } from 'esbuild';
import { relocateWasm } from './relocate-wasm.mjs';

const CLI = 'packages/cli';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: `${CLI}/dist/main.js`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  alias: { '#platform': './src/wasm/platform-node.ts' },
  plugins: [relocateWasm('../')], // dist/main.js is one level below the CLI package
  logLevel: 'warning',
});
await cp('build/release', `${CLI}/build/release`, { recursive: true, filter: (path) => !path.endsWith('.wat') });
