export * from './app-error.js';
export * from './clock.js';
export * from './ids.js';
export * from './cursor.js';
export * from './secret-box.js';
export * from './phone.js';
export * from './storable.js';
export * from './collections.js';
