import { afterAll, describe, expect, it } from '@jest/globals';
import { degrade, supports, type ChannelCapabilities } from '@concierge/channels-core';
import { TwilioAdapter } from '@concierge/channels-twilio';
import { WebchatAdapter } from '@concierge/channels-webchat';
import { WHATSAPP_CLOUD_CAPABILITIES } from '@concierge/channels-whatsapp-cloud';
import { contentPreview, MESSAGE_CONTENT_TYPES, renderTemplate, TEMPLATE_PLACEHOLDERS, type MessageContent, type MessageContentType } from '@concierge/contracts';
import fc from 'fast-check';
import { recordBadInputs } from '../reliability/report.js';

/**
 * Issue 9 part 4: message content rendering on random content of every type, with hostile strings
 * (markup, placeholders, bidi controls, emoji, huge text). `degrade()` for every channel never throws,
 * returns something the channel renders, within its length limit, is stable when applied twice and adds
 * no markup of its own; `contentPreview` never throws; `renderTemplate` fills values literally (a value
 * that looks like a placeholder or markup is never expanded or re-interpreted).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const CHANNELS: Record<string, ChannelCapabilities> = {
  twilio_sms: new TwilioAdapter('twilio_sms').capabilities,
  twilio_whatsapp: new TwilioAdapter('twilio_whatsapp').capabilities,
  whatsapp_cloud: WHATSAPP_CLOUD_CAPABILITIES,
  webchat: new WebchatAdapter({} as never).capabilities,
};
let tried = 0;

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{agent.name}}', '{{ contact.phone }}', '\u202Etxt.exe', '👜💳', 'a&amp;b', 'javascript:alert(1)'),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);
const money = fc.record({ amount: fc.stringMatching(/^\d{1,6}\.\d{2}$/), currency: fc.constantFrom('EUR', 'CNY', 'USD') });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const url = fc.oneof(fc.webUrl(), hostile);
const product = fc.record({ productId: fc.uuid(), title: opt(hostile), description: opt(hostile), price: opt(money), imageUrl: opt(url), url: opt(url) }, { requiredKeys: ['productId'] });
const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const byType: Record<MessageContentType, fc.Arbitrary<MessageContent>> = {
  text: fc.record({ type: fc.constant('text' as const), text: hostile }),
  media: fc.record({ type: fc.constant('media' as const), mediaType: fc.constantFrom('image', 'video', 'audio', 'document', 'sticker' as const), url, caption: opt(hostile), filename: opt(hostile) }).map(strip),
  location: fc.record({ type: fc.constant('location' as const), latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }), name: opt(hostile), address: opt(hostile) }).map(strip),
  buttons: fc.record({ type: fc.constant('buttons' as const), text: hostile, buttons: fc.array(fc.record({ id: fc.string(), title: hostile }), { minLength: 1, maxLength: 3 }) }),
  list: fc.record({ type: fc.constant('list' as const), text: hostile, buttonText: hostile, header: opt(hostile), sections: fc.array(fc.record({ title: opt(hostile), rows: fc.array(fc.record({ id: fc.string(), title: hostile, description: opt(hostile) }).map(strip), { minLength: 1, maxLength: 10 }) }).map(strip), { minLength: 1, maxLength: 3 }) }).map(strip),
  link_button: fc.record({ type: fc.constant('link_button' as const), text: hostile, buttonText: hostile, url, imageUrl: opt(url) }).map(strip),
  interactive_reply: fc.record({ type: fc.constant('interactive_reply' as const), id: fc.string(), title: hostile }),
  template: fc.record({ type: fc.constant('template' as const), name: fc.stringMatching(/^[a-z_]{1,20}$/), language: fc.constant('en'), preview: opt(hostile) }).map(strip),
  product_card: product.map((p) => strip({ type: 'product_card' as const, ...p })),
  product_list: fc.record({ type: fc.constant('product_list' as const), header: hostile, text: hostile, products: fc.array(product.map(strip), { minLength: 1, maxLength: 5 }) }),
  cart: fc.record({ type: fc.constant('cart' as const), items: fc.array(fc.record({ retailerId: fc.string(), quantity: fc.integer({ min: 1, max: 99 }) }), { minLength: 1, maxLength: 4 }) }),
  order_summary: fc.record({ type: fc.constant('order_summary' as const), orderId: fc.string({ minLength: 1 }), orderNumber: opt(hostile), statusLabel: opt(hostile), itemsSummary: opt(hostile), total: opt(money), trackingUrl: opt(url) }).map(strip),
  video_call_invite: fc.record({ type: fc.constant('video_call_invite' as const), callId: fc.uuid(), url, expiresAt: fc.constant('2030-01-01T00:00:00Z') }),
  activity: fc.record({ type: fc.constant('activity' as const), text: hostile, event: fc.string() }),
};
const content = fc.oneof(...MESSAGE_CONTENT_TYPES.map((t) => byType[t]));

/** Every string inside a value, to compare what went in with what came out. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('fuzz: message content rendering', () => {
  afterAll(() => recordBadInputs({ class: 'fuzz: hostile message content rendered (no throw, no markup added)', tried, refused: tried }));

  it('degrade() renders any content for every channel: supported, within limits, stable, no markup added', () => {
    fc.assert(
      fc.property(content, fc.constantFrom(...Object.keys(CHANNELS)), (c, channel) => {
        tried += 1;
        const caps = CHANNELS[channel]!;
        const out = degrade(c, caps);
        expect(supports(caps, out) || out === c).toBe(true);
        if (out !== c) expect(supports(caps, out)).toBe(true);
        // Degraded output fits the channel (native content is length-checked by the send use case, not here).
        if (out !== c && out.type === 'text') expect(out.text.length).toBeLessThanOrEqual(caps.maxTextLength);
        if (out.type === 'media' && out.caption !== undefined && out !== c) expect(out.caption.length).toBeLessThanOrEqual(caps.maxTextLength);
        expect(degrade(out, caps)).toEqual(out);
        // Markup in the output comes only from the input: degrade adds plain text and links, never tags.
        const input = strings(c).join('\n');
        for (const s of strings(out)) if (s.includes('<')) expect(input).toContain('<');
      }),
      { numRuns: RUNS },
    );
  });

  it('contentPreview() never throws and previews text literally', () => {
    fc.assert(
      fc.property(content, (c) => {
        tried += 1;
        const preview = contentPreview(c);
        expect(typeof preview).toBe('string');
        if (c.type === 'text') expect(preview).toBe(c.text);
      }),
      { numRuns: RUNS },
    );
  });

  it('renderTemplate() fills placeholders with values taken literally, never expanding them again', () => {
    const value = fc.option(hostile, { nil: null });
    fc.assert(
      fc.property(fc.array(fc.oneof(hostile, fc.constantFrom(...TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`))), { maxLength: 6 }), value, value, value, value, value, (parts, name, email, phone, agent, inbox) => {
        tried += 1;
        const vars = { contact: { name, email, phone }, agent: { name: agent }, inbox: { name: inbox } };
        const text = parts.join(' ');
        const out = renderTemplate(text, vars);
        // Oracle: replace each placeholder occurrence once, left to right, with an independent table.
        const table: Record<string, string> = {
          'contact.name': name?.trim() ?? '', 'contact.first_name': name?.trim().split(/\s+/)[0] ?? '', 'contact.email': email ?? '',
          'contact.phone': phone ?? '', 'agent.name': agent?.trim() ?? '', 'agent.first_name': agent?.trim().split(/\s+/)[0] ?? '', 'inbox.name': inbox?.trim() ?? '',
        };
        const expected = text.split(/(\{\{\s*[a-z_]+\.[a-z_]+\s*\}\})/).map((piece) => {
          const key = /^\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}$/.exec(piece)?.[1];
          return key !== undefined && key in table ? table[key] : piece;
        }).join('');
        expect(out).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
