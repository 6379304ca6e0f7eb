export * from './message-content.js';
export * from './views.js';
export * from './realtime-events.js';
export * from './realtime-publisher.js';
export * from './render-template.js';
export * from './call-events.js';
