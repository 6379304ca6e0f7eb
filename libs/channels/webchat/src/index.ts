export * from './webchat.adapter.js';
export * from './webchat-identity.js';
export * from './webchat-setup.dto.js';
export * from './webchat-widget.js';
