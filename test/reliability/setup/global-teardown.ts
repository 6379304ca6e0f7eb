import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BadInputRecord, FaultRecord, LoadRecord, MessageRecord, ReportEntry } from '../report.js';

/**
 * Prints the one reliability table of the run (every suite's records, see ../report.ts) and keeps it as
 * JSON and text beside them. Self-contained on purpose: jest loads global setup/teardown outside its
 * module mapping, so a relative `.js` import of another TypeScript file does not resolve here.
 */
export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __conciergePg?: { stop(): Promise<void> } };
  await g.__conciergePg?.stop();
  delete g.__conciergePg;
  const dir = process.env.CONCIERGE_RELIABILITY_REPORT_DIR ?? join(tmpdir(), 'concierge-reliability-report');
  const entries = readEntries(dir);
  const startedAt = Number(process.env.CONCIERGE_RELIABILITY_STARTED_AT ?? Date.now());
  const text = formatReport(entries, Date.now() - startedAt);
  writeFileSync(join(dir, 'report.json'), JSON.stringify(entries, null, 2));
  writeFileSync(join(dir, 'report.txt'), text);
  process.stdout.write(`\n${text}\n(records: ${join(dir, 'report.json')})\n`);
}

function readEntries(dir: string): ReportEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  return files
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ReportEntry))
    .sort((a, b) => a.at - b.at);
}


/** The reliability report as one plain-text table set (what `npm run test:reliability` prints). */
function formatReport(entries: ReportEntry[], elapsedMs: number): string {
  const load = entries.filter((e): e is Extract<ReportEntry, { type: 'load' }> => e.type === 'load');
  const messages = entries.filter((e): e is Extract<ReportEntry, { type: 'messages' }> => e.type === 'messages');
  const faults = entries.filter((e): e is Extract<ReportEntry, { type: 'fault' }> => e.type === 'fault');
  const bad = entries.filter((e): e is Extract<ReportEntry, { type: 'badInputs' }> => e.type === 'badInputs');
  const out: string[] = [];
  const rule = '═'.repeat(100);
  out.push(rule, `CONCIERGE RELIABILITY REPORT   ${new Date().toISOString()}   run took ${seconds(elapsedMs)}`, rule);

  out.push('', 'LOAD HELD');
  out.push(
    table(
      ['scenario', 'msg/s', 'sockets', 'agents', 'duration', 'ack p50/p95/p99 ms', 'end-to-end p50/p95/p99 ms'],
      load.map(({ data: l }: { data: LoadRecord }) => [l.label, num(l.msgPerSec), num(l.sockets), num(l.agents), seconds(l.durationMs), trio(l.ackP50Ms, l.ackP95Ms, l.ackP99Ms), trio(l.e2eP50Ms, l.e2eP95Ms, l.e2eP99Ms)]),
    ),
  );

  out.push('', 'MESSAGES (acknowledged vs stored vs shown to agents)');
  const m = (f: (r: MessageRecord) => number | undefined) => messages.reduce((n, e) => n + (f(e.data) ?? 0), 0);
  const messageRows = messages.map(({ suite, data: r }) => [r.label ?? suite, opt(r.sent), num(r.acked), num(r.stored), num(r.lost), num(r.duplicates), num(r.reordered), opt(r.agentMissed), opt(r.outboundStuck), opt(r.outboundDuplicated)]);
  messageRows.push(['TOTAL', num(m((r) => r.sent)), num(m((r) => r.acked)), num(m((r) => r.stored)), num(m((r) => r.lost)), num(m((r) => r.duplicates)), num(m((r) => r.reordered)), num(m((r) => r.agentMissed)), num(m((r) => r.outboundStuck)), num(m((r) => r.outboundDuplicated))]);
  out.push(table(['scenario', 'sent', 'acked', 'stored', 'lost', 'duplicated', 'reordered', 'not live', 'out stuck', 'out dup'], messageRows));

  out.push('', 'FAULTS INJECTED');
  const faultRows = faults.map(({ data: f }: { data: FaultRecord }) => [f.kind, num(f.count ?? 1), f.survived ? 'yes' : 'NO', f.recoveryMs === null ? '—' : `${f.recoveryMs} ms`, f.detail ?? '']);
  const injected = faults.reduce((n, f) => n + (f.data.count ?? 1), 0);
  const survived = faults.filter((f) => f.data.survived).reduce((n, f) => n + (f.data.count ?? 1), 0);
  faultRows.push(['TOTAL', num(injected), `${survived}/${injected}`, '', '']);
  out.push(table(['fault', 'times', 'survived', 'recovery', 'detail'], faultRows));

  out.push('', 'BAD INPUTS (per class: tried, refused)');
  const byClass = new Map<string, BadInputRecord>();
  for (const { data } of bad) {
    const prev = byClass.get(data.class);
    byClass.set(data.class, { class: data.class, tried: (prev?.tried ?? 0) + data.tried, refused: (prev?.refused ?? 0) + data.refused });
  }
  const badRows = [...byClass.values()].map((b) => [b.class, num(b.tried), num(b.refused), b.tried === b.refused ? 'ok' : `${b.tried - b.refused} ACCEPTED`]);
  const tried = [...byClass.values()].reduce((n, b) => n + b.tried, 0);
  const refused = [...byClass.values()].reduce((n, b) => n + b.refused, 0);
  badRows.push(['TOTAL', num(tried), num(refused), tried === refused ? 'ok' : `${tried - refused} ACCEPTED`]);
  out.push(table(['class', 'tried', 'refused', ''], badRows));

  const lost = m((r) => r.lost);
  const dup = m((r) => r.duplicates);
  const verdict = lost === 0 && dup === 0 && survived === injected && tried === refused;
  out.push(
    '',
    `VERDICT: ${verdict ? 'PASS' : 'FAIL'} — lost ${lost} · duplicated ${dup} · reordered ${m((r) => r.reordered)} · faults survived ${survived}/${injected} · bad inputs refused ${refused}/${tried} in ${byClass.size} classes`,
    rule,
  );
  return out.join('\n');
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '  (nothing recorded)';
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), '  ' + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const num = (n: number) => String(Math.round(n * 10) / 10);
const opt = (n: number | undefined) => (n === undefined ? '—' : num(n));
const seconds = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`);
const trio = (a?: number, b?: number, c?: number) => (a === undefined ? '—' : `${a}/${b ?? '—'}/${c ?? '—'}`);
