import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChannelError, type OutboundRequest } from '@concierge/channels-core';
import type { MessageContent } from '@concierge/contracts';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { toChannelError } from './outbound.js';
import { fakeWhatsappWeb, settle } from './testing/harness.js';
import { rawMedia } from './testing/raw-models.js';
import { WhatsappWebSetupDto } from './whatsapp-web-setup.dto.js';
import { Location, MessageMedia } from './wwebjs.js';

const IMAGE = Buffer.from('\x89PNG\r\n\x1a\nnot really an image', 'latin1');
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/media/shoe.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(IMAGE);
    } else if (req.url === '/media/huge.bin') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(64 * 1024));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function request(content: MessageContent, address = '+6281299990000'): OutboundRequest {
  return {
    accountId: 'acct-1',
    inboxId: 'inbox-1',
    config: {},
    credentials: null,
    recipient: { contactChannelId: 'cc-1', address },
    message: { id: 'm-1', conversationId: 'c-1', direction: 'out', sender: { type: 'agent', name: 'Mei' }, content, status: 'queued', clientMessageId: null, createdAt: '2026-01-05T10:00:00Z' },
    statusCallbackUrl: null,
  };
}

async function connected(options: Parameters<typeof fakeWhatsappWeb>[0] = {}) {
  const env = fakeWhatsappWeb(options);
  await env.sessions.start(env.ctx, env.sink);
  env.factory.last.link();
  await settle();
  return { ...env, client: env.factory.last };
}

describe('WhatsappWebAdapter', () => {
  it('declares what WhatsApp Web renders and how an inbox is set up', async () => {
    const { adapter } = fakeWhatsappWeb();
    expect(adapter.type).toBe('whatsapp_web');
    expect(adapter.capabilities).toEqual({ contentTypes: ['text', 'media', 'location'], maxTextLength: 4096, customerWindowHours: null, keywordOptOut: false, addressKind: 'phone' });
    expect(adapter.setup).toMatchObject({ schema: WhatsappWebSetupDto, secretFields: [], addressField: null });
    expect(await validate(plainToInstance(WhatsappWebSetupDto, { type: 'whatsapp_web' }))).toEqual([]);
    expect(await validate(plainToInstance(WhatsappWebSetupDto, { type: 'whatsapp_web', chromiumPath: '/usr/bin/chromium' }))).toEqual([]);
    expect(await validate(plainToInstance(WhatsappWebSetupDto, { type: 'whatsapp_web', chromiumPath: '/bin/sh' }))).toHaveLength(1);
    expect(await validate(plainToInstance(WhatsappWebSetupDto, { type: 'whatsapp_web', chromiumPath: '/usr/../bin/chromium' }))).toHaveLength(1);
    expect(await validate(plainToInstance(WhatsappWebSetupDto, { type: 'twilio' }))).toHaveLength(1);
  });

  it('refuses to send while the session is not connected, retryably', async () => {
    const { adapter, sessions, ctx, sink, factory } = fakeWhatsappWeb();
    await expect(adapter.send(request({ type: 'text', text: 'hi' }))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, message: expect.stringContaining('stopped') });
    await sessions.start(ctx, sink);
    factory.last.showQr();
    await expect(adapter.send(request({ type: 'text', text: 'hi' }))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await sessions.stopAll();
  });

  it('sends text to <digits>@c.us and returns the serialized message id', async () => {
    const { adapter, client, sessions } = await connected();
    const result = await adapter.send(request({ type: 'text', text: 'Your order #1001 has shipped' }));
    expect(client.sent).toHaveLength(1);
    expect(client.sent[0]).toMatchObject({ chatId: '6281299990000@c.us', content: 'Your order #1001 has shipped' });
    expect(result).toEqual({ sourceId: client.sent[0]?.sourceId, status: 'sent' });
    expect(result.sourceId).toMatch(/^true_6281299990000@c\.us_/);
    await sessions.stopAll();
  });

  it('downloads media (with its type and name) and sends it with the caption', async () => {
    const { adapter, client, sessions } = await connected({ trustedMediaHosts: [new URL(baseUrl).host] });
    await adapter.send(request({ type: 'media', mediaType: 'image', url: `${baseUrl}/media/shoe.png`, caption: 'Runner 2 — IDR 899,000' }));
    const sent = client.sent[0];
    expect(sent?.content).toBeInstanceOf(MessageMedia);
    expect(sent?.content).toMatchObject({ mimetype: 'image/png', data: IMAGE.toString('base64'), filename: 'shoe.png' });
    expect(sent?.options).toEqual({ caption: 'Runner 2 — IDR 899,000', sendMediaAsDocument: undefined });

    await adapter.send(request({ type: 'media', mediaType: 'document', url: `${baseUrl}/media/shoe.png`, filename: 'invoice.pdf', mimeType: 'application/pdf' }));
    expect(client.sent[1]?.content).toMatchObject({ mimetype: 'application/pdf', filename: 'invoice.pdf' });
    expect(client.sent[1]?.options).toMatchObject({ sendMediaAsDocument: true });
    await sessions.stopAll();
  });

  it('refuses media over the size limit and reports unreachable media by code', async () => {
    const { adapter, client, sessions } = await connected({ maxMediaBytes: 1024, trustedMediaHosts: [new URL(baseUrl).host, '127.0.0.1:1'] });
    await expect(adapter.send(request({ type: 'media', mediaType: 'document', url: `${baseUrl}/media/huge.bin` }))).rejects.toMatchObject({ code: 'UNSUPPORTED_CONTENT' });
    await expect(adapter.send(request({ type: 'media', mediaType: 'image', url: `${baseUrl}/media/gone.png` }))).rejects.toMatchObject({ code: 'UNKNOWN' });
    await expect(adapter.send(request({ type: 'media', mediaType: 'image', url: 'http://127.0.0.1:1/x.png' }))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(client.sent).toEqual([]);
    await sessions.stopAll();
  });

  it('never fetches media from private addresses it was not told to trust (SSRF)', async () => {
    const { adapter, client, sessions } = await connected();
    for (const url of [`${baseUrl}/media/shoe.png`, 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:9/x', 'file:///etc/passwd']) {
      await expect(adapter.send(request({ type: 'media', mediaType: 'image', url }))).rejects.toMatchObject({ code: 'UNKNOWN', retryable: false });
    }
    expect(client.sent).toEqual([]);
    await sessions.stopAll();
  });

  it('sends a location as a library Location', async () => {
    const { adapter, client, sessions } = await connected();
    await adapter.send(request({ type: 'location', latitude: -6.1951, longitude: 106.8231, name: 'Concierge Store', address: 'Jl. M.H. Thamrin No.1' }));
    const content = client.sent[0]?.content;
    expect(content).toBeInstanceOf(Location);
    expect(content).toMatchObject({ latitude: -6.1951, longitude: 106.8231, name: 'Concierge Store', address: 'Jl. M.H. Thamrin No.1' });
    await sessions.stopAll();
  });

  it('maps recipients and library failures to channel error codes', async () => {
    const { adapter, client, sessions } = await connected();
    client.unregistered.add('6281299990000');
    await expect(adapter.send(request({ type: 'text', text: 'hi' }))).rejects.toMatchObject({ code: 'INVALID_RECIPIENT', retryable: false });
    await expect(adapter.send(request({ type: 'text', text: 'hi' }, 'visitor-42'))).rejects.toMatchObject({ code: 'INVALID_RECIPIENT' });
    await expect(adapter.send(request({ type: 'buttons', text: 'Pick', buttons: [] }, '+6281200000001'))).rejects.toMatchObject({ code: 'UNSUPPORTED_CONTENT' });
    client.sendError = new Error('Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.');
    await expect(adapter.send(request({ type: 'text', text: 'hi' }, '+6281200000001'))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(toChannelError(new Error('Evaluation failed: Error: wid error: invalid wid'))).toMatchObject({ code: 'INVALID_RECIPIENT' });
    expect(toChannelError(new Error('Evaluation failed: Error: No LID for user'))).toMatchObject({ code: 'INVALID_RECIPIENT' });
    expect(toChannelError('something odd')).toMatchObject({ code: 'UNKNOWN', retryable: false });
    expect(toChannelError(new ChannelError('RATE_LIMITED', 'slow down'))).toMatchObject({ code: 'RATE_LIMITED' });
    await sessions.stopAll();
  });

  it('marks a customer message read in its chat, best effort', async () => {
    const { adapter, client, ctx, sessions } = await connected();
    await adapter.markRead(ctx, 'false_6281299990000@c.us_3EB0ABCDEF', { typing: false });
    expect(client.seen).toEqual(['6281299990000@c.us']);
    client.sendSeen = () => Promise.reject(new Error('Target closed'));
    await expect(adapter.markRead(ctx, 'false_6281299990000@c.us_3EB0ABCDEF', { typing: true })).resolves.toBeUndefined();
    await sessions.stopAll();
    await expect(adapter.markRead(ctx, 'false_6281299990000@c.us_3EB0ABCDEF', { typing: false })).resolves.toBeUndefined();
  });

  it('fetches media the session could not download on arrival', async () => {
    const { adapter, client, ctx, sessions } = await connected();
    const raw = rawMedia({ from: '6281299990000@c.us', type: 'image', mimetype: 'image/jpeg' });
    client.store(raw, { mimetype: 'image/jpeg', data: IMAGE.toString('base64'), filename: 'x.jpg' });
    const media = await adapter.fetchMedia(ctx, { mediaType: 'image', ref: raw.id._serialized }, undefined as never);
    expect(media).toEqual({ bytes: IMAGE, mimeType: 'image/jpeg', filename: 'x.jpg' });
    await expect(adapter.fetchMedia(ctx, { mediaType: 'image', ref: 'false_x@c.us_missing' }, undefined as never)).rejects.toMatchObject({ code: 'UNKNOWN' });
    await sessions.stopAll();
  });
});
