import { percentile } from './stats.js';

/** One customer message the checker sent, and when (if ever) it was acknowledged. */
export interface SentMessage {
  text: string;
  sender: string;
  /** Send order for its sender. */
  seq: number;
  firstAttemptAt: number;
  attempts: number;
  ackedAt: number | null;
}

/** A stored inbound message as read from the hub's database. */
export interface StoredRow {
  id: string;
  /** Insertion order (the conversation's display order). */
  seq: string;
  conversation_id: string;
  text: string | null;
}

export interface InboundComparison {
  acked: number;
  stored: number;
  lostTexts: string[];
  storedDuplicates: number;
  agentDuplicates: number;
  reordered: number;
  agentMissed: number;
  retries: number;
  ackMs: { p50: number; p95: number; p99: number };
  e2eMs: { p50: number; p95: number; p99: number };
}

/**
 * Acknowledged vs stored vs shown. `agentSeen` holds one map per agent socket connection (message id →
 * times received); `firstSeen` the first time any agent saw a text.
 */
export function compareInbound(sent: SentMessage[], rows: StoredRow[], agentSeen: Map<string, number>[], firstSeen: Map<string, number>): InboundComparison {
  const acked = sent.filter((s) => s.ackedAt !== null);
  const byText = new Map<string, StoredRow[]>();
  for (const r of rows) byText.set(r.text!, [...(byText.get(r.text!) ?? []), r]);

  let reordered = 0;
  const bySender = new Map<string, SentMessage[]>();
  for (const s of sent) bySender.set(s.sender, [...(bySender.get(s.sender) ?? []), s]);
  for (const list of bySender.values()) {
    const seqs = list.sort((a, b) => a.seq - b.seq).map((s) => byText.get(s.text)?.[0]).filter((r): r is StoredRow => !!r).map((r) => BigInt(r.seq));
    for (let i = 1; i < seqs.length; i++) if (seqs[i]! < seqs[i - 1]!) reordered++;
  }
  const ackMs = acked.map((s) => s.ackedAt! - s.firstAttemptAt);
  const e2eMs = sent.filter((s) => firstSeen.has(s.text)).map((s) => firstSeen.get(s.text)! - s.firstAttemptAt);
  const pct = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });
  return {
    acked: acked.length,
    stored: byText.size,
    lostTexts: acked.filter((s) => !byText.has(s.text)).map((s) => s.text),
    storedDuplicates: [...byText.values()].reduce((n, list) => n + list.length - 1, 0),
    agentDuplicates: agentSeen.reduce((n, seen) => n + [...seen.values()].reduce((m, c) => m + c - 1, 0), 0),
    reordered,
    agentMissed: rows.filter((r) => !firstSeen.has(r.text!)).length,
    retries: sent.reduce((n, s) => n + s.attempts - 1, 0),
    ackMs: pct(ackMs),
    e2eMs: pct(e2eMs),
  };
}

export interface OutboundComparison {
  sent: number;
  acked: number;
  delivered: number;
  stuck: number;
  duplicated: number;
  stuckTexts: string[];
}

/** Replies the hub accepted vs what the provider received: never left (stuck) or left twice (duplicated). */
export function compareOutbound(replies: Map<string, { ackedAt: number | null }>, providerTexts: string[]): OutboundComparison {
  const ackedReplies = [...replies.entries()].filter(([, r]) => r.ackedAt !== null).map(([text]) => text);
  const at = new Map<string, number>();
  for (const t of providerTexts) if (replies.has(t)) at.set(t, (at.get(t) ?? 0) + 1);
  const stuckTexts = ackedReplies.filter((t) => !at.has(t));
  return { sent: replies.size, acked: ackedReplies.length, delivered: at.size, stuck: stuckTexts.length, duplicated: [...at.values()].reduce((n, c) => n + c - 1, 0), stuckTexts };
}
