import { describe, expect, it } from '@jest/globals';
import { WwebjsClientFactory, wwebjsClientOptions } from './default-client-factory.js';
import { Client, LocalAuth } from './wwebjs.js';

const request = {
  ctx: { accountId: 'acct-1', inboxId: '0b7c5a8e-2f4d-4c1e-9a53-1d2e3f4a5b6c', config: {}, credentials: null },
  dataPath: '/var/lib/concierge/whatsapp-web',
  chromiumPath: '/usr/bin/chromium',
};

describe('WwebjsClientFactory', () => {
  it('builds a library Client with a LocalAuth profile per inbox and the system Chromium (nothing is launched)', () => {
    const client = new WwebjsClientFactory().create(request) as InstanceType<typeof Client>;
    expect(client).toBeInstanceOf(Client);
    const options = (client as unknown as { options: ReturnType<typeof wwebjsClientOptions> }).options;
    expect(options.authStrategy).toBeInstanceOf(LocalAuth);
    expect(options.authStrategy).toMatchObject({ clientId: request.ctx.inboxId, dataPath: request.dataPath });
    expect(options.webVersionCache).toEqual({ type: 'local', path: '/var/lib/concierge/whatsapp-web/.wwebjs_cache' });
    expect(options.puppeteer).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true });
    const args = options.puppeteer?.args ?? [];
    expect(args).toEqual(expect.arrayContaining(['--disable-gpu', '--no-first-run', '--disable-dev-shm-usage']));
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    expect(client.pupBrowser).toBeNull();
  });
});
