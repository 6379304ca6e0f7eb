/**
 * The offline provider sandbox: a fake Twilio REST API, a fake WhatsApp Cloud (Graph) API and a customer
 * phone (JSON API + web UI) that sends the providers' real, signed webhooks to the hub.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { SandboxContext } from './context.js';
import { WebhookDispatcher } from './dispatcher.js';
import { StatusFlow } from './status-flow.js';
import { SandboxStore } from './store.js';
import { sleep, Tasks } from './tasks.js';
import { TwilioAuth } from './twilio-auth.js';
import type { LineConfig, PublicLine, RetryPolicy, SandboxOptions } from './types.js';

export type * from './types.js';
export { SandboxStore } from './store.js';
export { RedirectingRequestClient, rewriteTwilioUri } from './twilio-redirect.js';

export interface SandboxHandle {
  /** Base URL: the hub's `apiBaseUrl` for both Twilio and the Graph API, and the phone UI at `/`. */
  url: string;
  store: SandboxStore;
  addLine(line: LineConfig): PublicLine;
  /** Resolves once no status timer or webhook retry is pending. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { twilioDelaysMs: [2_000], metaDelaysMs: [1_000, 5_000, 15_000], timeoutMs: 15_000 };

function latency(option: SandboxOptions['latencyMs']): () => Promise<void> {
  if (option === undefined || option === 0) return () => Promise.resolve();
  const [min, max] = Array.isArray(option) ? option : [option, option];
  return () => sleep(min + Math.random() * Math.max(0, max - min));
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const log = options.log ?? (() => undefined);
  const store = new SandboxStore(options.clock ?? Date.now, options.ratePerSecond ?? 80, options.maxRecords ?? 50_000);
  const tasks = new Tasks((error) => log(`background task failed: ${error instanceof Error ? error.message : String(error)}`));
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const dispatcher = new WebhookDispatcher(store, tasks, retry.timeoutMs, log);
  const ctx: SandboxContext = {
    store,
    tasks,
    dispatcher,
    flow: new StatusFlow(store, tasks, dispatcher, options.statusDelayMs ?? 300, retry),
    twilioAuth: new TwilioAuth(store),
    retry,
    twilioWindowErrors: options.twilioWindowErrors ?? 'async',
    baseUrl: '',
    latency: latency(options.latencyMs),
    log,
  };
  for (const line of options.lines ?? []) store.addLine(line);

  const host = options.host ?? '127.0.0.1';
  const server = createApp(ctx).listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  ctx.baseUrl = `http://${urlHost}:${port}`;

  return {
    url: ctx.baseUrl,
    store,
    addLine: (line) => store.addLine(line),
    idle: () => tasks.idle(),
    close: async () => {
      tasks.close();
      await tasks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
