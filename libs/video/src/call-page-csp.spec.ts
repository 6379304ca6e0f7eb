import { describe, expect, it } from '@jest/globals';
import { callPageCsp } from './call-page-csp.js';

const connectSrc = (csp: string) => csp.split('; ').find((d) => d.startsWith('connect-src '));

describe('callPageCsp', () => {
  it('connects to its own origin only without an SFU (no scheme-wide ws: or wss:)', () => {
    expect(connectSrc(callPageCsp(null))).toBe("connect-src 'self'");
  });

  it('adds the LiveKit server as wss and https when it is named by either', () => {
    for (const url of ['https://lk.example.com', 'wss://lk.example.com', 'wss://lk.example.com/']) {
      expect(connectSrc(callPageCsp(url))).toBe("connect-src 'self' wss://lk.example.com https://lk.example.com");
    }
  });

  it('keeps a non-TLS server (a LAN or loopback LiveKit) on ws and http with its port, and drops any path', () => {
    expect(connectSrc(callPageCsp('http://127.0.0.1:7880'))).toBe("connect-src 'self' ws://127.0.0.1:7880 http://127.0.0.1:7880");
    expect(connectSrc(callPageCsp('ws://lk.internal:7880/livekit'))).toBe("connect-src 'self' ws://lk.internal:7880 http://lk.internal:7880");
  });

  it('keeps scripts to our own and the page unframeable', () => {
    const csp = callPageCsp('https://lk.example.com');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});
