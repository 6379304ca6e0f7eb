import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `dist/web/call` (Vite build of apps/call), from both `apps/hub/src` (tests) and `dist/apps/hub/src` (built). */
export function callPageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'apps', 'hub', 'public')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web', 'call');
}
