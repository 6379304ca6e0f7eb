import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { WebhookRejection, type ChannelContext, type InboundItem, type WebhookRequest } from '@concierge/channels-core';
import { fixtureBytes } from './__fixtures__/load-fixture.js';
import { WhatsappCloudWebhooks } from './whatsapp-cloud.webhooks.js';

const APP_SECRET = '6f1c2b9a0e7d4c3b8a5f2e1d0c9b8a7f';
const ctx: ChannelContext = {
  accountId: 'acc-1',
  inboxId: 'inbox-1',
  config: { type: 'whatsapp_cloud', phoneNumberId: '106540352242922' },
  credentials: { accessToken: 'EAAtoken', appSecret: APP_SECRET, verifyToken: 'meatball-sandwich-42' },
};
const webhooks = new WhatsappCloudWebhooks();

function post(rawBody: Buffer, headers: WebhookRequest['headers'] = {}): WebhookRequest {
  return { route: 'events', method: 'POST', publicUrl: 'https://hub.test/webhooks/whatsapp/inbox-1', query: {}, headers, rawBody };
}
function get(query: Record<string, unknown>): WebhookRequest {
  return { route: 'events', method: 'GET', publicUrl: 'https://hub.test/webhooks/whatsapp/inbox-1', query, headers: {}, rawBody: Buffer.alloc(0) };
}
/** Computed here with node:crypto, independently of the adapter. */
const sign = (body: Buffer, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const parse = (name: string) => webhooks.parse(post(fixtureBytes(name)), ctx);
const rejection = (fn: () => unknown): WebhookRejection => {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookRejection) return error;
    throw error;
  }
  throw new Error('expected a WebhookRejection');
};
const at = (seconds: number) => new Date(seconds * 1000);
const sheena = { phone: '+16505551234', name: 'Sheena Nelson' };

describe('WhatsApp Cloud webhook handshake', () => {
  it('echoes exactly hub.challenge for the inbox verify token', () => {
    const reply = webhooks.handshake(get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'meatball-sandwich-42', 'hub.challenge': '1158201444' }), ctx);
    expect(reply).toEqual({ status: 200, contentType: 'text/plain', body: '1158201444' });
    const nested = webhooks.handshake(get({ hub: { mode: 'subscribe', verify_token: 'meatball-sandwich-42', challenge: 'abc' } }), ctx);
    expect(nested?.body).toBe('abc');
  });

  it('answers 403 to a wrong token, a wrong mode or a missing token', () => {
    for (const query of [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'meatball-sandwich-43', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'meatball-sandwich-42', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
    ]) {
      expect(webhooks.handshake(get(query), ctx)?.status).toBe(403);
    }
    const noToken = { ...ctx, credentials: { appSecret: APP_SECRET } };
    expect(webhooks.handshake(get({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }), noToken)?.status).toBe(403);
  });

  it('acknowledges events with EVENT_RECEIVED', () => {
    expect(webhooks.acknowledge('events')).toEqual({ status: 200, contentType: 'text/plain', body: 'EVENT_RECEIVED' });
    expect(webhooks.provider).toBe('whatsapp');
    expect(webhooks.routes).toEqual(['events']);
  });
});

describe('WhatsApp Cloud webhook signature', () => {
  const body = fixtureBytes('text');

  it('accepts the HMAC-SHA256 of the raw body keyed with the app secret', () => {
    expect(() => webhooks.verify(post(body, { 'x-hub-signature-256': sign(body) }), ctx)).not.toThrow();
    expect(() => webhooks.verify(post(body, { 'X-Hub-Signature-256': [sign(body)] }), ctx)).not.toThrow();
  });

  it('refuses a tampered body, a wrong secret, a missing or malformed header', () => {
    const tampered = Buffer.from(body.toString('utf8').replace('another color', 'another colour'));
    for (const request of [
      post(tampered, { 'x-hub-signature-256': sign(body) }),
      post(body, { 'x-hub-signature-256': sign(body, 'not-the-app-secret') }),
      post(body, {}),
      post(body, { 'x-hub-signature-256': sign(body).replace('sha256=', 'sha1=') }),
      post(body, { 'x-hub-signature-256': 'sha256=zz' }),
    ]) {
      const error = rejection(() => webhooks.verify(request, ctx));
      expect([error.status, error.code]).toEqual([401, 'INVALID_SIGNATURE']);
    }
  });
});

describe('WhatsApp Cloud webhook parsing', () => {
  it('parses a text message with the profile name', () => {
    expect(parse('text')).toEqual([
      {
        kind: 'message',
        sourceId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        address: '+16505551234',
        profile: sheena,
        content: { type: 'text', text: 'Does it come in another color?' },
        occurredAt: at(1749416383),
      },
    ]);
  });

  it('turns media into a media content plus a MediaRef holding the media id', () => {
    expect(parse('image-with-caption')).toEqual([
      {
        kind: 'message',
        sourceId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ3NzQzMUJBNkQxRUQ3QUM1NjcA',
        address: '+16505551234',
        profile: sheena,
        content: { type: 'media', mediaType: 'image', url: '', caption: 'This one, but in blue', mimeType: 'image/jpeg' },
        media: { mediaType: 'image', ref: '1003383421387256', caption: 'This one, but in blue', mimeType: 'image/jpeg' },
        occurredAt: at(1744344496),
      },
    ]);
    const [doc] = parse('document') as [InboundItem];
    expect(doc).toMatchObject({
      content: { type: 'media', mediaType: 'document', url: '', filename: 'lucky-shrub-invoice.pdf', caption: 'My invoice' },
      media: { mediaType: 'document', ref: '1376223850470843', filename: 'lucky-shrub-invoice.pdf', mimeType: 'application/pdf' },
    });
    const [voice] = parse('audio-voice') as [InboundItem];
    expect(voice).toMatchObject({ content: { type: 'media', mediaType: 'audio', url: '' }, media: { mediaType: 'audio', ref: '1006234567890123', mimeType: 'audio/ogg; codecs=opus' } });
    const [sticker] = parse('sticker') as [InboundItem];
    expect(sticker).toMatchObject({ content: { type: 'media', mediaType: 'sticker' }, media: { mediaType: 'sticker', ref: '1228859098834157', mimeType: 'image/webp' } });
  });

  it('parses a shared location', () => {
    expect(parse('location')[0]).toMatchObject({
      content: { type: 'location', latitude: 40.782910059774, longitude: -73.959075808525, name: 'Solomon R. Guggenheim Museum', address: '1071 5th Ave, New York, NY 10128' },
      occurredAt: at(1744344871),
    });
  });

  it('turns button replies, list replies and template quick replies into interactive_reply', () => {
    expect(parse('interactive-button-reply')[0]).toMatchObject({ content: { type: 'interactive_reply', id: 'size_m', title: 'Medium' } });
    expect(parse('interactive-list-reply')[0]).toMatchObject({
      content: { type: 'interactive_reply', id: 'ship_express', title: 'Express shipping', description: 'Next business day, 9.90 USD' },
    });
    expect(parse('template-quick-reply-button')[0]).toMatchObject({ content: { type: 'interactive_reply', id: 'TRACK_ORDER_1001', title: 'Track my order' } });
  });

  it('turns a catalog order into a cart', () => {
    expect(parse('order')[0]).toMatchObject({
      sourceId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBRBRjM2NjJFMkQ3MEY2MkI0RDgA',
      content: {
        type: 'cart',
        catalogId: '194836987003835',
        text: 'Please gift-wrap the scarf',
        items: [
          { retailerId: 'scarf-silk-blue', quantity: 2, price: { amount: '39', currency: 'EUR' } },
          { retailerId: 'gift-box', quantity: 1, price: { amount: '4.5', currency: 'EUR' } },
        ],
      },
    });
  });

  it('keeps reactions and unsupported messages as descriptive text instead of dropping them', () => {
    expect(parse('reaction')[0]).toMatchObject({ kind: 'message', content: { type: 'text', text: '[reaction 👍]' } });
    expect(parse('unsupported')[0]).toMatchObject({ kind: 'message', address: '+16505551234', content: { type: 'text', text: '[unsupported message]' } });
  });

  it('parses statuses sent, delivered, read and failed with the mapped error', () => {
    const wamid = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA';
    expect(parse('status-sent')).toEqual([{ kind: 'status', sourceId: wamid, status: 'sent', occurredAt: at(1750263773) }]);
    expect(parse('status-delivered')).toEqual([{ kind: 'status', sourceId: wamid, status: 'delivered', occurredAt: at(1750263775) }]);
    expect(parse('status-read')).toEqual([{ kind: 'status', sourceId: wamid, status: 'read', occurredAt: at(1750263812) }]);
    expect(parse('status-failed')).toEqual([
      {
        kind: 'status',
        sourceId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI4RDQ1QjM3NTAxNTNFQUI2MzQA',
        status: 'failed',
        occurredAt: at(1750265011),
        error: {
          code: 'OUTSIDE_CUSTOMER_WINDOW',
          providerCode: '131047',
          message: 'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      },
    ]);
  });

  it('returns the rest of a mixed batch around a poison item and skips other numbers and fields', () => {
    const items = parse('batch-mixed');
    expect(items.map((i) => (i.kind === 'quarantine' ? `quarantine:${i.reason}` : `${i.kind}:${i.sourceId}`))).toEqual([
      'message:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBRFMDAwMDAwMDAwMDAwMDAwMDEA',
      'quarantine:message without a sender (from)',
      'message:wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFEUwMDAwMDAwMDAwMDAwMDAwMDMA',
      'status:wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJFMDAwMDAwMDAwMDAwMDAwMTEA',
      'status:wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJFMDAwMDAwMDAwMDAwMDAwMTEA',
      'message:wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFEUwMDAwMDAwMDAwMDAwMDAwMDUA',
      'status:wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEkUwMDAwMDAwMDAwMDAwMDAxMwA=',
    ]);
    expect(items[1]).toMatchObject({ raw: { id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBRFMDAwMDAwMDAwMDAwMDAwMDIA' } });
    expect(items[2]).toMatchObject({ address: '+5511987654321', profile: { name: 'João Silva' }, media: { ref: '1180254960317893' } });
    expect(items[5]).toMatchObject({ address: '+5511987654321', content: { type: 'interactive_reply', id: 'yes', title: 'Yes, send it' } });
    expect(items[6]).toMatchObject({ status: 'failed', error: { code: 'RATE_LIMITED', providerCode: '130429' } });
  });

  it('skips a change for another phone_number_id without an error', () => {
    expect(parse('other-phone-number')).toEqual([]);
  });

  it('quarantines malformed messages and statuses one by one', () => {
    const value = (extra: object) =>
      Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '106540352242922' }, ...extra } }] }] }));
    const items = webhooks.parse(
      post(
        value({
          messages: [
            { from: 'not-a-number', id: 'wamid.A', type: 'text', text: { body: 'x' } },
            { from_user_id: 'US.13491208655302741918', id: 'wamid.B', type: 'text', text: { body: 'x' } },
            { from: '16505551234', id: 'wamid.C', type: 'image', image: { mime_type: 'image/jpeg' } },
            { from: '16505551234', id: 'wamid.D', type: 'text', text: 'should be an object' },
            'garbage',
            { from: '16505551234', id: 'wamid.E', timestamp: '1749416383', type: 'unsupported', unsupported: { type: 'edit' } },
            { from: '16505551234', group_id: 'GROUP_ID', id: 'wamid.H', type: 'text', text: { body: 'hi all' } },
          ],
          statuses: [{ id: 'wamid.F', status: 'teleported' }, { status: 'sent' }, { id: 'wamid.G', status: 'played', timestamp: 'soon' }],
        }),
      ),
      ctx,
    );
    expect(items.map((i) => (i.kind === 'quarantine' ? i.reason : i.kind))).toEqual([
      'sender not-a-number is not a valid phone number',
      'message from a username-only user (BSUID without phone number)',
      'image message without a media id',
      'text message without text.body',
      'message is not an object',
      'message',
      'group message (groups are not supported)',
      'unknown status teleported',
      'status without a message id',
      'status',
    ]);
    expect(items[5]).toMatchObject({ content: { type: 'text', text: '[unsupported message: edit]' } });
    // A played voice note was read; an unreadable timestamp is dropped, not fatal.
    expect(items[9]).toEqual({ kind: 'status', sourceId: 'wamid.G', status: 'read' });
  });

  it('rejects with 400 only a body that is not a WhatsApp webhook at all', () => {
    for (const raw of ['not json', JSON.stringify({ object: 'page', entry: [] }), JSON.stringify({ object: 'whatsapp_business_account' })]) {
      const error = rejection(() => webhooks.parse(post(Buffer.from(raw)), ctx));
      expect([error.status, error.code]).toEqual([400, 'INVALID_PAYLOAD']);
    }
  });
});
