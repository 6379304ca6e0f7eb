import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import pg from 'pg';
import type { CloudLineConfig, TwilioLineConfig } from '../../apps/sandbox/src/sandbox.js';
import { startHub, type HubProcess } from './hub.js';
import { backendsOf } from './stats.js';

const hex = (n: number) => randomBytes(n).toString('hex');

/** The fake provider child process (see provider.ts). */
export class Provider {
  private nextId = 1;
  private readonly waiting = new Map<number, (value: any) => void>();

  private constructor(private readonly child: ChildProcess, readonly url: string) {
    child.on('message', (msg: { id?: number }) => {
      if (msg.id !== undefined) this.waiting.get(msg.id)?.(msg);
    });
  }

  static async start(latencyMs: [number, number]): Promise<Provider> {
    const child = fork(fileURLToPath(new URL('../provider.js', import.meta.url)), [JSON.stringify(latencyMs)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (msg: { url: string }) => resolve(msg.url));
      child.once('exit', (code) => reject(new Error(`provider exited with ${code}`)));
    });
    return new Provider(child, url);
  }

  get pid(): number {
    return this.child.pid!;
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...msg, id });
    });
  }

  addLine(line: CloudLineConfig | TwilioLineConfig): Promise<void> {
    return this.call({ type: 'addLine', line });
  }

  openWindows(line: CloudLineConfig | TwilioLineConfig, phones: string[]): Promise<void> {
    return this.call({ type: 'openWindows', line, phones });
  }

  stats(sinceMs: number, prefix?: string): Promise<{ lines: Record<string, { accepted: number; rateLimited: number; maxAcceptedPerSecond: number; maxAttemptsPerSecond: number; acceptedPerSecondAvg: number; duplicates: number }> }> {
    return this.call({ type: 'stats', sinceMs, prefix });
  }

  stop(): void {
    this.child.disconnect();
  }
}

export interface ChannelInbox {
  id: string;
  path: string;
  url: string;
  line: CloudLineConfig | TwilioLineConfig;
}

export interface World {
  hub: HubProcess;
  db: pg.Pool;
  accountId: string;
  twilio: ChannelInbox & { line: TwilioLineConfig };
  cloud: ChannelInbox & { line: CloudLineConfig };
  webchat: { id: string; websiteToken: string };
  agents: Socket[];
  /** PostgreSQL backends serving the hub's database (their CPU is the hub's database cost). */
  backends: () => Promise<number[]>;
  close(): Promise<void>;
}

export function agentSocket(url: string, token: string): Socket {
  return io(`${url}/inbox`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

export function connected(socket: Socket, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
    socket.once('connect', () => (clearTimeout(timer), resolve()));
    socket.once('connect_error', (error) => (clearTimeout(timer), reject(error)));
  });
}

/**
 * The hub as a separate process, a brand of its own (no automation), a Twilio WhatsApp and a WhatsApp
 * Cloud inbox pointed at the fake provider, a web-chat inbox, and `agentCount` admin sockets.
 */
export async function startWorld(options: { hubEntry: string; customerPhones: string[]; databaseUrl: string; resultsDir: string; provider: Provider; agentCount: number; hubEnv?: Record<string, string>; cpuProfileDir?: string }): Promise<World> {
  const hub = await startHub({ entry: options.hubEntry, databaseUrl: options.databaseUrl, resultsDir: options.resultsDir, env: options.hubEnv, cpuProfileDir: options.cpuProfileDir });
  const account = await hub.api<{ id: string }>('POST', '/api/v1/accounts', { name: 'Bench Boutique' });
  const accountId = account.id;
  const inbox = (name: string, channel: Record<string, unknown>) => hub.api<{ id: string; webhookUrls: { events: string }; websiteToken: string }>('POST', `/api/v1/accounts/${accountId}/inboxes`, { name, channel });

  const accountSid = `AC${hex(16)}`;
  const twilioToken = hex(16);
  const twilioNumber = '+14155238886';
  const t = await inbox('WhatsApp (Twilio)', { type: 'twilio_whatsapp', accountSid, authToken: twilioToken, phoneNumber: twilioNumber, apiBaseUrl: options.provider.url });
  const twilioLine: TwilioLineConfig = { provider: 'twilio_whatsapp', accountSid, authToken: twilioToken, phoneNumber: twilioNumber, webhookUrl: t.webhookUrls.events, ratePerSecond: 80 };
  const cloudSecrets = { accessToken: `EAAG${hex(24)}`, appSecret: hex(16), verifyToken: hex(8) };
  const c = await inbox('WhatsApp Cloud', { type: 'whatsapp_cloud', phoneNumberId: '109876543210987', phoneNumber: '+12025550143', businessAccountId: '102290129340398', ...cloudSecrets, apiBaseUrl: options.provider.url });
  const cloudLine: CloudLineConfig = { provider: 'whatsapp_cloud', phoneNumberId: '109876543210987', displayPhoneNumber: '+12025550143', wabaId: '102290129340398', accessToken: cloudSecrets.accessToken, appSecret: cloudSecrets.appSecret, webhookUrl: c.webhookUrls.events, ratePerSecond: 1000 };
  await options.provider.addLine(twilioLine);
  await options.provider.addLine(cloudLine);
  await options.provider.openWindows(twilioLine, options.customerPhones);
  await options.provider.openWindows(cloudLine, options.customerPhones);
  const w = await inbox('Website', { type: 'webchat' });

  const agents = Array.from({ length: options.agentCount }, () => agentSocket(hub.url, hub.token));
  await Promise.all(agents.map((s) => connected(s)));
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  return {
    hub,
    db,
    accountId,
    twilio: { id: t.id, url: t.webhookUrls.events, path: new URL(t.webhookUrls.events).pathname, line: twilioLine },
    cloud: { id: c.id, url: c.webhookUrls.events, path: new URL(c.webhookUrls.events).pathname, line: cloudLine },
    webchat: { id: w.id, websiteToken: w.websiteToken },
    agents,
    backends: backendsOf(db, new URL(options.databaseUrl).pathname.slice(1)),
    close: async () => {
      for (const s of agents) s.disconnect();
      await db.end();
      await hub.stop();
    },
  };
}
