import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from both `apps/sandbox/src` (tests) and `dist/apps/sandbox/src` (built). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'apps', 'sandbox', 'public')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The phone UI's static files, served as they are (the build copies nothing). */
export const publicDir = (): string => join(projectRoot(), 'apps', 'sandbox', 'public');
