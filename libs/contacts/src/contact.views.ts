import type { ContactSummary } from '@concierge/contracts';
import type { AddressKind, ContactAttributes, MergeReason } from './contact-fields.js';
import type { ContactChannelEntity, ContactEntity, ContactMergeEntity } from './contact.entity.js';

export interface ContactChannelView {
  id: string;
  inboxId: string;
  address: string;
  kind: AddressKind;
}

export interface ContactView extends ContactSummary {
  attributes: ContactAttributes;
  channels: ContactChannelView[];
  createdAt: string;
}

export interface ContactMergeView {
  id: string;
  survivorContactId: string;
  /** Null when a new channel was attached to an existing contact because of its phone number. */
  mergedContactId: string | null;
  channelIds: string[];
  reason: MergeReason;
  createdAt: string;
  /** The agent who merged; null for automatic merges. */
  createdBy: string | null;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface UndoMergeResult {
  merge: ContactMergeView;
  survivor: ContactView;
  /** The contact brought back: the merged contact, or a new one for a detached same-phone channel. */
  restored: ContactView;
}

export function toSummary(c: ContactEntity): ContactSummary {
  return { id: c.id, name: c.name, email: c.email, phone: c.phone };
}

export function toContactView(c: ContactEntity, channels: ContactChannelEntity[]): ContactView {
  return {
    ...toSummary(c),
    attributes: c.attributes,
    channels: channels
      .filter((ch) => ch.contactId === c.id)
      .map((ch) => ({ id: ch.id, inboxId: ch.inboxId, address: displayAddress(ch.address), kind: ch.kind })),
    createdAt: c.createdAt.toISOString(),
  };
}

export function toMergeView(m: ContactMergeEntity): ContactMergeView {
  return {
    id: m.id,
    survivorContactId: m.survivorContactId,
    mergedContactId: m.mergedContactId,
    channelIds: m.channelIds,
    reason: m.reason,
    createdAt: m.createdAt.toISOString(),
    createdBy: m.createdBy,
    undoneAt: m.undoneAt?.toISOString() ?? null,
    undoneBy: m.undoneBy,
  };
}

/** Web-chat addresses are derived from secrets; agents see only that it is a web visitor. */
export function displayAddress(address: string): string {
  return address.startsWith('visitor:') ? 'web visitor' : address.startsWith('user:') ? address.slice(5) : address;
}
