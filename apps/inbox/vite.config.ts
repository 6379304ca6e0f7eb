import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The agent inbox SPA, served by the hub at /app/ (see apps/hub/src/hub.ts).
 * No React plugin: Vite 8 compiles TSX with Oxc; the automatic JSX runtime is set here.
 * The hub's CSP is `script-src 'self'`: nothing inline may end up in index.html.
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: {
    alias: { '@concierge/contracts': here('../../libs/contracts/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/web/inbox'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // No inline module-preload polyfill or base64-inlined assets: everything is a file under 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 700,
  },
});
