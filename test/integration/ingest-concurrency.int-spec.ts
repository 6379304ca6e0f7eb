import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InboundIngest } from '@concierge/inbox';
import { DataSource } from 'typeorm';
import { createBrand, createWebchatInbox, startHub, type Brand, type TestHub } from '../support/hub.js';

describe('inbound ingest under concurrency', () => {
  let hub: TestHub;
  let brand: Brand;
  let inboxId: string;
  let ingest: InboundIngest;
  let db: DataSource;

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Race Brand');
    inboxId = (await createWebchatInbox(hub, brand)).id;
    ingest = hub.app.get(InboundIngest);
    db = hub.app.get(DataSource);
  });

  afterAll(() => hub.close());

  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params))[0].n);

  it('stores one message for the same provider id sent 50 times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        ingest.ingest({ accountId: brand.accountId, inboxId, address: 'user:dup', addressKind: 'visitor', channelType: 'webchat', sourceId: 'wamid.SAME', content: { type: 'text', text: 'hi' } }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(await count('SELECT count(*) n FROM message WHERE inbox_id = $1 AND source_id = $2', [inboxId, 'wamid.SAME'])).toBe(1);
  });

  it('creates one contact and one open conversation for 20 concurrent first messages, in order', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ingest.ingest({ accountId: brand.accountId, inboxId, address: 'user:new-number', addressKind: 'visitor', channelType: 'webchat', sourceId: `first-${i}`, content: { type: 'text', text: `m${i}` } }),
      ),
    );
    expect(await count("SELECT count(*) n FROM contact_channel WHERE inbox_id = $1 AND address = 'user:new-number'", [inboxId])).toBe(1);
    expect(await count("SELECT count(*) n FROM conversation c JOIN contact_channel ch ON ch.id = c.contact_channel_id WHERE ch.address = 'user:new-number' AND c.status <> 'resolved'", [])).toBe(1);
    const rows: { seq: string; source_id: string }[] = await db.query(
      "SELECT m.seq, m.source_id FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN contact_channel ch ON ch.id = c.contact_channel_id WHERE ch.address = 'user:new-number' ORDER BY m.seq",
    );
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(20);
  });

  it('runs the schema from migrations only (no synchronize) and records them', async () => {
    const migrations: { name: string }[] = await db.query('SELECT name FROM schema_migrations');
    expect(migrations.map((m) => m.name)).toContain('InitialSchema1764316800000');
    expect(db.options.synchronize).toBe(false);
  });
});
