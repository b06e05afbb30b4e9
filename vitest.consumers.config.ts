import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// npm run test:consumers: the consumer matrix only (test/consumers/matrix.consumers.ts).
export default defineConfig({
  resolve: base.resolve,
  test: { include: ['test/consumers/*.consumers.ts'], testTimeout: 300_000, hookTimeout: 900_000 },
});
