export { ContactsModule } from './contacts.module.js';
export { ContactsService } from './contacts.service.js';
export type { ContactProfile, ResolveChannelInput, ResolvedChannel, VerifiedIdentity } from './contact-identities.js';
export type { ContactChannelView, ContactMergeView, ContactView, UndoMergeResult } from './contact.views.js';
export type { AddressKind, ContactAttributes, MergeReason } from './contact-fields.js';
