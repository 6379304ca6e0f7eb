import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';

/**
 * Size budgets of what browsers download (gzipped with node:zlib, default level), checked on the build
 * (`npm test` builds first): the widget loader ≤ 5 KB, the widget app's JS ≤ 60 KB, and the agent inbox's
 * initial JS ≤ 250 KB (the scripts dist/web/inbox/index.html loads or preloads, plus their static imports), and
 * the video-call page's JS ≤ 40 KB (customers open it from a phone, often on mobile data). The call page's
 * SFU media (livekit-client, ~135 KB gzip on its own) is a separate chunk fetched only by consultations through
 * LiveKit, once the page (chat, pinned product) already works: ≤ 150 KB, and never part of the initial JS.
 */
const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const widgetDir = join(root, 'dist', 'web', 'widget');
const inboxDir = join(root, 'dist', 'web', 'inbox');
const callDir = join(root, 'dist', 'web', 'call');
const KB = 1024;

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;

/** Static imports and re-exports of an ES module (`import … from "./x.js"`, `import "./x.js"`), not `import()`. */
function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) found.push(m[1]!);
  return found;
}

/** The files a page loads before it can run: entry scripts, modulepreloads, and everything they import statically. */
function initialScripts(dir: string, base: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const toFile = (url: string, from = dir) => (url.startsWith('/') ? join(dir, url.startsWith(base) ? url.slice(base.length) : url) : resolve(from, url));
  const queue = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => toFile(m[1]!)),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)].map((m) => toFile((m[1] ?? m[2])!)),
  ];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) queue.push(toFile(spec, dirname(file)));
  }
  return [...seen];
}

describe('bundle size budgets (gzip)', () => {
  it('widget loader (dist/web/widget/widget.js) ≤ 5 KB', () => {
    const file = join(widgetDir, 'widget.js');
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (vite build --config apps/widget/vite.config.ts)`);
    const size = gz(file);
    console.log(`widget loader: ${kb(size)} gzip (budget 5 KB)`);
    expect(size).toBeLessThanOrEqual(5 * KB);
  });

  it('widget app JS (dist/web/widget/assets/*.js) ≤ 60 KB in total', () => {
    const assets = join(widgetDir, 'assets');
    if (!existsSync(assets)) throw new Error(`${assets} is missing: run npm run build`);
    const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    const sizes = files.map((f) => ({ f, size: gz(join(assets, f)) }));
    const total = sizes.reduce((n, s) => n + s.size, 0);
    console.log(`widget app JS: ${kb(total)} gzip (budget 60 KB): ${sizes.map((s) => `${s.f} ${kb(s.size)}`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(60 * KB);
  });

  const inboxBuilt = existsSync(join(inboxDir, 'index.html'));
  if (!inboxBuilt) console.warn('bundle-size: dist/web/inbox/index.html does not exist yet (apps/inbox not built); its 250 KB budget is skipped');
  (inboxBuilt ? it : it.skip)(`agent inbox initial JS ≤ 250 KB${inboxBuilt ? '' : ' — skipped: dist/web/inbox/index.html missing'}`, () => {
    const files = initialScripts(inboxDir, '/app/');
    expect(files.length).toBeGreaterThan(0);
    const total = files.reduce((n, f) => n + gz(f), 0);
    console.log(`agent inbox initial JS: ${kb(total)} gzip (budget 250 KB) in ${files.length} file(s): ${files.map((f) => f.slice(inboxDir.length + 1)).join(', ')}`);
    expect(total).toBeLessThanOrEqual(250 * KB);
  });

  it('video-call page initial JS (dist/web/call) ≤ 40 KB', () => {
    if (!existsSync(join(callDir, 'index.html'))) throw new Error(`${callDir}/index.html is missing: run npm run build`);
    const files = initialScripts(callDir, '/call/');
    expect(files.length).toBeGreaterThan(0);
    const total = files.reduce((n, f) => n + gz(f), 0);
    console.log(`call page initial JS: ${kb(total)} gzip (budget 40 KB) in ${files.length} file(s)`);
    expect(total).toBeLessThanOrEqual(40 * KB);
  });

  it('video-call page SFU chunk (livekit-client) is loaded on demand only, ≤ 150 KB', () => {
    const assets = join(callDir, 'assets');
    if (!existsSync(assets)) throw new Error(`${assets} is missing: run npm run build`);
    const chunks = readdirSync(assets).filter((f) => /^sfu-.+\.js$/.test(f)).map((f) => join(assets, f));
    expect(chunks).toHaveLength(1);
    const chunk = chunks[0]!;
    expect(readFileSync(chunk, 'utf8')).toContain('livekit');
    expect(initialScripts(callDir, '/call/')).not.toContain(chunk);
    const size = gz(chunk);
    console.log(`call page SFU chunk: ${kb(size)} gzip (budget 150 KB, loaded in sfu mode only)`);
    expect(size).toBeLessThanOrEqual(150 * KB);
  });
});
