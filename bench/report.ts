import type { InboundRun } from './scenarios/inbound.js';

export interface Target { target: string; goal: string; measured: string; met: boolean | null }

const fmt = (n: number | undefined) => (n === undefined ? '—' : String(n));

/** The issue's targets, judged on this run's figures (null = not measured in this run). */
export function evaluate(result: Record<string, any>): Target[] {
  const hub = (result.scenarios.inbound ?? []) as InboundRun[];
  const bare = (result.calibration.bare ?? []) as InboundRun[];
  const closed = hub.find((r) => r.mode === 'closed');
  const at1000 = hub.find((r) => r.rate === 1000);
  const at2000 = hub.find((r) => r.rate === 2000);
  const c = result.scenarios.campaign?.summary;
  const idle = result.scenarios.idle;
  const v = result.scenarios.volume?.summary;
  const best = Math.max(closed?.throughput ?? 0, at2000 && at2000.e2eLatencyMs.p99 < 1000 && at2000.lost === 0 ? at2000.throughput : 0);
  const targets: Target[] = [
    { target: 'inbound sustained', goal: '≥ 2,000 msg/s', measured: closed ? `${best} msg/s (closed loop ${closed.throughput})` : '—', met: closed ? best >= 2000 : null },
    { target: 'inbound vs bare pipeline', goal: '≥ 1.0×', measured: result.ratios?.closedLoopThroughput !== undefined ? `${result.ratios.closedLoopThroughput}× (bare ${bare.find((r) => r.mode === 'closed')?.throughput} msg/s)` : '—', met: result.ratios?.closedLoopThroughput !== undefined ? result.ratios.closedLoopThroughput >= 1 : null },
    { target: 'inbound p99 at 1,000 msg/s', goal: '≤ 50 ms', measured: at1000 ? `${at1000.e2eLatencyMs.p99} ms` : '—', met: at1000 ? at1000.e2eLatencyMs.p99 <= 50 : null },
    { target: 'campaign sends', goal: '≥ 1,000 sends/s', measured: c ? `${c.providerSendsPerSecond} sends/s (API ${c.apiSendsPerSecond}/s)` : '—', met: c ? c.providerSendsPerSecond >= 1000 : null },
    { target: 'campaign pacing', goal: `never > cap in any 1 s`, measured: c ? `max ${c.providerMaxAcceptedPerSecond}/s accepted, ${c.providerMaxAttemptsPerSecond}/s attempted (cap ${c.providerCapPerSecond})` : '—', met: c ? c.providerMaxAttemptsPerSecond <= c.providerCapPerSecond : null },
    { target: 'inbound p99 during campaign', goal: '≤ 2× idle', measured: c ? `${c.inboundP99Ratio}× (${c.inboundIdleP99Ms} → ${c.inboundDuringP99Ms} ms)` : '—', met: c ? c.inboundP99Ratio <= 2 : null },
    { target: 'idle widget socket RSS', goal: '≤ 16 KB each', measured: idle ? `${idle.rssPerSocketKiB} KiB × ${idle.connected}` : '—', met: idle ? idle.rssPerSocketKiB <= 16 : null },
    { target: 'reconnect storm', goal: `${idle?.sockets ?? '10k'} within 15 s`, measured: idle ? `${idle.reconnected}/${idle.sockets} in ${idle.reconnectSeconds} s` : '—', met: idle ? idle.reconnected === idle.sockets && idle.reconnectSeconds <= 15 : null },
    { target: 'conversation list p99', goal: '≤ 50 ms', measured: v ? `${v.listMs.p99} ms (${v.messagesStored} msgs)` : '—', met: v ? v.listMs.p99 <= 50 : null },
    { target: 'history page p99', goal: '≤ 30 ms', measured: v ? `${v.historyMs.p99} ms` : '—', met: v ? v.historyMs.p99 <= 30 : null },
  ];
  const { lost, duplicates } = lossTotals(result);
  targets.push({ target: 'lost / duplicates', goal: '0 / 0 in every run', measured: `${lost} / ${duplicates}`, met: lost === 0 && duplicates === 0 });
  return targets;
}

/** Lost and duplicated messages over every run of this result. */
export function lossTotals(result: Record<string, any>): { lost: number; duplicates: number } {
  let lost = 0;
  let duplicates = 0;
  const add = (r: { lost?: number; duplicates?: number } | undefined) => {
    lost += r?.lost ?? 0;
    duplicates += r?.duplicates ?? 0;
  };
  for (const r of result.calibration.bare ?? []) add(r);
  for (const r of result.scenarios.inbound ?? []) add(r);
  add(result.scenarios.webchat?.summary);
  add(result.scenarios.replies?.summary);
  add(result.scenarios.campaign?.summary);
  add(result.scenarios.campaign?.inbound?.idle);
  add(result.scenarios.campaign?.inbound?.during);
  return { lost, duplicates };
}

export function renderTable(result: Record<string, any>): string {
  const out: string[] = [];
  const env = result.environment;
  out.push(`Concierge bench (${result.mode}) — ${env.cpus} × ${env.cpuModel}, Node ${env.node}, ${env.database}; load average ${env.loadavgAtStart.join(' ')} → ${result.noise.loadavgAtEnd.join(' ')}`);
  out.push('');
  out.push('| inbound run | bare msg/s | hub msg/s | ratio | bare p99 ms | hub p99 ms | hub p50 ms | CPU µs/msg bare (srv+pg) | CPU µs/msg hub (srv+pg) | hub lost/dup |');
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  const bare = (result.calibration.bare ?? []) as InboundRun[];
  for (const h of (result.scenarios.inbound ?? []) as InboundRun[]) {
    if (h.name === 'warm-up') continue;
    const b = bare.find((x) => x.name === h.name);
    out.push(`| ${h.name}${h.saturated || b?.saturated ? ` (saturated: ${[b?.saturated && 'bare', h.saturated && 'hub'].filter(Boolean).join(', ')})` : ''} | ${fmt(b?.throughput)} | ${h.throughput} | ${b ? (h.throughput / b.throughput).toFixed(2) + '×' : '—'} | ${fmt(b?.e2eLatencyMs.p99)} | ${h.e2eLatencyMs.p99} | ${h.e2eLatencyMs.p50} | ${b ? `${b.cpuPerMessageUs.server}+${b.cpuPerMessageUs.postgres}` : '—'} | ${h.cpuPerMessageUs.server}+${h.cpuPerMessageUs.postgres} | ${h.lost}/${h.duplicates} |`);
  }
  const w = result.scenarios.webchat?.summary;
  if (w) out.push('', `web chat: ${w.visitors} visitors at ${w.rate}/s → ${w.throughput} msg/s, agent p50 ${w.e2eLatencyMs.p50} / p99 ${w.e2eLatencyMs.p99} ms, lost ${w.lost}, dup ${w.duplicates}`);
  const r = result.scenarios.replies?.summary;
  if (r) out.push(`agent replies: ${r.acceptedByApi} at ${r.rate}/s, provider cap ${r.providerCapPerSecond}/s (${r.providerRateLimited} × 429), API p99 ${r.apiLatencyMs.p99} ms, → delivered in UI p50 ${r.toDeliveredMs.p50} / p99 ${r.toDeliveredMs.p99} ms, lost ${r.lost}, dup ${r.duplicates}`);
  const c = result.scenarios.campaign?.summary;
  if (c) out.push(`campaign-style burst: ${c.sends} sends via the send API at ${c.apiSendsPerSecond}/s, provider accepted ${c.providerSendsPerSecond}/s (max ${c.providerMaxAcceptedPerSecond} in any 1 s, cap ${c.providerCapPerSecond}), drained in ${c.drainSeconds} s; inbound p99 ${c.inboundIdleP99Ms} → ${c.inboundDuringP99Ms} ms`);
  const i = result.scenarios.idle;
  if (i) out.push(`idle widget sockets: ${i.connected}/${i.sockets}, hub RSS ${i.hubRssBeforeMiB} → ${i.hubRssAfterMiB} MiB = ${i.rssPerSocketKiB} KiB each; reconnect storm ${i.reconnected}/${i.sockets} in ${i.reconnectSeconds} s`);
  const v = result.scenarios.volume?.summary;
  if (v) out.push(`volume: ${v.messagesStored} messages / ${v.conversationsStored} conversations (preload ${v.preloadSeconds} s): list p50 ${v.listMs.p50} / p99 ${v.listMs.p99} ms, cursor page p99 ${v.listCursorPageMs.p99} ms, history p50 ${v.historyMs.p50} / p99 ${v.historyMs.p99} ms`);
  const q = result.queriesPerInboundMessage;
  if (q) out.push(`SQL statements per inbound message: ${q.total} (top: ${q.top.slice(0, 4).map((t: { perMessage: number; statement: string }) => `${t.perMessage}× ${t.statement.slice(0, 40)}…`).join('; ')})`);
  const p = result.profile;
  if (p?.areas) out.push(`hub CPU profile (self time): ${p.areas.slice(0, 6).map((a: { name: string; percent: number }) => `${a.name} ${a.percent}%`).join(', ')}; top functions: ${p.topFunctions.slice(0, 4).map((f: { name: string; percent: number }) => `${f.name.trim()} ${f.percent}%`).join(', ')}`);
  out.push('');
  out.push('| target | goal | measured | met |');
  out.push('|---|---|---|---|');
  for (const t of result.targets as Target[]) out.push(`| ${t.target} | ${t.goal} | ${t.measured} | ${t.met === null ? 'not run' : t.met ? 'yes' : '**no**'} |`);
  return out.join('\n');
}
