/**
 * whatsapp-web.js is CommonJS: under native ESM only its default export (module.exports) is reliable —
 * Node's and jest's CJS named-export detection do not see its re-exports. Every file here takes the
 * library's classes from this one place.
 */
import pkg from 'whatsapp-web.js';

export const { Client, LocalAuth, MessageMedia, Location } = pkg;
export type WwebjsClientOptions = ConstructorParameters<typeof pkg.Client>[0];
