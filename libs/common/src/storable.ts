const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What PostgreSQL text and jsonb can hold: no U+0000 (dropped) and no lone UTF-16 surrogate (replaced
 * by U+FFFD), in every string of a JSON-like value, keys included. Customer input carrying either made
 * the insert fail, then the quarantine of the same item fail: the message was lost (found by fuzzing).
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\ufffd') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  }
  return value;
}
