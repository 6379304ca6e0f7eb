import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The video-call page, served by the hub at /call/:token (libs/video) with its assets under /call/assets.
 * Plain TypeScript + socket.io-client: no framework for one page; livekit-client only in a chunk of its own,
 * imported when a consultation runs through the SFU. The page's CSP is `script-src 'self'`:
 * nothing inline may end up in index.html.
 */
export default defineConfig({
  root: here('.'),
  base: '/call/',
  publicDir: false,
  resolve: {
    alias: { '@concierge/contracts': here('../../libs/contracts/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/web/call'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The lazily loaded SFU chunk is livekit-client itself (~540 KB minified, ~135 KB gzip); its budget is in
    // test/static/bundle-size.static-spec.ts, not in this warning.
    chunkSizeWarningLimit: 600,
  },
});
