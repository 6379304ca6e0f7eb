import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { within } from './stats.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
export const HUB_MAIN = join(ROOT, 'dist/apps/hub/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

/**
 * The hub as operators run it (`node dist/apps/hub/src/main.js`), in its own process, so a fault that
 * crashes it shows as a dead process (not as a test failure inside jest), and SIGKILL is real.
 */
export interface HubProcess {
  url: string;
  /** Starts a process (again, after a kill: same port, same DATA_DIR, same database). */
  start(): Promise<void>;
  /** SIGKILL, no warning. */
  kill(): Promise<void>;
  alive(): boolean;
  /** Every exit this process had that we did not cause (a crash). */
  crashes(): { code: number | null; signal: string | null }[];
  stop(): Promise<void>;
  logTail(lines?: number): string;
}

export function hubProcess(options: { name: string; main?: string; port: number; env: Record<string, string>; logFile: string; healthPath?: string | null }): HubProcess {
  const url = `http://127.0.0.1:${options.port}`;
  let proc: ChildProcess | null = null;
  let log: WriteStream | null = null;
  let killing = false;
  const crashes: { code: number | null; signal: string | null }[] = [];
  const main = options.main ?? HUB_MAIN;

  const start = async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json)`);
    log ??= createWriteStream(options.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(options.port), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('exit', (code, signal) => {
      if (!killing) crashes.push({ code, signal });
      log?.write(`\n[${options.name} exited code=${code} signal=${signal}]\n`);
    });
    proc = child;
    killing = false;
    if (options.healthPath === null) return;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      if (child.exitCode !== null) throw new Error(`${options.name} exited during start (${child.exitCode}):\n${tail(options.logFile, 30)}`);
      const ok = await fetch(`${url}${options.healthPath ?? '/health/live'}`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${options.name} did not answer within 60 s:\n${tail(options.logFile, 30)}`);
  };

  const kill = async () => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    killing = true;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGKILL');
    await exited;
  };

  return {
    url,
    start,
    kill,
    alive: () => !!proc && proc.exitCode === null && proc.signalCode === null,
    crashes: () => crashes,
    async stop() {
      const p = proc;
      if (p && p.exitCode === null && p.signalCode === null) {
        killing = true;
        const exited = new Promise((resolve) => p.once('exit', resolve));
        p.kill('SIGTERM');
        await within(exited, 10_000);
        if (p.exitCode === null && p.signalCode === null) {
          const killed = new Promise((resolve) => p.once('exit', resolve));
          p.kill('SIGKILL');
          await killed;
        }
      }
      log?.end();
    },
    logTail: (lines = 30) => tail(options.logFile, lines),
  };
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
