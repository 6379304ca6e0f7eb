import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeWhatsappClientFactory, wwebjsRaw } from '@concierge/channels-whatsapp-web';
import { addAgent, createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';
import { HealthWatch } from './support/health.js';
import { faultUnderLoad } from './support/fault-run.js';

const LOGOUTS = 2;
const CUSTOMERS = 4;

/**
 * A WhatsApp Web inbox (the library-faithful fake whatsapp-web.js client) whose phone logs out of
 * WhatsApp Web while customers keep writing, and is linked again by scanning the new QR code. WhatsApp
 * never redelivers: what arrived while logged out exists only in the phone's history, which the hub
 * re-reads after every reconnect. Health says degraded while the link is lost (advisory: the hub keeps
 * serving every other inbox), nothing is lost and agents see each message once.
 */
describe('WhatsApp Web logout and reconnect under load', () => {
  const clients = new FakeWhatsappClientFactory();
  let hub: TestHub;
  let brand: Brand;
  let second: { token: string };
  let inboxId: string;
  let health: HealthWatch;
  let connected = false;
  // Message times (seconds) follow the real clock and strictly increase: history is re-read in timestamp order.
  let clock = 0;
  const tick = () => (clock = Math.max(clock + 1, Math.floor(Date.now() / 1000)));

  beforeAll(async () => {
    hub = await startHub({}, undefined, { whatsappWebClients: clients });
    brand = await createBrand(hub, 'Maison WhatsApp');
    second = await addAgent(hub, brand, 'admin');
    const created = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' }).send({ name: 'WhatsApp Web', channel: { type: 'whatsapp_web' } }).expect(201);
    inboxId = created.body.id as string;
    await waitFor(() => clients.clients.length === 1);
    clients.last.showQr();
    clients.last.link('6281234500000');
    await waitFor(async () => (await session()).state === 'connected');
    connected = true;
    health = new HealthWatch(hub.url);
  }, 60_000);

  afterAll(async () => {
    await health?.stop();
    await hub?.close();
  }, 30_000);

  const session = async () => (await hub.http().get(`/api/v1/accounts/${brand.accountId}/inboxes/${inboxId}/session`).auth(brand.admin.token, { type: 'bearer' })).body as { state: string };

  it(`loses nothing across ${LOGOUTS} logouts and re-links`, async () => {
    const kind = `whatsapp-web logout + re-link ×${LOGOUTS}`;
    const healthWhileOut: string[] = [];
    const outcome = await faultUnderLoad({
      kind,
      checker: {
        hubUrl: hub.url,
        agentTokens: [brand.admin.token, second.token],
        ratePerSecond: 8,
        label: kind,
        custom: {
          inboxId,
          senders: CUSTOMERS,
          // Linked: WhatsApp Web pushes the message. Logged out: it lands in the phone's history only.
          send: async (customer, text) => {
            const raw = wwebjsRaw.rawText({ from: `62812345${String(67_000 + customer)}@c.us`, body: text, notifyName: `Customer ${customer}`, t: tick() });
            if (connected) clients.last.receive(raw);
            else clients.last.store(raw);
            return true;
          },
        },
      },
      health,
      inject: async () => {
        for (let i = 0; i < LOGOUTS; i++) {
          if (i > 0) await sleep(3_000);
          connected = false;
          clients.last.disconnect('LOGOUT');
          // After LOGOUT the library shows a fresh QR code in the same browser.
          clients.last.showQr();
          // Readiness read in-process (no network timeout can hide it): degraded, yet 200.
          const ready = async () => hub.http().get('/health/ready');
          await waitFor(async () => (await ready()).body.checks?.live_sessions === 'down');
          const during = await ready();
          healthWhileOut.push(`${during.status} ${during.body.status}`);
          await sleep(4_000);
          clients.last.link('6281234500000');
          connected = true;
        }
      },
      query: (sql, params) => hub.query(sql, params) as Promise<never[]>,
      survived: () => true,
      count: LOGOUTS,
    });
    const r = outcome.result;
    expect(r.errors).toEqual([]);
    const quarantined = await hub.query<{ reason: string }>('SELECT reason FROM webhook_quarantine WHERE inbox_id = $1', [inboxId]);
    expect({ lost: r.lostTexts, quarantined: quarantined.map((q) => q.reason) }).toEqual({ lost: [], quarantined: [] });
    expect({ storedDuplicates: r.storedDuplicates, agentDuplicates: r.agentDuplicates }).toEqual({ storedDuplicates: 0, agentDuplicates: 0 });
    expect(r.acked).toBeGreaterThan(50);
    expect(healthWhileOut).toEqual(Array(LOGOUTS).fill('200 degraded'));
    expect((await hub.http().get('/health/ready').expect(200)).body.status).toBe('ok');
    await hub.http().get('/health/live').expect(200);
    expect((await session()).state).toBe('connected');
  }, 120_000);
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}
