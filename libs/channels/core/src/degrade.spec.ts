import { describe, expect, it } from '@jest/globals';
import { degrade } from './degrade.js';

const textOnly = { contentTypes: ['text'] as const, maxTextLength: 1600 };

describe('degrade', () => {
  it('keeps content the channel renders', () => {
    expect(degrade({ type: 'text', text: 'hi' }, textOnly)).toEqual({ type: 'text', text: 'hi' });
  });

  it('turns buttons into a numbered text menu', () => {
    const out = degrade({ type: 'buttons', text: 'Pick one', buttons: [{ id: 'a', title: 'Red' }, { id: 'b', title: 'Blue' }] }, textOnly);
    expect(out).toEqual({ type: 'text', text: 'Pick one\n1. Red\n2. Blue' });
  });

  it('turns a video invite into a link', () => {
    const out = degrade({ type: 'video_call_invite', callId: 'c', url: 'https://x.test/call/1', expiresAt: '2026-01-01T00:00:00Z' }, textOnly);
    expect(out).toEqual({ type: 'text', text: 'Join the video call: https://x.test/call/1' });
  });
});
