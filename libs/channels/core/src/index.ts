export * from './channel-error.js';
export * from './channel-adapter.js';
export * from './channel-registry.js';
export * from './degrade.js';
