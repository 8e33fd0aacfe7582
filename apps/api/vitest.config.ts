import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: reporters('api'),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two workers keep both cores busy without thrashing.
    maxWorkers: 2,
  },
});
