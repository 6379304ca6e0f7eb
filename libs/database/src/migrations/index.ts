import { InitialSchema1764316800000 } from './1764316800000-initial-schema.js';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [InitialSchema1764316800000];
