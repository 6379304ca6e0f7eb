import { toE164 } from '@concierge/common';
import type { StoreOrder } from './order.types.js';

/** Identities a contact has proven: phone channels (the provider vouches for the number) and HMAC-verified web users. */
export interface ProvenIdentities {
  phones: string[];
  emails: string[];
}

/** A contact's channel as the contacts lib shows it (`displayAddress`: a verified web user is their identifier). */
export interface ChannelAddress {
  kind: 'phone' | 'visitor';
  address: string;
}

/**
 * Only channel identities count: a contact's `email` / `phone` fields may be self-reported (pre-chat form) or
 * typed by an agent, so they never unlock an order for a customer.
 */
export function provenIdentities(channels: ChannelAddress[]): ProvenIdentities {
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const c of channels) {
    if (c.kind === 'phone') {
      const phone = toE164(c.address);
      if (phone) phones.add(phone);
    } else if (c.address !== 'web visitor') {
      // A verified web user: the identifier the shop signed is an email or a phone number.
      if (c.address.includes('@')) emails.add(c.address.trim().toLowerCase());
      else {
        const phone = toE164(c.address);
        if (phone) phones.add(phone);
      }
    }
  }
  return { phones: [...phones], emails: [...emails] };
}

export function ownsOrder(order: Pick<StoreOrder, 'email' | 'phone'>, who: ProvenIdentities): boolean {
  const email = order.email?.trim().toLowerCase();
  const phone = order.phone ? toE164(order.phone) : null;
  return Boolean((email && who.emails.includes(email)) || (phone && who.phones.includes(phone)));
}
