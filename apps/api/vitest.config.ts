import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { reporters } from '../../.ci/vitest-reporters.ts';

// One graphql module for tests and libraries alike: a test importing the ESM build while Pothos
// and Apollo load the CommonJS one fails with "from another module or realm".
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphql }] },
  test: {
    include: ['src/**/*.test.ts'],
    reporters: reporters('api'),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two workers keep both cores busy without thrashing.
    maxWorkers: 2,
  },
});
