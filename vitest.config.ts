import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run the sources: the Node side of the loader's platform split (package.json "imports").
  resolve: { alias: { '#platform': fileURLToPath(new URL('./src/wasm/platform-node.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // Node 20 keeps WebAssembly relaxed SIMD behind a flag: on, so that the relaxed-SIMD build is tested.
    execArgv: ['--experimental-wasm-relaxed-simd'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
