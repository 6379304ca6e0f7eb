import { createHash, randomBytes, randomInt } from 'node:crypto';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Twilio resource sid: two-letter prefix + 32 hex digits (SM message, MM media message, ME media, HX content). */
export const twilioSid = (prefix: string): string => prefix + hex(16);

/** Cloud API message id: `wamid.` + base64, as Meta's ids look (their inner layout is opaque to clients). */
export const wamid = (waId: string): string =>
  'wamid.' + Buffer.concat([Buffer.from(`HBg${waId}`), randomBytes(18)]).toString('base64');

/** Graph object ids are long decimal numbers. */
export const graphId = (): string => String(randomInt(1, 9)) + Array.from({ length: 15 }, () => randomInt(0, 10)).join('');

export const fbtraceId = (): string => randomBytes(9).toString('base64').replace(/[+/=]/g, 'A');

export const recordId = (prefix: string): string => `${prefix}_${hex(8)}`;

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** RFC 2822 in GMT, the way Twilio writes `date_created`: `Fri, 13 Aug 2010 01:16:24 +0000`. */
export const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

export const unixSeconds = (ms: number): string => String(Math.floor(ms / 1000));

/** Digits only: Cloud API `wa_id` / `recipient_id` form of a phone number. */
export const digits = (phone: string): string => phone.replace(/\D/g, '');

export const E164 = /^\+[1-9]\d{6,14}$/;
