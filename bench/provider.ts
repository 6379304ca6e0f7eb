/**
 * The fake provider for outbound scenarios, in its own process (so its CPU is not the generator's):
 * the offline sandbox (fake Twilio + Graph API, per-line rate caps answering 429 / 130429, artificial
 * latency, signed status callbacks). The parent talks to it over IPC: add lines, read pacing stats.
 */
import { startSandbox, type LineConfig } from '../apps/sandbox/src/sandbox.js';
import { lineId } from '../apps/sandbox/src/store.js';

type Request =
  | { id: number; type: 'addLine'; line: LineConfig }
  | { id: number; type: 'openWindows'; line: LineConfig; phones: string[] }
  | { id: number; type: 'stats'; sinceMs: number; prefix?: string };

const latency = JSON.parse(process.argv[2] ?? '[50,300]') as [number, number];
const sandbox = await startSandbox({ latencyMs: latency, statusDelayMs: 100, maxRecords: 2_000_000, retry: { metaDelaysMs: [1_000, 5_000], twilioDelaysMs: [2_000] } });

/** Largest number of events in any sliding 1-second window. */
function maxPerSecond(times: number[]): number {
  times.sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

function textOf(request: Record<string, unknown>): string | undefined {
  if (typeof request.Body === 'string') return request.Body;
  const text = request.text as { body?: unknown } | undefined;
  return typeof text?.body === 'string' ? text.body : undefined;
}

process.on('message', (msg: Request) => {
  if (msg.type === 'addLine') {
    sandbox.addLine(msg.line);
    process.send!({ id: msg.id, ok: true });
    return;
  }
  if (msg.type === 'openWindows') {
    // The bench posts customer webhooks itself (not through the sandbox phone), so it tells the fake
    // provider which customers wrote in: their WhatsApp 24-hour windows are open for replies.
    for (const phone of msg.phones) sandbox.store.touchWindow(lineId(msg.line), phone);
    process.send!({ id: msg.id, ok: true });
    return;
  }
  const byLine = new Map<string, { accepted: number[]; rejected: number[]; texts: Set<string>; duplicates: number }>();
  const line = (key: string) => byLine.get(key) ?? (byLine.set(key, { accepted: [], rejected: [], texts: new Set(), duplicates: 0 }), byLine.get(key)!);
  for (const r of sandbox.store.outbox) {
    const at = Date.parse(r.createdAt);
    if (at < msg.sinceMs) continue;
    const text = textOf(r.request);
    // Only the scenario's own messages (automation replies go through the same line).
    if (msg.prefix && !text?.startsWith(msg.prefix)) continue;
    const l = line(r.line);
    l.accepted.push(at);
    // The same reply accepted twice by the provider is a duplicate the customer would see.
    if (text !== undefined) {
      if (l.texts.has(text)) l.duplicates++;
      else l.texts.add(text);
    }
  }
  for (const r of sandbox.store.rejections) {
    const at = Date.parse(r.at);
    if (at >= msg.sinceMs && (r.httpStatus === 429 || r.code === 130429 || r.code === 20429)) line(r.line ?? '?').rejected.push(at);
  }
  const lines = Object.fromEntries(
    [...byLine].map(([key, v]) => {
      const first = Math.min(...v.accepted);
      const last = Math.max(...v.accepted);
      return [key, {
        accepted: v.accepted.length,
        rateLimited: v.rejected.length,
        maxAcceptedPerSecond: maxPerSecond(v.accepted),
        maxAttemptsPerSecond: maxPerSecond([...v.accepted, ...v.rejected]),
        duplicates: v.duplicates,
        acceptedPerSecondAvg: v.accepted.length > 1 ? Math.round((v.accepted.length / Math.max(1, last - first)) * 1000) : v.accepted.length,
      }];
    }),
  );
  process.send!({ id: msg.id, ok: true, lines });
});
process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
process.send!({ ready: true, url: sandbox.url });
