import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { startSandbox, type SandboxHandle } from '../../apps/sandbox/src/sandbox.js';
import { CASES, channelInput } from '../support/channels.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { agentSocket, createBrand, startHub, type TestHub } from '../support/hub.js';
import { connected, nextEvent } from '../support/sockets.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * Twilio retries a webhook once within 15 s and then drops it. With the database unreachable, the hub
 * must still acknowledge verified webhooks only once they are durable (spooled to disk), and store
 * them as soon as the database is back.
 */
describe('webhooks during a database outage', () => {
  const sms = CASES[0]!;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let hub: TestHub;
  let sandbox: SandboxHandle;
  let agent: Socket;
  let direct: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    // No retries at the fake Twilio: a lost webhook stays lost, so only the spool can save it.
    sandbox = await startSandbox({ statusDelayMs: 20, retry: { twilioDelaysMs: [] } });
    hub = await startHub({}, { url: viaProxy.toString(), drop: db.drop });
    const brand = await createBrand(hub, 'Maison Outage');
    const inbox = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' }).send({ name: 'SMS', channel: channelInput(sms, sandbox.url) }).expect(201);
    sandbox.addLine({ provider: 'twilio_sms', accountSid: inbox.body.channel.accountSid, authToken: sms.secrets.authToken!, phoneNumber: sms.lineKey, webhookUrl: inbox.body.webhookUrls.events });
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
    direct = new pg.Client({ connectionString: db.url });
    await direct.connect();
  });

  afterAll(async () => {
    agent?.disconnect();
    await direct?.end();
    await hub?.close();
    await sandbox?.close();
    await proxy?.close();
    await db?.drop();
  });

  const send = async (text: string) => {
    const r = await fetch(`${sandbox.url}/sandbox/api/phones/${encodeURIComponent(sms.lineKey)}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+16175550123', text }),
    });
    return ((await r.json()) as { status: number }).status;
  };
  const stored = async (texts: string[]) =>
    (await direct.query<{ t: string }>(`SELECT content->>'text' AS t FROM message WHERE content->>'text' = ANY($1)`, [texts])).rows.map((r) => r.t);

  it('acknowledges verified webhooks while the database is down and stores each exactly once when it returns', async () => {
    expect(await send('before the outage')).toBe(200);
    proxy.cut();
    const during = ['during 1', 'during 2', 'during 3'];
    for (const text of during) expect(await send(text)).toBe(200);
    const spool = join(hub.config.dataDir, 'spool', 'webhooks');
    expect(readdirSync(spool).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    expect(await stored(during)).toEqual([]);

    const last = nextEvent<MessageView>(agent, 'message.created', (m) => m.content.type === 'text' && m.content.text === 'during 3', 15_000);
    proxy.restore();
    await last;
    expect((await stored(during)).sort()).toEqual(during);
    expect(readdirSync(spool).filter((f) => f.endsWith('.json'))).toHaveLength(0);
    const order = await direct.query<{ t: string }>(`SELECT content->>'text' AS t FROM message WHERE direction = 'in' ORDER BY seq`);
    expect(order.rows.map((r) => r.t)).toEqual(['before the outage', ...during]);
  }, 30_000);

  it('refuses forged webhooks during an outage too (nothing spooled)', async () => {
    proxy.cut();
    try {
      const record = sandbox.store.webhooks.at(-1)!;
      const res = await fetch(record.url, { method: 'POST', headers: { 'content-type': record.contentType, 'x-twilio-signature': 'Zm9yZ2Vk' }, body: record.body });
      expect(res.status).toBe(401);
      expect(readdirSync(join(hub.config.dataDir, 'spool', 'webhooks')).filter((f) => f.endsWith('.json'))).toHaveLength(0);
    } finally {
      proxy.restore();
    }
  });
});
