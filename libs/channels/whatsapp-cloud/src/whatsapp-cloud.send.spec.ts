import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ChannelError, type OutboundRequest } from '@concierge/channels-core';
import type { MessageContent } from '@concierge/contracts';
import { SENT_OK, startFakeGraph, type FakeGraph } from './__fixtures__/fake-graph-server.js';
import { WhatsappCloudAdapter } from './whatsapp-cloud.adapter.js';

const adapter = new WhatsappCloudAdapter();
let graph: FakeGraph;

beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
  graph.reply(SENT_OK);
});

function request(content: MessageContent, config: Record<string, unknown> = {}, address = '+16505551234'): OutboundRequest {
  return {
    accountId: 'acc-1',
    inboxId: 'inbox-1',
    config: { type: 'whatsapp_cloud', phoneNumberId: '106540352242922', apiBaseUrl: graph.baseUrl, ...config },
    credentials: { accessToken: 'EAAJtoken', appSecret: 'secret', verifyToken: 'verify' },
    recipient: { contactChannelId: 'cc-1', address },
    message: {
      id: 'm-1',
      conversationId: 'c-1',
      direction: 'out',
      sender: { type: 'agent', name: 'Mei' },
      content,
      status: 'queued',
      clientMessageId: null,
      createdAt: '2026-11-28T10:00:00.000Z',
    },
    statusCallbackUrl: null,
  };
}

/** Sends and returns what reached the fake Graph API after the common envelope was checked. */
async function sent(content: MessageContent, config?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await adapter.send(request(content, config));
  expect(result).toEqual({ sourceId: 'wamid.OUT1', status: 'sent' });
  expect(graph.requests).toHaveLength(1);
  const [req] = graph.requests;
  expect([req!.method, req!.path, req!.headers.authorization, req!.headers['content-type']]).toEqual([
    'POST',
    '/v26.0/106540352242922/messages',
    'Bearer EAAJtoken',
    'application/json',
  ]);
  const { messaging_product, recipient_type, to, ...rest } = JSON.parse(req!.body) as Record<string, unknown>;
  expect({ messaging_product, recipient_type, to }).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234' });
  return rest;
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i + 1}`, title: `Row ${i + 1}` }));

describe('WhatsappCloudAdapter.send payloads', () => {
  it('sends text, with a link preview only when it holds a URL', async () => {
    expect(await sent({ type: 'text', text: 'Hello Sheena' })).toEqual({ type: 'text', text: { body: 'Hello Sheena', preview_url: false } });
    graph.requests.length = 0;
    expect(await sent({ type: 'text', text: 'Track it: https://shop.test/t/1' })).toEqual({ type: 'text', text: { body: 'Track it: https://shop.test/t/1', preview_url: true } });
  });

  it('sends media by link with caption and file name where Meta accepts them', async () => {
    const base = { type: 'media' as const, url: 'https://cdn.test/f', caption: 'Your invoice', filename: 'invoice.pdf' };
    const cases: [MessageContent, Record<string, unknown>][] = [
      [{ ...base, mediaType: 'image' }, { type: 'image', image: { link: 'https://cdn.test/f', caption: 'Your invoice' } }],
      [{ ...base, mediaType: 'video' }, { type: 'video', video: { link: 'https://cdn.test/f', caption: 'Your invoice' } }],
      [{ ...base, mediaType: 'document' }, { type: 'document', document: { link: 'https://cdn.test/f', caption: 'Your invoice', filename: 'invoice.pdf' } }],
      [{ ...base, mediaType: 'audio' }, { type: 'audio', audio: { link: 'https://cdn.test/f' } }],
      [{ ...base, mediaType: 'sticker' }, { type: 'sticker', sticker: { link: 'https://cdn.test/f' } }],
    ];
    for (const [content, expected] of cases) {
      graph.requests.length = 0;
      expect(await sent(content)).toEqual(expected);
    }
  });

  it('sends a location', async () => {
    expect(await sent({ type: 'location', latitude: 48.8584, longitude: 2.2945, name: 'Store', address: 'Champ de Mars' })).toEqual({
      type: 'location',
      location: { latitude: 48.8584, longitude: 2.2945, name: 'Store', address: 'Champ de Mars' },
    });
  });

  it('sends up to 3 short buttons as reply buttons', async () => {
    const content: MessageContent = { type: 'buttons', text: 'Which size?', buttons: [{ id: 's', title: 'Small' }, { id: 'm', title: 'Medium' }] };
    expect(await sent(content)).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Which size?' },
        action: { buttons: [{ type: 'reply', reply: { id: 's', title: 'Small' } }, { type: 'reply', reply: { id: 'm', title: 'Medium' } }] },
      },
    });
  });

  it('falls back from 4 buttons (or a title over 20 chars) to a list, and beyond 10 to numbered text', async () => {
    expect(await sent({ type: 'buttons', text: 'Pick a colour', buttons: rows(4) })).toEqual({
      type: 'interactive',
      interactive: { type: 'list', body: { text: 'Pick a colour' }, action: { button: 'Options', sections: [{ rows: rows(4) }] } },
    });
    graph.requests.length = 0;
    const long = { id: 'x', title: 'Extra-long delivery window option' };
    expect(await sent({ type: 'buttons', text: 'When?', buttons: [long] })).toEqual({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'When?' },
        action: { button: 'Options', sections: [{ rows: [{ id: 'x', title: 'Extra-long delivery win…', description: 'Extra-long delivery window option' }] }] },
      },
    });
    graph.requests.length = 0;
    const text = (await sent({ type: 'buttons', text: 'Pick', buttons: rows(11) })) as { text: { body: string } };
    expect(text.text.body).toBe(['Pick', ...rows(11).map((r, i) => `${i + 1}. ${r.title}`)].join('\n'));
  });

  it('sends a list with clipped titles, and numbered text beyond 10 rows', async () => {
    const content: MessageContent = {
      type: 'list',
      text: 'Choose a delivery slot',
      buttonText: 'See delivery slots now',
      header: 'Delivery',
      footer: 'Times are local',
      sections: [
        { title: 'Tomorrow', rows: [{ id: 't-am', title: 'Morning', description: 'd'.repeat(80) }] },
        { rows: [{ id: 'later', title: 'Sometime later this month please' }] },
      ],
    };
    expect(await sent(content)).toEqual({
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Delivery' },
        body: { text: 'Choose a delivery slot' },
        footer: { text: 'Times are local' },
        action: {
          button: 'See delivery slots …',
          sections: [
            { title: 'Tomorrow', rows: [{ id: 't-am', title: 'Morning', description: `${'d'.repeat(71)}…` }] },
            { title: 'Options 2', rows: [{ id: 'later', title: 'Sometime later this mon…', description: 'Sometime later this month please' }] },
          ],
        },
      },
    });
    graph.requests.length = 0;
    const body = (await sent({ type: 'list', text: 'Sizes', buttonText: 'Pick', sections: [{ rows: rows(12) }] })) as { type: string };
    expect(body.type).toBe('text');
  });

  it('sends a link button as cta_url with an image header', async () => {
    expect(await sent({ type: 'link_button', text: 'Your cart is waiting', buttonText: 'Open cart', url: 'https://shop.test/cart', imageUrl: 'https://cdn.test/c.jpg', footer: 'Free returns' })).toEqual({
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'image', image: { link: 'https://cdn.test/c.jpg' } },
        body: { text: 'Your cart is waiting' },
        footer: { text: 'Free returns' },
        action: { name: 'cta_url', parameters: { display_text: 'Open cart', url: 'https://shop.test/cart' } },
      },
    });
  });

  const card = {
    type: 'product_card' as const,
    productId: 'p-1',
    title: 'Silk scarf',
    description: 'Hand-rolled edges',
    price: { amount: '39.00', currency: 'EUR' },
    imageUrl: 'https://cdn.test/scarf.jpg',
    url: 'https://shop.test/p/scarf',
    retailerId: 'scarf-silk-blue',
  };

  it('sends a product card from the catalog, else as cta_url, image + caption or text', async () => {
    expect(await sent(card, { catalogId: '194836987003835' })).toEqual({
      type: 'interactive',
      interactive: { type: 'product', action: { catalog_id: '194836987003835', product_retailer_id: 'scarf-silk-blue' } },
    });
    graph.requests.length = 0;
    expect(await sent(card)).toEqual({
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'image', image: { link: 'https://cdn.test/scarf.jpg' } },
        body: { text: 'Silk scarf — EUR 39.00\nHand-rolled edges' },
        action: { name: 'cta_url', parameters: { display_text: 'View product', url: 'https://shop.test/p/scarf' } },
      },
    });
    graph.requests.length = 0;
    const { url: _url, ...noUrl } = card;
    expect(await sent(noUrl)).toEqual({ type: 'image', image: { link: 'https://cdn.test/scarf.jpg', caption: 'Silk scarf - EUR 39.00\nHand-rolled edges' } });
    graph.requests.length = 0;
    const { imageUrl: _img, ...bare } = noUrl;
    expect(await sent(bare)).toEqual({ type: 'text', text: { body: 'Silk scarf - EUR 39.00\nHand-rolled edges', preview_url: false } });
  });

  it('sends a product list from the catalog, else text', async () => {
    const content: MessageContent = {
      type: 'product_list',
      header: 'Autumn scarves',
      text: 'Our favourites this week',
      products: [card, { ...card, productId: 'p-2', retailerId: 'scarf-wool-red', title: 'Wool scarf' }],
    };
    expect(await sent(content, { catalogId: '194836987003835' })).toEqual({
      type: 'interactive',
      interactive: {
        type: 'product_list',
        header: { type: 'text', text: 'Autumn scarves' },
        body: { text: 'Our favourites this week' },
        action: {
          catalog_id: '194836987003835',
          sections: [{ title: 'Autumn scarves', product_items: [{ product_retailer_id: 'scarf-silk-blue' }, { product_retailer_id: 'scarf-wool-red' }] }],
        },
      },
    });
    graph.requests.length = 0;
    expect(((await sent(content)) as { type: string }).type).toBe('text');
  });

  it('sends templates with positional parameters in order, or named ones', async () => {
    expect(await sent({ type: 'template', name: 'order_update', language: 'en_US', variables: { '2': '#1001', '1': 'Sheena', '10': 'Friday' } })).toEqual({
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Sheena' }, { type: 'text', text: '#1001' }, { type: 'text', text: 'Friday' }] }],
      },
    });
    graph.requests.length = 0;
    expect(await sent({ type: 'template', name: 'welcome', language: 'pt_BR', variables: { first_name: 'João' } })).toEqual({
      type: 'template',
      template: { name: 'welcome', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'João' }] }] },
    });
    graph.requests.length = 0;
    expect(await sent({ type: 'template', name: 'hello_world', language: 'en_US' })).toEqual({ type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
  });

  it('refuses unsupported content, mixed template variables and a bad recipient without calling Meta', async () => {
    expect((await failure(adapter.send(request({ type: 'order_summary', orderId: 'o-1' })))).code).toBe('UNSUPPORTED_CONTENT');
    expect((await failure(adapter.send(request({ type: 'template', name: 't', language: 'en', variables: { '1': 'a', name: 'b' } })))).code).toBe('UNSUPPORTED_CONTENT');
    expect((await failure(adapter.send(request({ type: 'text', text: 'hi' }, {}, 'not-a-phone')))).code).toBe('INVALID_RECIPIENT');
    expect(graph.requests).toHaveLength(0);
  });
});

describe('WhatsappCloudAdapter.markRead', () => {
  it('marks read, with the typing indicator when asked', async () => {
    graph.reply(() => ({ body: { success: true } }));
    await adapter.markRead(request({ type: 'text', text: '' }), 'wamid.IN1', { typing: true });
    await adapter.markRead(request({ type: 'text', text: '' }), 'wamid.IN2', { typing: false });
    expect(graph.requests.map((r) => [r.path, JSON.parse(r.body)])).toEqual([
      ['/v26.0/106540352242922/messages', { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1', typing_indicator: { type: 'text' } }],
      ['/v26.0/106540352242922/messages', { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN2' }],
    ]);
  });
});
