import { now, percentiles, round } from '../lib/stats.js';
import type { World } from '../lib/world.js';

/**
 * Scenario 6: `conversations` conversations with `messages` messages between them preloaded by SQL
 * (generate_series, one statement per table), then the agent inbox's two hot reads through the API:
 * the conversation list (first page and a cursor page) and a conversation's history page.
 */
export async function volumeScenario(world: World, plan: { messages: number; conversations: number; samples: number }) {
  const { accountId } = world;
  const inboxId = world.cloud.id;
  const t0 = now();
  const q = (sql: string, params: unknown[]) => world.db.query(sql, params);
  const N = plan.conversations;
  await q(
    `INSERT INTO contact (id, account_id, name, phone)
     SELECT md5('vc' || g)::uuid, $1, 'Volume ' || g, '+3375' || lpad(g::text, 7, '0') FROM generate_series(1, $2::int) g`,
    [accountId, N],
  );
  await q(
    `INSERT INTO contact_channel (id, account_id, contact_id, inbox_id, address, kind)
     SELECT md5('vh' || g)::uuid, $1, md5('vc' || g)::uuid, $3, '+3375' || lpad(g::text, 7, '0'), 'phone' FROM generate_series(1, $2::int) g`,
    [accountId, N, inboxId],
  );
  await q(
    `INSERT INTO conversation (id, account_id, inbox_id, contact_channel_id, status, last_activity_at, last_message_preview)
     SELECT md5('vv' || g)::uuid, $1, $3, md5('vh' || g)::uuid,
            CASE WHEN g % 4 = 0 THEN 'resolved' ELSE 'open' END, now() - interval '1 day' - g * interval '1 second', 'Volume message'
     FROM generate_series(1, $2::int) g`,
    [accountId, N, inboxId],
  );
  await q(
    `INSERT INTO message (id, account_id, inbox_id, conversation_id, direction, kind, sender_type, content, status, created_at)
     SELECT gen_random_uuid(), $1, $3, md5('vv' || (1 + g % $2::int))::uuid,
            CASE WHEN g % 3 = 0 THEN 'out' ELSE 'in' END, 'normal', CASE WHEN g % 3 = 0 THEN 'agent' ELSE 'contact' END,
            jsonb_build_object('type', 'text', 'text', 'Volume message ' || g || ' about sizes, delivery and the silk scarf'),
            CASE WHEN g % 3 = 0 THEN 'delivered' ELSE 'received' END, now() - interval '1 day' - ($4::int - g) * interval '10 ms'
     FROM generate_series(1, $4::int) g`,
    [accountId, N, inboxId, plan.messages],
  );
  await q('ANALYZE contact, contact_channel, conversation, message', []);
  const preloadSeconds = (now() - t0) / 1000;

  const get = async (path: string) => {
    const started = now();
    const res = await fetch(`${world.hub.url}${path}`, { headers: { authorization: `Bearer ${world.hub.token}` } });
    const body = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: now() - started, body };
  };
  const base = `/api/v1/accounts/${accountId}/conversations`;
  const list: number[] = [];
  const listPage2: number[] = [];
  const history: number[] = [];
  const first = await get(`${base}?limit=25`);
  for (let i = 0; i < plan.samples; i++) {
    const page = await get(`${base}?limit=25`);
    list.push(page.ms);
    if (page.body.nextCursor) listPage2.push((await get(`${base}?limit=25&cursor=${encodeURIComponent(page.body.nextCursor)}`)).ms);
    const g = 1 + Math.floor(Math.random() * N);
    const { rows } = await q(`SELECT md5('vv' || $1::int)::uuid AS id`, [g]);
    history.push((await get(`${base}/${rows[0].id}/messages?limit=50`)).ms);
  }
  const { rows: totals } = await q('SELECT (SELECT count(*) FROM message) AS messages, (SELECT count(*) FROM conversation) AS conversations', []);
  const summary = {
    messagesStored: Number(totals[0].messages),
    conversationsStored: Number(totals[0].conversations),
    preloadSeconds: round(preloadSeconds, 1),
    firstPageRows: first.body.data.length,
    listMs: percentiles(list),
    listCursorPageMs: percentiles(listPage2),
    historyMs: percentiles(history),
  };
  return { summary };
}
