// The rnnkit-cli package (packages/cli): src/cli/main.ts bundled with the library code it uses
// into packages/cli/dist/main.js (npm packages stay imports: they are rnnkit-cli's dependencies),
// and the release binaries copied to packages/cli/build/release.
import { cp } from 'node:fs/promises';
import { build } from 'esbuild';
import { relocateLoader } from './relocate-loader.mjs';

const CLI = 'packages/cli';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: `${CLI}/dist/main.js`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // dist/main.js is one level below the CLI package; the bundle includes the Node platform module.
  plugins: [relocateLoader({ up: '../', platform: './platform-node.js' })],
  logLevel: 'warning',
});
await cp('build/release', `${CLI}/build/release`, { recursive: true, filter: (path) => !path.endsWith('.wat') });
