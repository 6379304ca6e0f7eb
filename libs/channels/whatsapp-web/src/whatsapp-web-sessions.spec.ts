import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { fakeWhatsappWeb, settle, until } from './testing/harness.js';

const OFFLINE = new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');

describe('WhatsappWebSessions state machine', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    // Only timers are faked: promise plumbing (nextTick, setImmediate) stays real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });

  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    jest.useRealTimers();
    expect(unhandled).toEqual([]);
  });

  it('reports unknown inboxes as stopped', () => {
    const { sessions } = fakeWhatsappWeb();
    expect(sessions.status('nope')).toMatchObject({ state: 'stopped', qr: null, qrText: null, detail: null, phone: null });
  });

  it('starts a client per inbox under <dataDir>/whatsapp-web with the hub Chromium, or the inbox one', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start(ctx, sink);
    expect(factory.last.request).toMatchObject({ dataPath: '/var/lib/concierge-test/whatsapp-web', chromiumPath: '/usr/bin/chromium', ctx });
    expect(factory.last.initializeCalls).toBe(1);
    expect(sink.statuses[0]).toMatchObject({ inboxId: 'inbox-1', status: { state: 'starting' } });

    await sessions.start({ ...ctx, inboxId: 'inbox-2', config: { chromiumPath: '/opt/chromium/chrome' } }, sink);
    expect(factory.last.request?.chromiumPath).toBe('/opt/chromium/chrome');
    await sessions.stopAll();
  });

  it('refuses an inbox chromiumPath that is not a Chromium executable, without launching anything', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start({ ...ctx, config: { chromiumPath: '/bin/sh' } }, sink);
    expect(factory.clients).toHaveLength(0);
    expect(sink.last).toMatchObject({ state: 'failed', detail: expect.stringContaining('chromiumPath') });
    await jest.advanceTimersByTimeAsync(3600_000);
    expect(factory.clients).toHaveLength(0);
  });

  it('goes starting → qr_required (PNG data URL + raw text) → connected with the phone number', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start(ctx, sink);
    factory.last.showQr('2@abc,def,ghi,jkl,1');
    await until(() => sessions.status('inbox-1').state === 'qr_required');
    expect(sessions.status('inbox-1')).toMatchObject({
      state: 'qr_required',
      qr: expect.stringMatching(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/),
      qrText: '2@abc,def,ghi,jkl,1',
      detail: expect.stringContaining('Linked devices'),
    });
    factory.last.link('6281234500000');
    await settle();
    expect(sessions.status('inbox-1')).toMatchObject({ state: 'connected', phone: '+6281234500000', qr: null, qrText: null, detail: null });
    expect(sink.states).toEqual(['starting', 'qr_required', 'starting', 'connected']);
    expect(sessions.connectedClient('inbox-1')).toBe(factory.last);
    await sessions.stop('inbox-1');
  });

  it('shows every new QR and never an outdated one after sign-in', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start(ctx, sink);
    factory.last.showQr('first');
    await until(() => sessions.status('inbox-1').state === 'qr_required');
    factory.last.showQr('second');
    factory.last.link();
    await settle();
    expect(sink.statuses.filter((s) => s.status.state === 'qr_required').map((s) => s.status.qrText)).toEqual(['first']);
    expect(sessions.status('inbox-1').state).toBe('connected');
    await sessions.stop('inbox-1');
  });

  it('LOGOUT → disconnected asking for a new QR, keeps the browser, never relaunches by itself', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start(ctx, sink);
    factory.last.link();
    factory.last.disconnect('LOGOUT');
    await settle();
    expect(sessions.status('inbox-1')).toMatchObject({ state: 'disconnected', phone: null, detail: expect.stringContaining('QR') });
    expect(factory.last.destroyed).toBe(false);
    await jest.advanceTimersByTimeAsync(3600_000);
    expect(factory.clients).toHaveLength(1);
    // The library re-pairs in the same browser: the new QR shows up.
    factory.last.showQr('after-logout');
    await until(() => sessions.status('inbox-1').state === 'qr_required');
    expect(sessions.status('inbox-1')).toMatchObject({ state: 'qr_required', qrText: 'after-logout' });
    await sessions.stop('inbox-1');
  });

  it('a transient disconnect destroys the client and relaunches after a growing, capped backoff', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start(ctx, sink);
    factory.last.link();
    factory.prepare = (client) => void (client.initializeError = OFFLINE);
    factory.last.disconnect('CONFLICT');
    await settle();
    expect(factory.clients[0]?.destroyed).toBe(true);
    expect(sessions.status('inbox-1')).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/CONFLICT.*Retrying in 30 s/) });

    const waits: number[] = [];
    for (const expected of [30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]) {
      const before = factory.clients.length;
      await jest.advanceTimersByTimeAsync(expected - 1);
      expect(factory.clients).toHaveLength(before);
      await jest.advanceTimersByTimeAsync(1);
      expect(factory.clients).toHaveLength(before + 1);
      waits.push(expected);
    }
    expect(sessions.status('inbox-1').detail).toMatch(/Retrying in 10 min/);
    expect(factory.clients.every((c) => c.destroyed)).toBe(true);
    expect(waits).toHaveLength(7);
    await sessions.stop('inbox-1');
  });

  it('offline: initialize() rejects without events → destroy, failed with an actionable detail, retry later', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    factory.prepare = (client) => void (client.initializeError = OFFLINE);
    await sessions.start(ctx, sink);
    await settle();
    expect(factory.last.destroyCalls).toBe(1);
    expect(sessions.status('inbox-1')).toMatchObject({
      state: 'failed',
      detail: 'Cannot reach web.whatsapp.com — is this machine offline? (net::ERR_NAME_NOT_RESOLVED) Retrying in 30 s.',
    });
    expect(sink.states).toEqual(['starting', 'failed']);
    await jest.advanceTimersByTimeAsync(29_999);
    expect(factory.clients).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(factory.clients).toHaveLength(2);
    expect(sink.states).toEqual(['starting', 'failed', 'starting', 'failed']);

    // Back online: the next launch shows a QR and the backoff starts over.
    factory.prepare = () => undefined;
    await jest.advanceTimersByTimeAsync(60_000);
    factory.last.showQr('online-again');
    await until(() => sessions.status('inbox-1').state === 'qr_required');
    expect(sessions.status('inbox-1').state).toBe('qr_required');
    await sessions.stop('inbox-1');
  });

  it('abandons a launch that neither shows a QR nor signs in within startTimeoutMs', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb({ startTimeoutMs: 60_000 });
    factory.prepare = (client) => void (client.initialize = () => new Promise<void>(() => undefined));
    await sessions.start(ctx, sink);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(factory.last.destroyed).toBe(true);
    expect(sessions.status('inbox-1')).toMatchObject({ state: 'failed', detail: expect.stringContaining('did not load within 1 min') });
    await sessions.stop('inbox-1');
  });

  it('kills the browser process when destroy() hangs', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb({ destroyTimeoutMs: 5000 });
    const kill = jest.fn((_signal?: NodeJS.Signals) => true);
    factory.prepare = (client) => {
      client.destroy = () => new Promise<void>(() => undefined);
      client.pupBrowser = { process: () => ({ kill }) };
    };
    await sessions.start(ctx, sink);
    const stopping = sessions.stop('inbox-1');
    await jest.advanceTimersByTimeAsync(15_000);
    await stopping;
    expect(kill).toHaveBeenCalledWith('SIGKILL');
  });

  it('stop() destroys the client, reports stopped and cancels a pending relaunch; stopAll() stops every inbox', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    factory.prepare = (client) => void (client.initializeError = OFFLINE);
    await sessions.start(ctx, sink);
    await settle();
    await sessions.stop('inbox-1');
    expect(sessions.status('inbox-1').state).toBe('stopped');
    expect(sink.last.state).toBe('stopped');
    await jest.advanceTimersByTimeAsync(3600_000);
    expect(factory.clients).toHaveLength(1);

    factory.prepare = () => undefined;
    await sessions.start({ ...ctx, inboxId: 'a' }, sink);
    await sessions.start({ ...ctx, inboxId: 'b' }, sink);
    await sessions.stopAll();
    expect(factory.clients.slice(1).map((c) => c.destroyed)).toEqual([true, true]);
    expect(sessions.status('a').state).toBe('stopped');
  });

  it('ignores events of a client it already replaced', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    await sessions.start(ctx, sink);
    const old = factory.last;
    await sessions.start(ctx, sink);
    old.link();
    await settle();
    expect(old.destroyed).toBe(true);
    expect(sessions.status('inbox-1').state).toBe('starting');
    await sessions.stop('inbox-1');
  });

  it('a sink whose statusChanged throws does not break the session', async () => {
    const { sessions, factory, sink, ctx } = fakeWhatsappWeb();
    sink.statusChanged = () => {
      throw new Error('socket gone');
    };
    await sessions.start(ctx, sink);
    factory.last.link();
    await settle();
    expect(sessions.status('inbox-1').state).toBe('connected');
    await sessions.stop('inbox-1');
  });
});
