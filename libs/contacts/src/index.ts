export { ContactsModule } from './contacts.module.js';
export { ContactsService } from './contacts.service.js';
export { channelKey, type ContactProfile, type ContactSnapshot, type ResolveChannelInput, type ResolvedChannel, type VerifiedIdentity } from './contact-identities.js';
export type { ContactChannelView, ContactMergeView, ContactView, UndoMergeResult } from './contact.views.js';
export type { AddressKind, ContactAttributes, MergeReason } from './contact-fields.js';
export { preferredLocale } from './contact-fields.js';
export { PersonalDataHolder, PersonalDataRegistry, type PersonalDataSubject, type HolderErasure, type ErasureCounts } from './privacy/personal-data.js';
export { ErasureTombstones, type InboundReplayCheck } from './privacy/erasure-tombstones.js';
export type { ContactExport, ErasureResult } from './privacy/contact-privacy.js';
