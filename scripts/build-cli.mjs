// The rnnkit-cli package (packages/cli): the compiled tree (dist/, without the CommonJS build) and
// the release binaries copied under packages/cli, with their layout kept. Not a bundle: sweep
// workers import the point functions by their module URL (src/parallel/sweep.ts), and the loader
// finds the binaries at ../../build/ from dist/wasm/, so each module must stay a file of its own.
// npm packages stay imports: they are rnnkit-cli's dependencies.
import { cp, rm } from 'node:fs/promises';

const CLI = 'packages/cli';

await rm(`${CLI}/dist`, { recursive: true, force: true });
await cp('dist', `${CLI}/dist`, { recursive: true, filter: (path) => !/\/dist\/cjs(\/|$)/.test(path) && !path.endsWith('.map') });
await cp('build/release', `${CLI}/build/release`, { recursive: true, filter: (path) => !path.endsWith('.wat') });
