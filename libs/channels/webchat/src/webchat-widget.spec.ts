import { describe, expect, it } from '@jest/globals';
import { frameAncestors, parseOrigin, widgetSettings } from './webchat-widget.js';

describe('web-chat widget settings', () => {
  it('fills defaults and keeps only valid values', () => {
    expect(widgetSettings({}, 'Website', 1000)).toEqual({ title: 'Website', greeting: null, replyTime: null, color: '#1f2937', position: 'right', maxUploadBytes: 1000 });
    expect(widgetSettings({ title: ' Maison ', greeting: 'Hi', replyTime: 'hour', color: '#7A5C2E', position: 'left', allowedOrigins: ['https://x.example'] }, 'Website', 1))
      .toEqual({ title: 'Maison', greeting: 'Hi', replyTime: 'hour', color: '#7a5c2e', position: 'left', maxUploadBytes: 1 });
    expect(widgetSettings({ replyTime: 'week', color: 'red', position: 'top', title: '' }, 'Website', 1)).toMatchObject({ title: 'Website', replyTime: null, color: '#1f2937', position: 'right' });
  });

  it('lists the allowed origins as CSP frame-ancestors, or * when every site may embed', () => {
    expect(frameAncestors([])).toBe('*');
    expect(frameAncestors(['https://shop.example', 'https://*.brand.example'])).toBe('https://shop.example https://*.brand.example');
    expect(frameAncestors(["https://a.example; script-src 'unsafe-inline'"])).toBe("'none'");
  });

  it('parses origins strictly', () => {
    expect(parseOrigin('https://shop.example/path?q=1')).toBe('https://shop.example');
    expect(parseOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    for (const bad of ['null', 'javascript:alert(1)', 'file:///etc/passwd', '', 42, undefined]) expect(parseOrigin(bad)).toBeNull();
  });
});
