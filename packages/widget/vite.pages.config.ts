// Builds the React 19 and Vue 3 cart and member center pages of the browser tests (src/test/pages) into .pages,
// as production builds. Vue's full build compiles the pages' templates in the browser, so
// `compilerOptions.isCustomElement` and `:lines.prop` are exercised as integrators write them.
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { alias: [{ find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' }] },
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: '.pages',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    lib: {
      entry: {
        react: 'src/test/pages/react-cart.tsx',
        vue: 'src/test/pages/vue-cart.ts',
        'react-claims': 'src/test/pages/react-claims.tsx',
        'vue-claims': 'src/test/pages/vue-claims.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
