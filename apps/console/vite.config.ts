import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The first screen (sign-in and queue) should stay small; the chart loads only on the report. */
const ENTRY_LIMIT_BYTES = 60 * 1024;

/** Prints each chunk's gzip size and fails the build when the entry grows past its limit. */
function gzipSizes(): Plugin {
  return {
    name: 'lg-console-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const size = gzipSync(chunk.code).length;
        const line = `${chunk.fileName}: ${chunk.code.length} B, ${size} B gzip`;
        if (chunk.isEntry && size > ENTRY_LIMIT_BYTES)
          this.error(`entry over ${ENTRY_LIMIT_BYTES} B gzip: ${line}`);
        this.info(line);
      }
    },
  };
}

export default defineConfig({
  // Served by the API under /console/ (apps/api/src/http/console-route.ts).
  base: '/console/',
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Every asset is content-hashed and inlined nothing: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  plugins: [gzipSizes()],
});
