import { describe, expect, it } from '@jest/globals';
import type { ChannelCapabilities } from './channel-adapter.js';
import { degrade } from './degrade.js';

const sms: ChannelCapabilities = { contentTypes: ['text'], maxTextLength: 1600, customerWindowHours: null, keywordOptOut: true, addressKind: 'phone' };
const waWeb: ChannelCapabilities = { ...sms, contentTypes: ['text', 'media', 'location'], keywordOptOut: false };
const card = { type: 'product_card' as const, productId: 'p1', title: 'Silk scarf', price: { amount: '390.00', currency: 'EUR' }, imageUrl: 'https://cdn.test/s.jpg', url: 'https://hub.test/s/abc' };

describe('degrade', () => {
  it('keeps content the channel renders', () => {
    expect(degrade({ type: 'text', text: 'hi' }, sms)).toEqual({ type: 'text', text: 'hi' });
  });

  it('turns buttons and lists into a numbered text menu', () => {
    expect(degrade({ type: 'buttons', text: 'Pick one', buttons: [{ id: 'a', title: 'Red' }, { id: 'b', title: 'Blue' }] }, sms)).toEqual({ type: 'text', text: 'Pick one\n1. Red\n2. Blue' });
    const list = degrade({ type: 'list', text: 'Sizes', buttonText: 'Choose', sections: [{ rows: [{ id: 's', title: 'S' }] }, { rows: [{ id: 'm', title: 'M' }] }] }, sms);
    expect(list).toEqual({ type: 'text', text: 'Sizes\n1. S\n2. M' });
  });

  it('renders a product card as image + caption + link where images render, text + link on SMS', () => {
    expect(degrade(card, waWeb)).toEqual({ type: 'media', mediaType: 'image', url: 'https://cdn.test/s.jpg', caption: 'Silk scarf - EUR 390.00\nhttps://hub.test/s/abc' });
    expect(degrade(card, sms)).toEqual({ type: 'text', text: 'Silk scarf - EUR 390.00\nhttps://hub.test/s/abc' });
  });

  it('sends SMS product cards as GSM-7 text + link even though MMS could carry the image', () => {
    const mmsCapable: ChannelCapabilities = { ...sms, contentTypes: ['text', 'media'], cardsAsText: true };
    expect(degrade(card, mmsCapable)).toEqual({ type: 'text', text: 'Silk scarf - EUR 390.00\nhttps://hub.test/s/abc' });
  });

  it('turns a video invite into a link and never exceeds the channel length', () => {
    expect(degrade({ type: 'video_call_invite', callId: 'c', url: 'https://x.test/call/1', expiresAt: '2026-01-01T00:00:00Z' }, sms)).toEqual({ type: 'text', text: 'Join the video call: https://x.test/call/1' });
    const long = degrade({ type: 'buttons', text: 'x'.repeat(2000), buttons: [] }, sms);
    expect(long.type === 'text' && long.text.length).toBe(1600);
  });

  it('renders an order summary as one short customer line on text-only channels', () => {
    const order = { type: 'order_summary' as const, orderId: 'o1', orderNumber: '1001', status: 'shipped' as const, statusLabel: 'Shipped', itemsSummary: '1 x Silk scarf', total: { amount: '129.00', currency: 'EUR' }, trackingUrl: 'https://t.test/6A1' };
    expect(degrade(order, sms)).toEqual({ type: 'text', text: 'Order #1001: Shipped - 1 x Silk scarf, EUR 129.00. Track: https://t.test/6A1' });
    expect(degrade({ type: 'order_summary', orderId: 'o2' }, sms)).toEqual({ type: 'text', text: 'Order #o2' });
  });
});
