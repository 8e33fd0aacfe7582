import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Measures the gzip size of each emitted chunk and fails the build above the limit. */
function gzipBudget(BUDGET_BYTES: number, LIMIT_BYTES: number): Plugin {
  return {
    name: 'lg-gzip-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // zlib's default level, as a server compressing on the fly would send it.
        const size = gzipSync(chunk.code).length;
        const line = `${chunk.fileName}: ${chunk.code.length} B, ${size} B gzip (budget ${BUDGET_BYTES}, limit ${LIMIT_BYTES})`;
        if (size > LIMIT_BYTES) this.error(`gzip size over the limit: ${line}`);
        if (size > BUDGET_BYTES) this.warn(`gzip size over the budget: ${line}`);
        else this.info(line);
      }
    },
  };
}

/**
 * Collapses whitespace inside our own html`` and css`` templates and unsafeCSS(``) constants
 * (Lit ships them as written; indentation was a tenth of the bundle). Templates must not nest
 * backticks.
 */
function collapseTemplates(): Plugin {
  return {
    name: 'lg-collapse-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      return code
        .replace(/\bhtml`[^`]*`/g, (html) => html.replace(/\s*\n\s*/g, ' '))
        .replace(/\b(?:css|unsafeCSS\()`[^`]*`/g, (css) =>
          css
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
        );
    },
  };
}

/**
 * One self-contained ES module per element (no shared chunks: a storefront loads one file),
 * with the budget it should stay within and the gzip size that fails the build.
 * `LG_BUNDLE=claims` builds the member center's bundle (see package.json's build script).
 */
function bundle(entry: string, fileName: string, budgetBytes: number, limitBytes: number) {
  return defineConfig({
    // Always Lit's production build, even when run with NODE_ENV=test (vitest's global setup).
    resolve: { conditions: ['module', 'browser', 'production'] },
    build: {
      target: 'es2022',
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      // Vite keeps whitespace in ES library builds; this bundle is served as-is to browsers.
      rolldownOptions: { output: { minify: true, comments: false } },
      lib: { entry, formats: ['es'], fileName: () => fileName },
    },
    plugins: [collapseTemplates(), gzipBudget(budgetBytes, limitBytes)],
  });
}

export default process.env.LG_BUNDLE === 'claims'
  ? bundle('src/claims.ts', 'logistics-guarantee-claims.js', 20 * 1024, 20 * 1024)
  : bundle('src/index.ts', 'logistics-guarantee.js', 10 * 1024, 10 * 1024);
