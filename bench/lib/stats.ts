import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Percentiles { count: number; p50: number; p90: number; p99: number; max: number }

/** Nearest-rank percentiles in ms, rounded to 0.1 ms. */
export function percentiles(values: number[] | Float64Array): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!) : 0);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.length ? round(sorted[sorted.length - 1]!) : 0 };
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

const TICKS = 100; // USER_HZ on Linux

/** User + system CPU seconds of one process (from /proc; 0 once it is gone). */
export function processCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** Resident set size of one process in bytes. */
export function processRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Machine CPU seconds (all cores, busy only) from /proc/stat: how busy the box was, whoever used it. */
export function machineBusyCpu(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = line as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS;
}

export interface CpuWindow { hub: number; postgres: number; generator: number; machine: number; seconds: number }

/**
 * Measures CPU seconds spent by the server process, by the PostgreSQL backends serving its database
 * (`backends()` lists their pids: the PostgreSQL server is shared with other work on these machines),
 * by this generator process and by the whole machine.
 */
export async function cpuWindow(pid: number, backends: () => Promise<number[]>): Promise<() => Promise<CpuWindow>> {
  const pgStart = new Map((await backends()).map((p) => [p, processCpu(p)]));
  const start = { hub: processCpu(pid), generator: ownCpu(), machine: machineBusyCpu(), at: now() };
  return async () => {
    const hub = processCpu(pid) - start.hub;
    const generator = ownCpu() - start.generator;
    const machine = machineBusyCpu() - start.machine;
    const seconds = (now() - start.at) / 1000;
    let postgres = 0;
    for (const p of await backends()) postgres += processCpu(p) - (pgStart.get(p) ?? 0);
    return { hub: round(hub, 2), postgres: round(postgres, 2), generator: round(generator, 2), machine: round(machine, 2), seconds: round(seconds, 2) };
  };
}

/** The pids of the PostgreSQL backends connected to `database`. */
export function backendsOf(db: { query(sql: string, params: unknown[]): Promise<{ rows: { pid: number }[] }> }, database: string): () => Promise<number[]> {
  return async () => (await db.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database])).rows.map((r) => r.pid);
}

function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export function environment(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    loadavgAtStart: loadavg().map((n) => round(n, 2)),
  };
}

/** Zipf(s) sampler over 0..n-1 (rank 0 is the busiest contact). */
export function zipf(n: number, s = 1.0): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  for (let i = 0; i < n; i++) cdf[i]! /= sum;
  return () => {
    const u = Math.random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
