import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageView } from '@concierge/contracts';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';
import { nextEvent } from '../support/sockets.js';

/** One product card, sent by productId, rendered by each provider channel as well as it can (sandbox providers). */
describe('product cards per channel', () => {
  let w: ChannelWorld;
  let productId: string;
  const base = () => `/api/v1/accounts/${w.brand.accountId}`;
  const admin = () => ({ Authorization: `Bearer ${w.brand.admin.token}` });

  beforeAll(async () => {
    w = await channelWorld();
    await w.hub.http().put(`${base()}/commerce-settings`).set(admin()).send({ allowedLinkHosts: ['*.maison-demo.example'] }).expect(200);
    const res = await w.hub.http().post(`${base()}/products`).set(admin()).send({
      sku: 'SCARF-90', title: 'Silk twill scarf 90', description: 'Printed silk twill, hand-rolled edges, made in Lyon.',
      price: { amount: '450.00', currency: 'EUR' }, imageUrl: 'https://images.maison-demo.example/scarf.jpg', url: 'https://shop.maison-demo.example/p/scarf-90',
    }).expect(201);
    productId = res.body.id;
  });

  afterAll(async () => {
    await w?.close();
  });

  const sendCard = async (type: (typeof CASES)[number]['type']) => {
    const c = CASES.find((x) => x.type === type)!;
    const inbound = await w.inbound(c, 'Do you still have the silk scarf?');
    const delivered = nextEvent<MessageView>(w.agent, 'message.updated', (m) => m.conversationId === inbound.conversationId && m.direction === 'out' && m.status !== 'queued', 5000);
    const reply = await w.reply(inbound.conversationId, { type: 'product_card', productId });
    expect(reply.status).toBe(201);
    await delivered;
    const out = w.sandbox.store.outbox.filter((o) => o.line === c.lineKey).at(-1)!;
    return { request: out.request as Record<string, any>, card: reply.body.content as unknown as { url: string } };
  };

  it('WhatsApp Cloud: an interactive cta_url message with the image header and the short link', async () => {
    const { request, card } = await sendCard('whatsapp_cloud');
    expect(card.url).toMatch(/\/s\/[A-Za-z0-9]{8}$/);
    expect(request).toMatchObject({
      type: 'interactive',
      interactive: { type: 'cta_url', header: { type: 'image', image: { link: 'https://images.maison-demo.example/scarf.jpg' } }, action: { name: 'cta_url', parameters: { url: card.url } } },
    });
    expect(request.interactive.body.text).toContain('Silk twill scarf 90 — EUR 450.00');
  });

  it('SMS: title, price and the short link as GSM-7 text within the segment budget, no MMS', async () => {
    const { request, card } = await sendCard('twilio_sms');
    expect(request.Body).toContain('Silk twill scarf 90 - EUR 450.00');
    expect(request.Body).toContain(card.url);
    // Every character is GSM-7 (an em dash would switch the SMS to UCS-2) and it fits two segments.
    expect(request.Body).toMatch(/^[A-Za-z0-9 \n@£$¥èéùìòÇØøÅå_^{}\\[~\]|€ÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà]*$/);
    expect(request.Body.length).toBeLessThanOrEqual(306);
    // MMS is US/Canada only and billed higher: SMS inboxes send cards as text (capability cardsAsText).
    expect(request.MediaUrl).toBeUndefined();
  });

  it('the short link in the SMS redirects to the product page and counts', async () => {
    const [link] = await w.hub.query<{ code: string; clicks: string }>('SELECT code, clicks FROM short_link WHERE product_id = $1', [productId]);
    const res = await w.hub.http().get(`/s/${link!.code}`).expect(302);
    expect(res.headers.location).toBe('https://shop.maison-demo.example/p/scarf-90');
    const [after] = await w.hub.query<{ clicks: string }>('SELECT clicks FROM short_link WHERE code = $1', [link!.code]);
    expect(Number(after!.clicks)).toBe(Number(link!.clicks) + 1);
  });
});
