export * from './webchat.adapter.js';
export * from './webchat-identity.js';
