import { describe, expect, it } from '@jest/globals';
import { checkCode, hashCode, MAX_ATTEMPTS, newCode } from './order-codes.js';
import { ownsOrder, provenIdentities } from './ownership.js';
import { orderSummaryContent, orderSummaryLine } from './order-summary.js';

describe('ownership', () => {
  const who = provenIdentities([
    { kind: 'phone', address: '+15017122661' },
    { kind: 'visitor', address: 'web visitor' },
    { kind: 'visitor', address: 'Amelie.Durand@Example.com' },
  ]);

  it('counts phone channels and verified web identifiers, not anonymous visitors', () => {
    expect(who).toEqual({ phones: ['+15017122661'], emails: ['amelie.durand@example.com'] });
  });

  it('matches the order phone (any format) or email (any case)', () => {
    expect(ownsOrder({ email: null, phone: '+1 501-712-2661' }, who)).toBe(true);
    expect(ownsOrder({ email: 'AMELIE.durand@example.com', phone: null }, who)).toBe(true);
    expect(ownsOrder({ email: 'someone.else@example.com', phone: '+33612345678' }, who)).toBe(false);
    expect(ownsOrder({ email: null, phone: null }, who)).toBe(false);
    expect(ownsOrder({ email: 'amelie.durand@example.com', phone: null }, { phones: [], emails: [] })).toBe(false);
  });
});

describe('one-time codes', () => {
  const secret = 'test-secret';
  const now = new Date('2026-01-10T10:00:00Z');
  const challenge = (patch: Partial<{ attempts: number; expiresAt: Date; verifiedAt: Date | null }> = {}) => ({
    id: 'c1', codeHash: hashCode(secret, 'c1', '042137'), expiresAt: new Date(now.getTime() + 60_000), attempts: 0, verifiedAt: null, ...patch,
  });

  it('six digits, leading zeros kept', () => {
    for (let i = 0; i < 50; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  it('accepts the right code (spaces ignored), refuses a wrong one', () => {
    expect(checkCode(secret, challenge(), '042137', now)).toBe('ok');
    expect(checkCode(secret, challenge(), '042 137', now)).toBe('ok');
    expect(checkCode(secret, challenge(), '042138', now)).toBe('wrong');
    expect(checkCode('other-secret', challenge(), '042137', now)).toBe('wrong');
  });

  it('expires, burns after too many attempts, and is single-use', () => {
    expect(checkCode(secret, challenge({ expiresAt: now }), '042137', now)).toBe('expired');
    expect(checkCode(secret, challenge({ attempts: MAX_ATTEMPTS }), '042137', now)).toBe('too_many_attempts');
    expect(checkCode(secret, challenge({ attempts: MAX_ATTEMPTS - 1 }), '042137', now)).toBe('ok');
    expect(checkCode(secret, challenge({ verifiedAt: now }), '042137', now)).toBe('already_used');
  });

  it('the hash never contains the code and differs per challenge', () => {
    expect(hashCode(secret, 'c1', '042137')).not.toContain('042137');
    expect(hashCode(secret, 'c1', '042137')).not.toBe(hashCode(secret, 'c2', '042137'));
  });
});

describe('order summary for customers', () => {
  const order = {
    number: '1001', providerId: 'o-1', status: 'shipped' as const, email: 'a@example.com', phone: '+15017122661',
    items: [{ title: 'Silk scarf', quantity: 1 }], total: { amount: '129.00', currency: 'EUR' },
    trackingUrl: 'https://track.example/6A1', trackingCarrier: 'Colissimo', createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-07T16:00:00.000Z',
  };

  it('snapshot carries no email or phone', () => {
    const content = orderSummaryContent(order, 'en');
    expect(content).toEqual({
      type: 'order_summary', orderId: 'o-1', orderNumber: '1001', status: 'shipped', statusLabel: 'Shipped', items: [{ title: 'Silk scarf', quantity: 1 }],
      itemsSummary: '1 x Silk scarf', total: { amount: '129.00', currency: 'EUR' }, trackingUrl: 'https://track.example/6A1', updatedAt: '2026-01-07T16:00:00.000Z',
    });
    expect(JSON.stringify(content)).not.toMatch(/a@example|5017122661/);
  });

  it('the bot line repeats no order number and is localised', () => {
    expect(orderSummaryLine(orderSummaryContent(order, 'en'))).toBe('Shipped - 1 x Silk scarf, EUR 129.00. Track: https://track.example/6A1');
    expect(orderSummaryLine(orderSummaryContent({ ...order, items: [...order.items, { title: 'Tote', quantity: 2 }] }, 'zh-CN'))).toBe('已发货 - 共3件, EUR 129.00. Track: https://track.example/6A1');
  });
});
