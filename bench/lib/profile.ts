import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats.js';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where a function lives: a package, a project lib, Node itself, or V8's pseudo-frames. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const lib = /dist\/(libs\/(?:channels\/)?[^/]+|apps\/[^/]+)/.exec(url)?.[1];
  if (lib) return lib;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

/**
 * Self time per function and per area from `node --cpu-prof` files (sampled, ~1 ms resolution):
 * the top entries are where the hub's CPU goes. Idle time is left out of the percentages.
 */
export function summariseProfiles(dir: string, top = 25) {
  if (!existsSync(dir)) return { files: 0 };
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') return void (idle += us);
      busy += us;
      const short = url.replace(/^.*\/(node_modules|dist)\//, '$1/').replace(/^file:\/\//, '');
      const key = `${functionName || '(anonymous)'} ${short}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      const a = area(url, functionName);
      byArea.set(a, (byArea.get(a) ?? 0) + us);
    });
  }
  const rank = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: round(us / 1000, 0), percent: round((us / Math.max(1, busy)) * 100, 1) }));
  return { files: files.length, busyMs: round(busy / 1000, 0), idleMs: round(idle / 1000, 0), topFunctions: rank(byFunction), areas: rank(byArea) };
}
