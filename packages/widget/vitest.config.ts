import { defineConfig } from 'vitest/config';
import { reporters } from '../../.ci/vitest-reporters.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: reporters('widget'),
    globalSetup: ['src/test/global-setup.ts'],
    // Browser tests wait on real timers (debounce, expiry refresh) in a real Chromium.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
