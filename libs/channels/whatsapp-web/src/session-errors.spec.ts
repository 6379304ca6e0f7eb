import { describe, expect, it } from '@jest/globals';
import { backoffDelay, formatDelay } from './backoff.js';
import { describeDisconnect, describeStartFailure } from './session-errors.js';

describe('session failure details', () => {
  it('explains start failures in words an admin can act on', () => {
    const chromium = '/usr/bin/chromium';
    expect(describeStartFailure(new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'), chromium)).toBe(
      'Cannot reach web.whatsapp.com — is this machine offline? (net::ERR_NAME_NOT_RESOLVED)',
    );
    expect(describeStartFailure(new Error('net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/'), chromium)).toContain('offline');
    expect(describeStartFailure(new Error('Browser was not found at the configured executablePath (/usr/bin/chromium)'), chromium)).toMatch(
      /^Cannot start Chromium at \/usr\/bin\/chromium: .*CHROMIUM_PATH\.$/,
    );
    expect(describeStartFailure(new Error('Failed to launch the browser process!\nspawn /usr/bin/chromium ENOENT'), chromium)).toContain('Cannot start Chromium');
    expect(describeStartFailure(new Error('Failed to launch the browser process! The profile appears to be in use by another Chromium process'), chromium)).toContain(
      'Another Chromium process',
    );
    expect(describeStartFailure('auth timeout', chromium)).toContain('did not finish loading (auth timeout)');
    expect(describeStartFailure({ weird: true }, chromium)).toBe('WhatsApp Web failed to start: {"weird":true}');
  });

  it('decides per disconnect reason whether to relaunch', () => {
    expect(describeDisconnect('LOGOUT')).toMatchObject({ state: 'disconnected', retry: false });
    expect(describeDisconnect('TOS_BLOCK')).toMatchObject({ state: 'failed', retry: false });
    expect(describeDisconnect('CONFLICT')).toMatchObject({ state: 'disconnected', retry: true });
    expect(describeDisconnect('UNPAIRED')).toMatchObject({ state: 'disconnected', retry: true, detail: expect.stringContaining('QR') });
    expect(describeDisconnect('Max qrcode retries reached')).toMatchObject({ state: 'disconnected', retry: true });
  });

  it('backs off exponentially from 30 s to a 10 min cap, with bounded jitter', () => {
    const options = { initialMs: 30_000, maxMs: 600_000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((a) => backoffDelay(a, options))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000]);
    const jittered = { ...options, jitter: 0.1 };
    expect(backoffDelay(0, jittered, () => 0)).toBe(27_000);
    expect(backoffDelay(0, jittered, () => 1)).toBe(33_000);
    expect(backoffDelay(9, jittered, () => 1)).toBe(600_000);
    expect([formatDelay(30_000), formatDelay(600_000)]).toEqual(['30 s', '10 min']);
  });
});
