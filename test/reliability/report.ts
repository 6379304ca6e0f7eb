import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * The reliability report's shared recording API. Suites (the checker, the fault suites, the fuzz and
 * isolation sweeps) call these as they measure; every call appends one JSON line to a file in the
 * run's report directory, and the reliability project's global teardown prints them as one table.
 * Files, not module state: jest gives every test file its own module registry.
 */

export interface LoadRecord {
  /** What was driven, e.g. "webhooks+webchat under pg restart". */
  label: string;
  msgPerSec: number;
  sockets: number;
  agents: number;
  durationMs: number;
  /** Acknowledgement latency percentiles (request sent → 2xx / socket ack), in ms. */
  ackP50Ms?: number;
  ackP95Ms?: number;
  ackP99Ms?: number;
  /** End-to-end latency percentiles (request sent → agent socket event), in ms. */
  e2eP50Ms?: number;
  e2eP95Ms?: number;
  e2eP99Ms?: number;
}

export interface FaultRecord {
  /** e.g. "postgres restart -m fast", "hub SIGKILL", "redis stopped 60 s". */
  kind: string;
  survived: boolean;
  /** From the end of the fault until the service is ready again and the load flows. */
  recoveryMs: number | null;
  /** How many times the fault was injected in this run (default 1). */
  count?: number;
  detail?: string;
}

export interface BadInputRecord {
  /** The class of bad input, e.g. "forged Twilio signature", "SQL injection in search". */
  class: string;
  tried: number;
  refused: number;
}

export interface MessageRecord {
  /** Which scenario these counts belong to (defaults to the test file's name). */
  label?: string;
  sent?: number;
  acked: number;
  stored: number;
  lost: number;
  /** Duplicates stored or shown to agents. */
  duplicates: number;
  reordered: number;
  /** Stored but never pushed live to an agent socket (agents re-read on reconnect; informational). */
  agentMissed?: number;
  /** Outbound messages left queued/sending at the end and outbound sent twice to a provider. */
  outboundStuck?: number;
  outboundDuplicated?: number;
}

export type ReportEntry =
  | { type: 'load'; suite: string; at: number; data: LoadRecord }
  | { type: 'fault'; suite: string; at: number; data: FaultRecord }
  | { type: 'badInputs'; suite: string; at: number; data: BadInputRecord }
  | { type: 'messages'; suite: string; at: number; data: MessageRecord };

/** Set by the reliability global setup to a fresh directory; a default keeps ad-hoc runs of one spec working. */
export function reportDir(): string {
  return process.env.CONCIERGE_RELIABILITY_REPORT_DIR ?? join(tmpdir(), 'concierge-reliability-report');
}

export function recordLoad(data: LoadRecord): void {
  write('load', data);
}

export function recordFault(data: FaultRecord): void {
  write('fault', data);
}

export function recordBadInputs(data: BadInputRecord): void {
  if (data.refused > data.tried) throw new Error(`recordBadInputs(${data.class}): refused ${data.refused} > tried ${data.tried}`);
  write('badInputs', data);
}

export function recordMessages(data: MessageRecord): void {
  write('messages', data);
}

/** Every entry recorded into `dir` by this run, oldest first. */
export function readReport(dir = reportDir()): ReportEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const entries = files.flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ReportEntry),
  );
  return entries.sort((a, b) => a.at - b.at);
}

function write(type: ReportEntry['type'], data: object): void {
  const dir = reportDir();
  mkdirSync(dir, { recursive: true });
  const entry = { type, suite: currentSuite(), at: Date.now(), data };
  appendFileSync(join(dir, `${process.pid}.jsonl`), JSON.stringify(entry) + '\n');
}

function currentSuite(): string {
  const state = (globalThis as { expect?: { getState?(): { testPath?: string } } }).expect?.getState?.();
  return state?.testPath ? basename(state.testPath).replace(/\.[a-z-]+-spec\.ts$|\.ts$/, '') : 'unknown';
}
