import { describe, expect, it } from '@jest/globals';
import type { DeliveryStatus } from '@concierge/contracts';
import { strongerStatus } from './delivery-status.js';

const fold = (events: DeliveryStatus[]) => events.reduce<DeliveryStatus>((s, e) => strongerStatus(s, e), 'queued');

describe('strongerStatus', () => {
  it('never regresses whatever the arrival order', () => {
    expect(fold(['read', 'sent', 'delivered'])).toBe('read');
    expect(fold(['delivered', 'sent', 'sent'])).toBe('delivered');
  });

  it('shows failed only when nothing better was reported', () => {
    expect(fold(['failed'])).toBe('failed');
    expect(fold(['delivered', 'failed'])).toBe('delivered');
    expect(fold(['failed', 'delivered'])).toBe('delivered');
    expect(fold(['sent', 'failed'])).toBe('failed');
    expect(fold(['failed', 'sent'])).toBe('failed');
  });
});
