/**
 * Whether a file's first bytes match the type it is declared as, for the types whose formats have a
 * signature ("magic bytes"). A file declared `image/png` that is really HTML or a script is refused
 * instead of being stored and served under a type it is not. Types without a reliable signature
 * (text/*, Office `vnd.*` variants) are not checked here; they are served with `nosniff` and a
 * sandboxing CSP like every file.
 */
const at = (bytes: Buffer, offset: number, signature: string | number[]): boolean => {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
};

/** ISO base media (MP4, 3GPP, QuickTime, M4A): a box type at offset 4. */
const isoMedia = (b: Buffer) => ['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((box) => at(b, 4, box));
const riff = (b: Buffer, form: string) => at(b, 0, 'RIFF') && at(b, 8, form);
/** MPEG audio: an ID3 tag or a frame sync (11 set bits). */
const mpegAudio = (b: Buffer) => at(b, 0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0);

const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/jpeg': (b) => at(b, 0, [0xff, 0xd8, 0xff]),
  'image/png': (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/gif': (b) => at(b, 0, 'GIF87a') || at(b, 0, 'GIF89a'),
  'image/webp': (b) => riff(b, 'WEBP'),
  'video/mp4': isoMedia,
  'video/3gpp': isoMedia,
  'video/quicktime': isoMedia,
  'audio/mp4': isoMedia,
  'audio/aac': (b) => at(b, 0, 'ADIF') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0) || isoMedia(b),
  'audio/amr': (b) => at(b, 0, '#!AMR'),
  'audio/mpeg': mpegAudio,
  'audio/ogg': (b) => at(b, 0, 'OggS'),
  'audio/opus': (b) => at(b, 0, 'OggS'),
  'audio/wav': (b) => riff(b, 'WAVE'),
  'audio/x-wav': (b) => riff(b, 'WAVE'),
  // The PDF header may follow some junk within the first 1024 bytes (PDF 1.7, §7.5.2 note).
  'application/pdf': (b) => b.subarray(0, 1024).includes('%PDF-'),
  'application/zip': (b) => at(b, 0, 'PK\x03\x04') || at(b, 0, 'PK\x05\x06'),
  'application/msword': (b) => at(b, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
};

export function matchesSignature(mimeType: string, bytes: Buffer): boolean {
  const check = SIGNATURES[mimeType];
  return check ? check(bytes) : true;
}
