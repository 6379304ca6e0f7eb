import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { InboundStatusItem } from '@concierge/channels-core';
import { InboundIngest } from '@concierge/inbox';
import { DataSource } from 'typeorm';
import { InboxEntity } from '../../libs/inbox/src/entities/index.js';
import { StatusUpdates } from '../../libs/inbox/src/ingest/status-updates.js';
import { agentSocket, createBrand, createWebchatInbox, startHub, type Brand, type TestHub } from '../support/hub.js';
import { record } from '../support/sockets.js';

/**
 * Provider status callbacks go through group commit: callbacks from several requests that arrive
 * together are recorded in one transaction. They must end exactly where one-at-a-time recording ends:
 * the strongest status shown, every callback an event, failures with their error, callbacks that
 * overtook their send kept for it.
 */
describe('status callbacks recorded together', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: InboxEntity;
  let db: DataSource;

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Status Brand');
    const { id } = await createWebchatInbox(hub, brand);
    db = hub.app.get(DataSource);
    inbox = await db.getRepository(InboxEntity).findOneByOrFail({ id });
  });

  afterAll(() => hub.close());

  /** An agent reply the provider has accepted as `sourceId`. */
  async function sentReply(sourceId: string): Promise<string> {
    const { message } = await hub.app.get(InboundIngest).ingest({
      accountId: brand.accountId, inboxId: inbox.id, address: `user:${sourceId}`, addressKind: 'visitor', channelType: 'webchat', sourceId: `in-${sourceId}`, content: { type: 'text', text: 'hello' },
    });
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${message.conversationId}/messages`)
      .auth(brand.admin.token, { type: 'bearer' }).send({ clientMessageId: randomUUID(), content: { type: 'text', text: 'Bonjour' } });
    expect(res.status).toBe(201);
    await db.query(`UPDATE message SET source_id = $2, status = 'sent' WHERE id = $1`, [res.body.id, sourceId]);
    return res.body.id as string;
  }

  const status = (sourceId: string, s: InboundStatusItem['status'], extra: Partial<InboundStatusItem> = {}): InboundStatusItem => ({ kind: 'status', sourceId, status: s, ...extra });

  it('ends where one-at-a-time recording ends, for requests arriving together', async () => {
    const [read, failed] = [await sentReply('SM-read'), await sentReply('SM-failed')];
    const agent = agentSocket(hub, brand.admin.token);
    const updates = record<{ id: string; status: string }>(agent, 'message.updated');
    await new Promise((resolve) => agent.once('presence.snapshot', resolve));

    const before = (await db.query('SELECT coalesce(max(id), 0) AS id FROM message_status_event'))[0].id as string;
    const statuses = hub.app.get(StatusUpdates);
    const outcomes = await Promise.all([
      statuses.submit([{ inbox, item: status('SM-read', 'delivered') }, { inbox, item: status('SM-read', 'read') }]),
      statuses.submit([{ inbox, item: status('SM-failed', 'failed', { error: { code: 'RECIPIENT_UNREACHABLE', message: 'Unreachable destination' } }) }]),
      // Failed after read: kept as an event, never shown (the customer did read it).
      statuses.submit([{ inbox, item: status('SM-read', 'failed', { error: { code: 'UNKNOWN', message: 'late' } }) }, { inbox, item: status('SM-early', 'delivered') }]),
    ]);
    expect(outcomes).toEqual([[null, null], [null], [null, null]]);

    const rows: { id: string; status: string; error: unknown }[] = await db.query('SELECT id, status, error FROM message WHERE id = ANY($1) ORDER BY source_id DESC', [[read, failed]]);
    expect(rows).toEqual([
      { id: read, status: 'read', error: null },
      { id: failed, status: 'failed', error: { code: 'RECIPIENT_UNREACHABLE', message: 'Unreachable destination' } },
    ]);
    const events: { message_id: string; status: string }[] = await db.query('SELECT message_id, status FROM message_status_event WHERE message_id = ANY($1) AND id > $2 ORDER BY id', [[read, failed], before]);
    expect(events.filter((e) => e.message_id === read).map((e) => e.status)).toEqual(['delivered', 'read', 'failed']);
    expect(events.filter((e) => e.message_id === failed).map((e) => e.status)).toEqual(['failed']);
    // A callback that overtook its send waits for it.
    expect(await db.query(`SELECT status FROM pending_status WHERE inbox_id = $1 AND source_id = 'SM-early'`, [inbox.id])).toEqual([{ status: 'delivered' }]);

    // Agents hear of each changed message, ending on what is stored.
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && !(updates.some((u) => u.id === read && u.status === 'read') && updates.some((u) => u.id === failed && u.status === 'failed'))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(updates.filter((u) => u.id === read).at(-1)?.status).toBe('read');
    expect(updates.filter((u) => u.id === failed).at(-1)?.status).toBe('failed');
    agent.disconnect();
  });
});
