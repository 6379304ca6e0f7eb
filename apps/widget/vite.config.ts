import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const outDir = here('../../dist/web/widget');

/**
 * Two builds into dist/web/widget, run by `vite build --config apps/widget/vite.config.ts` (the `builder`
 * option makes a plain `vite build` build every environment):
 * - `loader`: src/loader.ts → widget.js, one classic script (IIFE, no imports), served at /widget.js (≤ 5 KB gz);
 * - `client`: the Preact chat app (index.html + hashed assets) served at /widget/ in the loader's iframe (≤ 60 KB gz).
 * No Preact plugin: Vite 8 compiles TSX with Oxc; the automatic JSX runtime comes from preact.
 * The widget page's CSP is `script-src 'self'`: nothing inline may end up in index.html.
 */
export default defineConfig({
  root: here('.'),
  base: '/widget/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: { '@concierge/contracts': here('../../libs/contracts/src/index.ts') },
  },
  build: {
    outDir,
    sourcemap: false,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  environments: {
    loader: {
      consumer: 'client',
      build: {
        outDir,
        emptyOutDir: true,
        copyPublicDir: false,
        target: 'es2017',
        minify: true,
        rollupOptions: {
          input: here('src/loader.ts'),
          output: { format: 'iife', entryFileNames: 'widget.js' },
        },
      },
    },
    client: {
      build: {
        outDir,
        emptyOutDir: false,
        rollupOptions: { input: here('index.html') },
      },
    },
  },
  builder: {
    // The loader first: it empties the output folder; the app adds index.html and assets/ next to it.
    async buildApp(builder) {
      await builder.build(builder.environments.loader!);
      await builder.build(builder.environments.client!);
    },
  },
});
