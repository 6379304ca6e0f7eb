import { describe, expect, it } from '@jest/globals';
import { matchesSignature } from './file-signatures.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('matchesSignature', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['image/png', bytes([0x89], 'PNG\r\n\x1a\n', 'IHDR')],
    ['image/gif', bytes('GIF89a')],
    ['image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['video/mp4', bytes([0, 0, 0, 0x18], 'ftypmp42')],
    ['video/quicktime', bytes([0, 0, 0, 8], 'wide')],
    ['audio/ogg', bytes('OggS')],
    ['audio/mpeg', bytes('ID3')],
    ['audio/mpeg', bytes([0xff, 0xfb, 0x90])],
    ['audio/aac', bytes([0xff, 0xf1, 0x50])],
    ['audio/amr', bytes('#!AMR\n')],
    ['audio/wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['application/pdf', bytes('%PDF-1.7')],
    ['application/pdf', bytes('\r\n junk \n%PDF-1.4')],
    ['application/zip', bytes('PK\x03\x04')],
    ['application/msword', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['text/plain', bytes('<html>any text is text</html>')],
  ])('accepts a real %s', (type, body) => expect(matchesSignature(type, body)).toBe(true));

  it.each([
    ['image/png', bytes('<html><script>alert(1)</script>')],
    ['image/jpeg', bytes('GIF89a')],
    ['application/pdf', bytes('<script>')],
    ['video/mp4', bytes('<svg onload=alert(1)>')],
    ['audio/ogg', bytes('')],
  ])('refuses a %s that is something else', (type, body) => expect(matchesSignature(type, body)).toBe(false));
});
