import type { LabelView } from '@concierge/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Batched look-ups for a page of conversations (one query each, never one per row). Plain functions
 * over the connection so both the view builder and the services that change labels or read markers
 * can use them without depending on each other.
 */
export async function labelsByConversation(db: DataSource | EntityManager, accountId: string, conversationIds: string[]): Promise<Map<string, LabelView[]>> {
  const out = new Map<string, LabelView[]>();
  if (conversationIds.length === 0) return out;
  const rows: { conversation_id: string; id: string; name: string; color: string }[] = await db.query(
    `SELECT cl.conversation_id, l.id, l.name, l.color
       FROM conversation_label cl JOIN label l ON l.id = cl.label_id AND l.account_id = cl.account_id
      WHERE cl.account_id = $1 AND cl.conversation_id = ANY($2::uuid[])
      ORDER BY lower(l.name), l.id`,
    [accountId, [...new Set(conversationIds)]],
  );
  for (const r of rows) {
    const list = out.get(r.conversation_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    out.set(r.conversation_id, list);
  }
  return out;
}

/**
 * Customer messages (inbound, normal) after the agent's read marker, per conversation. A conversation
 * the agent never opened has no marker: every customer message counts. Conversations with nothing
 * unread are absent from the map.
 */
export async function unreadCounts(db: DataSource | EntityManager, accountId: string, agentId: string, conversationIds: string[]): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  // Per conversation (LATERAL), the marker bounds the range read from message_inbound_seq_idx: a long
  // thread the agent has read costs a few index entries, not one heap row per message it ever had.
  const rows: { conversation_id: string; n: number }[] = await db.query(
    `SELECT c.id AS conversation_id, u.n
       FROM conversation c
       LEFT JOIN conversation_read r ON r.agent_id = $2 AND r.conversation_id = c.id
      CROSS JOIN LATERAL (
             SELECT count(*)::int AS n FROM message m
              WHERE m.conversation_id = c.id AND m.direction = 'in' AND m.kind = 'normal' AND m.seq > COALESCE(r.last_read_seq, 0)
           ) u
      WHERE c.id = ANY($3::uuid[]) AND c.account_id = $1 AND u.n > 0`,
    [accountId, agentId, [...new Set(conversationIds)]],
  );
  return new Map(rows.map((r) => [r.conversation_id, r.n]));
}
