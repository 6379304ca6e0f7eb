export { ContactsModule } from './contacts.module.js';
export { ContactsService, type ContactProfile, type ContactView, type ResolvedChannel } from './contacts.service.js';
