/**
 * Renders the phone UI's bubbles (apps/sandbox/public, plain browser ES modules) against a minimal DOM
 * stand-in: every payload shape renders, message data only ever lands in text nodes or checked URLs,
 * and tapping a button or list row produces the reply the sandbox turns into a webhook.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publicDir } from './paths.js';

class FakeNode {
  children: FakeNode[] = [];
  attributes: Record<string, string> = {};
  listeners: Record<string, (() => void)[]> = {};
  className = '';
  hidden = false;
  private ownText = '';
  constructor(readonly tag: string) {}
  get textContent(): string {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.ownText = value;
    this.children = [];
  }
  setAttribute(name: string, value: string) {
    this.attributes[name] = value;
    if (name === 'hidden') this.hidden = true;
  }
  addEventListener(type: string, fn: () => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  append(...nodes: FakeNode[]) {
    this.children.push(...nodes);
  }
  set innerHTML(_value: string) {
    throw new Error('innerHTML must not be used');
  }
  click() {
    for (const fn of this.listeners.click ?? []) fn();
  }
  all(predicate: (node: FakeNode) => boolean): FakeNode[] {
    return [...(predicate(this) ? [this] : []), ...this.children.flatMap((c) => c.all(predicate))];
  }
}

type Bubble = (record: unknown, act: { reply: (r: unknown) => void }) => FakeNode;
let brandBubble: Bubble;
let customerBubble: (record: unknown, webhook?: unknown) => FakeNode;

const outbound = (provider: string, request: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'wamid.1',
  provider,
  line: 'l',
  to: '+14155550123',
  kind: 'x',
  request,
  statuses: [],
  createdAt: '2030-01-01T12:00:00.000Z',
  ...extra,
});

describe('phone UI bubbles', () => {
  beforeAll(async () => {
    Object.assign(globalThis, {
      Node: FakeNode,
      document: { createElement: (tag: string) => new FakeNode(tag), createTextNode: (text: string) => Object.assign(new FakeNode('#text'), { textContent: text }) },
    });
    ({ brandBubble, customerBubble } = (await import(pathToFileURL(join(publicDir(), 'bubbles.js')).href)) as { brandBubble: Bubble; customerBubble: typeof customerBubble });
  });

  it('renders Cloud API reply buttons and list rows that answer with the right ids', () => {
    const replies: unknown[] = [];
    const act = { reply: (r: unknown) => replies.push(r) };
    const buttons = brandBubble(outbound('whatsapp_cloud', { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick <b>one</b>' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } } }), act);
    expect(buttons.textContent).toContain('Pick <b>one</b>');
    buttons.all((n) => n.tag === 'button')[0]!.click();
    const list = brandBubble(outbound('whatsapp_cloud', { type: 'interactive', interactive: { type: 'list', body: { text: 'Menu' }, action: { button: 'Options', sections: [{ title: 'Food', rows: [{ id: 'r1', title: 'Pizza', description: 'hot' }] }] } } }), act);
    const [toggle, row] = list.all((n) => n.tag === 'button');
    const panel = list.all((n) => n.className === 'list-panel')[0]!;
    expect(panel.hidden).toBe(true);
    toggle!.click();
    expect(panel.hidden).toBe(false);
    row!.click();
    expect(replies).toEqual([
      { buttonId: 'yes', title: 'Yes', messageId: 'wamid.1' },
      { listRowId: 'r1', title: 'Pizza', description: 'hot', messageId: 'wamid.1' },
    ]);
  });

  it('renders links only for http(s) URLs', () => {
    const act = { reply: () => undefined };
    const good = brandBubble(outbound('whatsapp_cloud', { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Track' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://shop.test/t' } } } }), act);
    expect(good.all((n) => n.tag === 'a')[0]!.attributes).toMatchObject({ href: 'https://shop.test/t', rel: 'noopener noreferrer' });
    const evil = brandBubble(outbound('whatsapp_cloud', { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'x' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'javascript:alert(1)' } } } }), act);
    expect(evil.all((n) => n.tag === 'a')).toHaveLength(0);
    const image = brandBubble(outbound('whatsapp_cloud', { type: 'image', image: { link: 'javascript:alert(1)' } }), act);
    expect(image.all((n) => n.tag === 'img')).toHaveLength(0);
  });

  it('renders every Cloud API and Twilio shape without throwing', () => {
    const act = { reply: () => undefined };
    const cloud = [
      { type: 'text', text: { body: 'hello' } },
      { type: 'image', image: { id: '123', caption: 'cap' } },
      { type: 'document', document: { link: 'https://x.test/a.pdf', filename: 'a.pdf' } },
      { type: 'location', location: { latitude: 1, longitude: 2, name: 'Shop' } },
      { type: 'interactive', interactive: { type: 'product', action: { catalog_id: 'c', product_retailer_id: 'sku-1' } } },
      { type: 'interactive', interactive: { type: 'product_list', header: { type: 'text', text: 'H' }, body: { text: 'B' }, action: { catalog_id: 'c', sections: [{ title: 'S', product_items: [{ product_retailer_id: 'sku-2' }] }] } } },
      { type: 'template', template: { name: 'order_update', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '#1001' }] }, { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'TRACK' }] }] } },
      { type: 'reaction', reaction: { message_id: 'x', emoji: '👍' } },
    ];
    const texts = cloud.map((request) => brandBubble(outbound('whatsapp_cloud', request), act).textContent);
    expect(texts.join('|')).toEqual(expect.stringContaining('sku-2'));
    expect(texts[6]).toContain('order_update');
    expect(texts[6]).toContain('#1001');

    const twilio = brandBubble(outbound('twilio_whatsapp', { Body: 'hi', MediaUrl: ['https://x.test/p.png'] }), act);
    expect(twilio.all((n) => n.tag === 'img')[0]!.attributes.src).toBe('https://x.test/p.png');
    const content = brandBubble(
      outbound('twilio_whatsapp', { ContentSid: 'HX1' }, { content: { sid: 'HX1', types: { 'twilio/list-picker': { body: 'Choose', button: 'Sizes', items: [{ item: 'M', id: 'm' }] }, 'twilio/text': { body: 'fallback' } } } }),
      act,
    );
    expect(content.textContent).toContain('Choose');
    const failed = brandBubble(outbound('whatsapp_cloud', { type: 'text', text: { body: 'late' } }, { statuses: [{ status: 'failed', errorCode: 131047, at: '' }] }), act);
    expect(failed.textContent).toContain('131047');
  });

  it('shows ticks for the customer’s messages: hub ack, brand read, hub failure', () => {
    const record = { id: 'SM1', provider: 'twilio_sms', line: 'l', from: '+1', kind: 'text', text: 'hi', createdAt: '2030-01-01T12:00:00.000Z', webhookId: 'w' };
    expect(customerBubble(record, { delivered: true, pending: false, attempts: [] }).textContent).toContain('✓✓');
    const read = customerBubble({ ...record, readAt: 'x' });
    expect(read.all((n) => n.className === 'ticks read')).toHaveLength(1);
    const failed = customerBubble(record, { delivered: false, pending: false, attempts: [{ statusCode: 500 }] });
    expect(failed.all((n) => n.className === 'ticks error')[0]!.attributes.title).toContain('500');
  });
});
