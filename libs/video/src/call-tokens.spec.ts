import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@concierge/config';
import { CallTokens } from './call-tokens.js';

const config = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', TOKEN_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'a'.repeat(64), DATA_DIR: '/tmp/concierge-call-tokens', ...env });

describe('CallTokens', () => {
  const tokens = new CallTokens(config());
  const seat = { participantId: randomUUID(), callId: randomUUID(), conversationId: randomUUID() };
  const now = new Date('2026-11-28T10:00:00Z');
  const later = new Date('2026-11-28T11:00:00Z');

  it('round-trips a seat and fits an SMS link comfortably (~55 characters)', () => {
    const token = tokens.sign({ ...seat, expiresAt: later });
    expect(token.length).toBeLessThanOrEqual(60);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]+$/);
    const parsed = tokens.parse(token);
    expect(parsed).toMatchObject({ participantId: seat.participantId, expiresAt: later });
    expect(() => tokens.verify(parsed, seat, now)).not.toThrow();
  });

  it('is bound to its call and its conversation (or session): any other binding is refused', () => {
    const parsed = tokens.parse(tokens.sign({ ...seat, expiresAt: later }));
    for (const other of [{ ...seat, callId: randomUUID() }, { ...seat, conversationId: randomUUID() }, { ...seat, conversationId: null }, null]) {
      expect(() => tokens.verify(parsed, other, now)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
    // A group host's token binds the session (no conversation) and only that.
    const host = { ...seat, conversationId: null };
    const hostToken = tokens.parse(tokens.sign({ ...host, expiresAt: later }));
    expect(() => tokens.verify(hostToken, host, now)).not.toThrow();
    expect(() => tokens.verify(hostToken, seat, now)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('answers LINK_EXPIRED (410) for a genuine token past its expiry, UNAUTHENTICATED for a stretched one', () => {
    const token = tokens.sign({ ...seat, expiresAt: later });
    expect(() => tokens.verify(tokens.parse(token), seat, new Date('2026-11-28T11:00:01Z'))).toThrow(expect.objectContaining({ code: 'LINK_EXPIRED' }));
    const [id, , mac] = token.split('.');
    const stretched = `${id}.${(Math.floor(later.getTime() / 1000) + 86_400).toString(36)}.${mac}`;
    expect(() => tokens.verify(tokens.parse(stretched), seat, now)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('refuses malformed tokens and tokens signed with another secret', () => {
    for (const bad of ['', 'abc', 'a.b.c', `${'A'.repeat(22)}.zz.${'A'.repeat(10)}`, 42, null, 'x'.repeat(200)]) {
      expect(() => tokens.parse(bad)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
    const foreign = new CallTokens(config({ TOKEN_SECRET: 'y'.repeat(40) })).sign({ ...seat, expiresAt: later });
    expect(() => tokens.verify(tokens.parse(foreign), seat, now)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});

describe('video configuration', () => {
  it('reads STUN/TURN servers, the link lifetime and LiveKit', () => {
    const c = config({ ICE_SERVERS: 'stun:stun.example.com:3478, turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349', TURN_USERNAME: 'u', TURN_CREDENTIAL: 'p', CALL_LINK_TTL_MINUTES: '30', LIVEKIT_URL: 'wss://lk.example.com/', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: 's'.repeat(32) });
    expect(c.video).toEqual({
      iceServers: [{ urls: ['stun:stun.example.com:3478'] }, { urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'], username: 'u', credential: 'p' }],
      linkTtlSeconds: 1800,
      livekit: { url: 'wss://lk.example.com', apiKey: 'APIkey', apiSecret: 's'.repeat(32) },
    });
    expect(config().video).toEqual({ iceServers: [], linkTtlSeconds: 3600, livekit: null });
  });

  it('lists every bad video variable at once', () => {
    let error: unknown;
    try {
      config({ ICE_SERVERS: 'http://nope', LIVEKIT_URL: 'wss://lk.example.com', CALL_LINK_TTL_MINUTES: '1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/ICE_SERVERS/);
    expect(problems).toMatch(/LIVEKIT_API_KEY/);
    expect(problems).toMatch(/LIVEKIT_API_SECRET/);
    expect(problems).toMatch(/CALL_LINK_TTL_MINUTES/);
  });
});
