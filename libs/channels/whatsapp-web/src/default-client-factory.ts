import { join } from 'node:path';
import { WhatsappClientFactory, type WhatsappClient, type WhatsappClientRequest } from './whatsapp-client.js';
import { Client, LocalAuth, type WwebjsClientOptions } from './wwebjs.js';

/** Chromium refuses to run its sandbox as root (containers); elsewhere the sandbox stays on. */
function chromiumArgs(): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return [...(root ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'];
}

export function wwebjsClientOptions({ ctx, dataPath, chromiumPath }: WhatsappClientRequest): WwebjsClientOptions {
  return {
    // One Chromium profile per inbox: `<dataPath>/session-<inboxId>`.
    authStrategy: new LocalAuth({ clientId: ctx.inboxId, dataPath }),
    // The library caches WhatsApp Web's index.html in ./.wwebjs_cache (the process cwd) by default.
    webVersionCache: { type: 'local', path: join(dataPath, '.wwebjs_cache') },
    puppeteer: { executablePath: chromiumPath, headless: true, args: chromiumArgs() },
  };
}

/** The production factory: a whatsapp-web.js `Client` driving the system Chromium (no puppeteer download). */
export class WwebjsClientFactory extends WhatsappClientFactory {
  create(request: WhatsappClientRequest): WhatsappClient {
    return new Client(wwebjsClientOptions(request));
  }
}
