import { setTimeout as sleep } from 'node:timers/promises';
import { Checker, type CheckerOptions, type CheckResult } from '../checker.js';
import { recordFault, recordLoad, recordMessages } from '../report.js';
import type { HealthWatch } from './health.js';

export interface FaultOutcome {
  result: CheckResult;
  /** Health samples that were not ready between the fault's start and recovery. */
  degraded: number;
  /** What health reported while degraded (check → value), de-duplicated. */
  reported: string[];
  /** From the end of the fault (dependency back, process replaced) until ready again. */
  recoveryMs: number;
  /** From the start of the fault until ready again. */
  outageMs: number;
}

/**
 * One fault under load: the checker runs `warmupMs`, `inject` does the damage and resolves when the
 * fault is over (the dependency is back / the process replaced), then health must turn ready, the load
 * runs `steadyMs` more, and the checker compares acknowledged with stored. Everything is recorded.
 */
export async function faultUnderLoad(options: {
  kind: string;
  checker: CheckerOptions;
  health: HealthWatch;
  inject: () => Promise<void>;
  warmupMs?: number;
  steadyMs?: number;
  query: (sql: string, params: unknown[]) => Promise<never[]>;
  /** Was the process (or its replacement) up throughout? Checked after the run. */
  survived: () => boolean;
  /** How many times `inject` injects the fault (default 1). */
  count?: number;
  /** The recovery to report when `inject` measures it itself (several injections: the worst). */
  recoveryOf?: () => number;
  /** Extra words for the report (e.g. each injection's recovery). */
  detail?: () => string;
}): Promise<FaultOutcome> {
  const checker = new Checker(options.checker);
  let outcome: FaultOutcome | null = null;
  let recovered = false;
  const started = Date.now();
  try {
    await checker.start();
    await sleep(options.warmupMs ?? 2_000);
    const faultStart = Date.now();
    await options.inject();
    const faultEnd = Date.now();
    const readyAt = await options.health.readyAfter(faultEnd);
    recovered = true;
    await sleep(options.steadyMs ?? 3_000);
    await checker.stop();
    const result = await checker.verify(options.query);
    const degraded = options.health.degradedBetween(faultStart, readyAt);
    const reported = [...new Set(degraded.map((s) => (s.status === 0 ? 'no answer' : Object.entries(s.checks).filter(([, v]) => v !== 'up').map(([k, v]) => `${k}=${v}`).join(','))))];
    outcome = { result, degraded: degraded.length, reported, recoveryMs: options.recoveryOf?.() ?? Math.max(0, readyAt - faultEnd), outageMs: readyAt - faultStart };
    return outcome;
  } finally {
    checker.close();
    const survived = recovered && options.survived() && !!outcome && outcome.result.lost === 0 && outcome.result.duplicates === 0 && outcome.result.errors.length === 0 && outcome.result.outbound.stuck === 0 && outcome.result.outbound.duplicated === 0;
    recordFault({
      kind: options.kind,
      count: options.count ?? 1,
      survived,
      recoveryMs: outcome?.recoveryMs ?? null,
      detail: [outcome ? `health ${outcome.reported.join(' | ') || 'stayed ready'}; outage ${outcome.outageMs} ms` : 'did not recover', options.detail?.()].filter(Boolean).join('; '),
    });
    if (outcome) {
      const r = outcome.result;
      recordMessages({ label: options.kind, sent: r.sent, acked: r.acked, stored: r.stored, lost: r.lost, duplicates: r.duplicates, reordered: r.reordered, agentMissed: r.agentMissed, ...(options.checker.outbound && { outboundStuck: r.outbound.stuck, outboundDuplicated: r.outbound.duplicated }) });
      recordLoad({
        label: options.kind,
        msgPerSec: r.msgPerSec,
        sockets: r.sockets,
        agents: options.checker.agentTokens.length,
        durationMs: Date.now() - started,
        ackP50Ms: r.ackMs.p50,
        ackP95Ms: r.ackMs.p95,
        ackP99Ms: r.ackMs.p99,
        e2eP50Ms: r.e2eMs.p50,
        e2eP95Ms: r.e2eMs.p95,
        e2eP99Ms: r.e2eMs.p99,
      });
    }
  }
}
