import { describe, expect, it } from '@jest/globals';
import { envelope, parseToApp, parseToLoader, toAttributes, toUser } from './protocol.js';

describe('widget postMessage protocol', () => {
  it('accepts only well-formed loader → app messages', () => {
    const init = envelope({ type: 'init' as const, payload: { user: { identifier: 'ana@example.com', identifierHash: 'ab' }, attributes: { plan: 'vip' }, open: true, reset: false } });
    expect(parseToApp(init)).toEqual({ type: 'init', payload: { user: { identifier: 'ana@example.com', identifierHash: 'ab' }, attributes: { plan: 'vip' }, open: true, reset: false } });
    expect(parseToApp({ ...init, c: 'other' })).toBeNull();
    expect(parseToApp({ ...init, v: 2 })).toBeNull();
    expect(parseToApp(envelope({ type: 'init', payload: { user: { identifier: 42 }, attributes: null, open: true, reset: false } }))).toBeNull();
    expect(parseToApp(envelope({ type: 'visibility', payload: { open: 'yes' } }))).toBeNull();
    expect(parseToApp(envelope({ type: 'eval', payload: 'alert(1)' }))).toBeNull();
    expect(parseToApp('{"c":"concierge"}')).toBeNull();
    expect(parseToApp(envelope({ type: 'user', payload: null }))).toEqual({ type: 'user', payload: null });
  });

  it('accepts only well-formed app → loader messages', () => {
    expect(parseToLoader(envelope({ type: 'ready' }))).toEqual({ type: 'ready' });
    expect(parseToLoader(envelope({ type: 'unread', payload: { count: -1 } }))).toBeNull();
    expect(parseToLoader(envelope({ type: 'message', payload: { id: 'm', conversationId: 'c', sender: { type: 'agent', name: 'Mei' }, createdAt: 'now', content: {} } }))?.type).toBe('message');
    expect(parseToLoader(envelope({ type: 'message', payload: { id: 1 } }))).toBeNull();
  });

  it('validates SDK arguments', () => {
    expect(toUser({ identifier: 'x'.repeat(201) })).toBeNull();
    expect(toUser({ identifier: 'cust-1', name: 'Ana', extra: 'dropped' })).toEqual({ identifier: 'cust-1', name: 'Ana' });
    expect(toAttributes({ 'bad key': 1 })).toBeNull();
    expect(toAttributes({ nested: { a: 1 } })).toBeNull();
    expect(toAttributes({ a: 'x', b: 2, c: true, d: null })).toEqual({ a: 'x', b: 2, c: true, d: null });
  });
});
