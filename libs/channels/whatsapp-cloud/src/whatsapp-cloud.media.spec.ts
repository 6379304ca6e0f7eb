import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ChannelError, safeFetch, type ChannelContext, type MediaRef } from '@concierge/channels-core';
import { startFakeGraph, type FakeGraph, type FakeHandler } from './__fixtures__/fake-graph-server.js';
import { WhatsappCloudAdapter } from './whatsapp-cloud.adapter.js';

const adapter = new WhatsappCloudAdapter();
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
let graph: FakeGraph;
/** A second loopback server: private and not the configured API host, so SafeFetch must refuse it. */
let elsewhere: FakeGraph;

beforeAll(async () => {
  graph = await startFakeGraph();
  elsewhere = await startFakeGraph(() => ({ body: jpeg }));
});
afterAll(async () => {
  await graph.close();
  await elsewhere.close();
});
beforeEach(() => {
  graph.requests.length = 0;
  elsewhere.requests.length = 0;
});

const ctx = (): ChannelContext => ({
  accountId: 'acc-1',
  inboxId: 'inbox-1',
  config: { phoneNumberId: '106540352242922', apiBaseUrl: graph.baseUrl },
  credentials: { accessToken: 'EAAJtoken' },
});

/** `GET /{media-id}` answers with a download URL; the URL answers with `bytes`. */
function mediaServer(info: Record<string, unknown>, bytes: Buffer = jpeg): FakeHandler {
  return (req) => {
    if (req.path === '/v26.0/1003383421387256') return { body: { messaging_product: 'whatsapp', id: '1003383421387256', sha256: 'x', ...info } };
    if (req.path.startsWith('/whatsapp_business/attachments/')) return { body: bytes };
    return { status: 404, body: { error: { code: 100, message: 'Unsupported get request' } } };
  };
}
const imageRef: MediaRef = { mediaType: 'image', ref: '1003383421387256', mimeType: 'image/jpeg' };

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

describe('WhatsappCloudAdapter.fetchMedia', () => {
  it('resolves the media id, then downloads the URL, both with the bearer token', async () => {
    const url = `${graph.baseUrl}/whatsapp_business/attachments/?mid=1003383421387256&ext=1744344496&hash=ATuXq`;
    graph.reply(mediaServer({ url, mime_type: 'image/jpeg', file_size: jpeg.length }));
    const media = await adapter.fetchMedia(ctx(), imageRef, safeFetch);
    expect(media.bytes.equals(jpeg)).toBe(true);
    expect(media.mimeType).toBe('image/jpeg');
    expect(graph.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['GET', '/v26.0/1003383421387256', 'Bearer EAAJtoken'],
      ['GET', '/whatsapp_business/attachments/?mid=1003383421387256&ext=1744344496&hash=ATuXq', 'Bearer EAAJtoken'],
    ]);
  });

  it('keeps the file name of documents and accepts voice notes with codec parameters', async () => {
    const url = `${graph.baseUrl}/whatsapp_business/attachments/?mid=doc`;
    graph.reply(mediaServer({ url, mime_type: 'application/pdf', file_size: 4 }, Buffer.from('%PDF')));
    const doc = await adapter.fetchMedia(ctx(), { ...imageRef, mediaType: 'document', filename: 'invoice.pdf' }, safeFetch);
    expect([doc.mimeType, doc.filename, doc.bytes.toString()]).toEqual(['application/pdf', 'invoice.pdf', '%PDF']);
    graph.reply(mediaServer({ url, mime_type: 'audio/ogg; codecs=opus', file_size: 4 }, Buffer.from('OggS')));
    const voice = await adapter.fetchMedia(ctx(), { ...imageRef, mediaType: 'audio' }, safeFetch);
    expect(voice.mimeType).toBe('audio/ogg; codecs=opus');
  });

  it('refuses media over the size limit of its type, declared or actual', async () => {
    const url = `${graph.baseUrl}/whatsapp_business/attachments/?mid=big`;
    graph.reply(mediaServer({ url, mime_type: 'image/jpeg', file_size: 5 * 1024 * 1024 + 1 }));
    expect((await failure(adapter.fetchMedia(ctx(), imageRef, safeFetch))).code).toBe('UNSUPPORTED_CONTENT');
    expect(graph.requests).toHaveLength(1);

    graph.requests.length = 0;
    graph.reply(mediaServer({ url, mime_type: 'image/webp' }, Buffer.alloc(600 * 1024)));
    const sticker = await failure(adapter.fetchMedia(ctx(), { ...imageRef, mediaType: 'sticker' }, safeFetch));
    expect([sticker.code, sticker.message]).toEqual(['UNSUPPORTED_CONTENT', 'Media refused: Larger than 512000 bytes']);
  });

  it('refuses a type not allowed for the media kind', async () => {
    graph.reply(mediaServer({ url: `${graph.baseUrl}/whatsapp_business/attachments/?mid=svg`, mime_type: 'image/svg+xml', file_size: 10 }));
    expect((await failure(adapter.fetchMedia(ctx(), imageRef, safeFetch))).code).toBe('UNSUPPORTED_CONTENT');
    expect(graph.requests).toHaveLength(1);
  });

  it('refuses a download URL on a private address other than the configured API host', async () => {
    graph.reply(mediaServer({ url: `${elsewhere.baseUrl}/whatsapp_business/attachments/?mid=x`, mime_type: 'image/jpeg', file_size: jpeg.length }));
    const error = await failure(adapter.fetchMedia(ctx(), imageRef, safeFetch));
    expect(error.message).toMatch(/blocked_address/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('maps a Graph error on the media id (expired or unknown id)', async () => {
    graph.reply(() => ({ status: 400, body: { error: { code: 100, message: 'Unsupported get request', type: 'GraphMethodException' } } }));
    const error = await failure(adapter.fetchMedia(ctx(), imageRef, safeFetch));
    expect([error.code, error.options.providerCode]).toEqual(['UNSUPPORTED_CONTENT', '100']);
  });
});
