import { randomUUID } from 'node:crypto';
import { BuiltInStore } from '@concierge/commerce';
import type { Socket } from 'socket.io-client';
import { addAgent, createBrand, createWebchatInbox, visitorSocket, type TestHub } from '../../support/hub.js';
import { emitAck, nextEvent } from '../../support/sockets.js';

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** One brand with one of everything a tenant route can name, created through the public API. */
export interface Tenant {
  name: string;
  accountId: string;
  token: string;
  adminId: string;
  agentId: string;
  inboxId: string;
  websiteToken: string;
  visitorToken: string;
  conversationId: string;
  contactId: string;
  /** A contact of its own with no channel, for merge controls. */
  spareContactId: string;
  messageId: string;
  teamId: string;
  labelId: string;
  cannedResponseId: string;
  templateId: string;
  faqId: string;
  productId: string;
  notificationId: string;
  mergeId: string;
  attachmentId: string;
  attachmentUrl: string;
  callId: string;
  /** A built-in store order (a checkout link's pending order). */
  orderNumber: string;
  /** Strings that must never reach another tenant: its message text, names. */
  secrets: string[];
}

/** Route parameter → the tenant's id of that kind. A parameter missing here fails the sweep (a new route needs it). */
export const PARAM_IDS: Record<string, keyof Tenant> = {
  accountId: 'accountId',
  agentId: 'agentId',
  cannedResponseId: 'cannedResponseId',
  inboxId: 'inboxId',
  faqId: 'faqId',
  templateId: 'templateId',
  labelId: 'labelId',
  productId: 'productId',
  teamId: 'teamId',
  contactId: 'contactId',
  mergeId: 'mergeId',
  conversationId: 'conversationId',
  notificationId: 'notificationId',
  callId: 'callId',
  attachmentId: 'attachmentId',
  messageId: 'messageId',
  number: 'orderNumber',
};

export function tenantIds(t: Tenant): string[] {
  return Object.values(PARAM_IDS).map((k) => t[k] as string).concat(t.adminId, t.spareContactId);
}

export async function seedTenant(hub: TestHub, name: string): Promise<Tenant> {
  const brand = await createBrand(hub, name);
  const token = brand.admin.token;
  const base = `/api/v1/accounts/${brand.accountId}`;
  const call = async (method: 'get' | 'post' | 'put' | 'patch', path: string, body?: object, status = method === 'post' ? 201 : 200) => {
    const res = await hub.http()[method](`${base}${path}`).auth(token, { type: 'bearer' }).send(body);
    if (res.status !== status) throw new Error(`${name}: ${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const agent = await addAgent(hub, brand, 'admin');
  const inbox = await createWebchatInbox(hub, brand);
  const secretText = `${name} private words ${randomUUID()}`;
  const visitor: Socket = visitorSocket(hub, { websiteToken: inbox.websiteToken, name: `${name} Shopper` });
  const session = await nextEvent(visitor, 'session');
  const ack = await emitAck(visitor, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text: secretText } });
  visitor.disconnect();
  if (!ack.ok) throw new Error(`${name}: visitor message refused ${JSON.stringify(ack)}`);
  const conversationId = ack.message.conversationId as string;
  const conversation = await call('get', `/conversations/${conversationId}`);
  const team = await call('post', '/teams', { name: `${name} team`, agentIds: [agent.id] });
  const label = await call('post', '/labels', { name: `${name} VIP` });
  const canned = await call('post', '/canned-responses', { shortCode: 'hello', content: `Hello from ${name}` });
  const template = await call('post', `/inboxes/${inbox.id}/templates`, { name: 'welcome', language: 'en', body: 'Hi {{1}}' });
  const faq = await call('post', `/inboxes/${inbox.id}/faqs`, { title: 'Returns', phrases: { en: ['return policy'] }, answers: { en: 'Thirty days.' } });
  const product = await call('post', '/products', { sku: 'BAG-1', title: `${name} bag`, price: { amount: '100.00', currency: 'EUR' } });
  await call('put', `/inboxes/${inbox.id}/business-hours`, { timeZone: 'Europe/Paris', weekly: [{ day: 1, open: '09:00', close: '18:00' }] });
  await call('post', `/conversations/${conversationId}/messages`, { content: { type: 'text', text: `note for ${name}` }, private: true, mentions: [agent.id] });
  const [notification] = await hub.query<{ id: string }>('SELECT id FROM notification WHERE account_id = $1 AND agent_id = $2', [brand.accountId, agent.id]);
  const alias = await call('post', '/contacts', { name: `${name} alias` });
  const spare = await call('post', '/contacts', { name: `${name} spare` });
  await call('post', `/contacts/${conversation.contact.id}/merge`, { contactId: alias.id }, 200);
  const [merge] = await call('get', `/contacts/${conversation.contact.id}/merges`);
  const upload = await hub.http().post(`${base}/attachments?filename=a.png`).auth(token, { type: 'bearer' }).set('content-type', 'image/png').send(PNG);
  if (upload.status !== 201) throw new Error(`${name}: upload ${upload.status}`);
  const video = await call('post', `/conversations/${conversationId}/calls`, {});
  // Order numbers are per brand ("1001" exists in many): a unique one, so finding it elsewhere means a leak.
  const orderNumber = `R${randomUUID().slice(0, 8).toUpperCase()}`;
  await hub.app.get(BuiltInStore).seed(brand.accountId, [{ number: orderNumber, status: 'paid', items: [{ title: `${name} bag`, quantity: 1 }], total: { amount: '100.00', currency: 'EUR' } }]);
  return {
    name,
    accountId: brand.accountId,
    token,
    adminId: brand.admin.id,
    agentId: agent.id,
    inboxId: inbox.id,
    websiteToken: inbox.websiteToken,
    visitorToken: session.visitorToken,
    conversationId,
    contactId: conversation.contact.id,
    spareContactId: spare.id,
    messageId: ack.message.id,
    teamId: team.id,
    labelId: label.id,
    cannedResponseId: canned.id,
    templateId: template.id,
    faqId: faq.id,
    productId: product.id,
    notificationId: notification!.id,
    mergeId: merge.id,
    attachmentId: upload.body.id,
    attachmentUrl: upload.body.url,
    callId: video.id,
    orderNumber,
    secrets: [secretText, `${name} Shopper`, `${name} alias`, `${name} bag`, `Hello from ${name}`, `note for ${name}`],
  };
}

/** Every row of every table carrying `account_id` = the tenant, as text: compared before and after a sweep. */
export async function fingerprint(hub: TestHub, accountId: string): Promise<Record<string, string>> {
  const tables = await hub.query<{ table: string }>(
    `SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'account_id' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { table } of tables) {
    const [row] = await hub.query<{ rows: string | null }>(`SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS rows FROM "${table}" t WHERE account_id = $1`, [accountId]);
    out[table] = row!.rows ?? '';
  }
  return out;
}

/** "table.column" of rows owned by `accountId` whose value mentions any of `needles` (another tenant's ids or text). */
export async function rowsMentioning(hub: TestHub, accountId: string, needles: string[]): Promise<string[]> {
  const columns = await hub.query<{ table: string; column: string }>(
    `SELECT c.table_name AS table, c.column_name AS column FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name <> 'account_id'
        AND c.data_type IN ('text', 'uuid', 'jsonb', 'json', 'ARRAY', 'character varying')
        AND EXISTS (SELECT 1 FROM information_schema.columns a WHERE a.table_schema = 'public' AND a.table_name = c.table_name AND a.column_name = 'account_id')`,
  );
  const hits: string[] = [];
  for (const { table, column } of columns) {
    const [row] = await hub.query<{ hit: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "${table}" t, unnest($2::text[]) n WHERE t.account_id = $1 AND strpos(t."${column}"::text, n) > 0) AS hit`,
      [accountId, needles],
    );
    if (row!.hit) hits.push(`${table}.${column}`);
  }
  return hits;
}
