// `npm start` builds first when dist/ is missing or older than the sources, so a fresh clone starts with one command.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const entry = 'dist/apps/hub/src/main.js';

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'public') continue;
    const path = join(dir, name);
    const s = statSync(path);
    latest = Math.max(latest, s.isDirectory() ? newest(path) : s.mtimeMs);
  }
  return latest;
}

const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
const sources = Math.max(newest('apps'), newest('libs'), statSync('tsconfig.json').mtimeMs);
if (built < sources) {
  console.log('Building Concierge…');
  execSync('npm run build', { stdio: 'inherit' });
}
