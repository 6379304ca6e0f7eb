import { randomBytes } from 'node:crypto';
import type { MessageView } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { startSandbox, type LineConfig, type SandboxHandle, type SandboxOptions } from '../../apps/sandbox/src/sandbox.js';
import { agentSocket, createBrand, startHub, type Brand, type TestHub } from './hub.js';
import { connected, nextEvent } from './sockets.js';

const hex = (n: number) => randomBytes(n).toString('hex');

export type ProviderType = 'twilio_sms' | 'twilio_whatsapp' | 'whatsapp_cloud';

export interface ChannelCase {
  type: ProviderType;
  /** The sandbox line key: the Twilio number or the Cloud phone number id. */
  lineKey: string;
  /** A customer number of its own per case, so cases never share a conversation. */
  customer: string;
  secrets: Record<string, string>;
}

const accountSid = `AC${hex(16)}`;

export const CASES: ChannelCase[] = [
  { type: 'twilio_sms', lineKey: '+14155550100', customer: '+16175550123', secrets: { authToken: hex(16) } },
  { type: 'twilio_whatsapp', lineKey: '+14155238886', customer: '+12125550199', secrets: { authToken: hex(16) } },
  { type: 'whatsapp_cloud', lineKey: '109876543210987', customer: '+15017122661', secrets: { accessToken: `EAAG${hex(24)}`, appSecret: hex(16), verifyToken: hex(8) } },
];

export function channelInput(c: ChannelCase, apiBaseUrl: string): Record<string, unknown> {
  if (c.type === 'whatsapp_cloud') {
    return { type: c.type, phoneNumberId: c.lineKey, phoneNumber: '+12025550143', businessAccountId: '102290129340398', ...c.secrets, apiBaseUrl };
  }
  return { type: c.type, accountSid, authToken: c.secrets.authToken, phoneNumber: c.lineKey, apiBaseUrl };
}

function line(c: ChannelCase, webhookUrl: string): LineConfig {
  if (c.type === 'whatsapp_cloud') {
    return { provider: c.type, phoneNumberId: c.lineKey, displayPhoneNumber: '+12025550143', wabaId: '102290129340398', accessToken: c.secrets.accessToken!, appSecret: c.secrets.appSecret!, webhookUrl };
  }
  return { provider: c.type, accountSid, authToken: c.secrets.authToken!, phoneNumber: c.lineKey, webhookUrl };
}

export interface InboxInfo {
  id: string;
  webhookUrls: { events: string; status: string | null };
}

/** A hub, the offline sandbox, one brand with an inbox per provider channel and a connected admin socket. */
export interface ChannelWorld {
  hub: TestHub;
  sandbox: SandboxHandle;
  brand: Brand;
  agent: Socket;
  inboxes: Map<ProviderType, InboxInfo>;
  /** The customer's phone sends a message through the sandbox (which signs and posts the webhook). */
  phoneSend(c: ChannelCase, body: Record<string, unknown>): Promise<{ status: number | null; body: string }>;
  /** The customer's message as the agent receives it. */
  inbound(c: ChannelCase, text: string, extra?: Record<string, unknown>): Promise<MessageView>;
  reply(conversationId: string, content: Record<string, unknown>): Promise<{ status: number; body: MessageView & { error?: { code: string } } }>;
  messageCount(inboxId: string): Promise<number>;
  close(): Promise<void>;
}

export async function channelWorld(options: { hubEnv?: Record<string, string>; sandbox?: SandboxOptions; lineRates?: Partial<Record<ProviderType, number>> } = {}): Promise<ChannelWorld> {
  const sandbox = await startSandbox({ statusDelayMs: 20, retry: { twilioDelaysMs: [200], metaDelaysMs: [200] }, ...options.sandbox });
  const hub = await startHub(options.hubEnv);
  const brand = await createBrand(hub, 'Maison Channels');
  const inboxes = new Map<ProviderType, InboxInfo>();
  for (const c of CASES) {
    const res = await hub.http()
      .post(`/api/v1/accounts/${brand.accountId}/inboxes`)
      .auth(brand.admin.token, { type: 'bearer' })
      .send({ name: c.type, channel: channelInput(c, sandbox.url) });
    if (res.status !== 201) throw new Error(`inbox ${c.type}: ${res.status} ${JSON.stringify(res.body)}`);
    inboxes.set(c.type, res.body as InboxInfo);
    sandbox.addLine({ ...line(c, res.body.webhookUrls.events), ...(options.lineRates?.[c.type] && { ratePerSecond: options.lineRates[c.type] }) });
  }
  const agent = agentSocket(hub, brand.admin.token);
  await connected(agent);

  const phoneSend: ChannelWorld['phoneSend'] = async (c, body) => {
    const r = await fetch(`${sandbox.url}/sandbox/api/phones/${encodeURIComponent(c.lineKey)}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: c.customer, ...body }),
    });
    if (r.status !== 200) throw new Error(`sandbox send ${r.status}: ${await r.text()}`);
    return (await r.json()) as { status: number | null; body: string };
  };
  return {
    hub,
    sandbox,
    brand,
    agent,
    inboxes,
    phoneSend,
    async inbound(c, text, extra = {}) {
      const inboxId = inboxes.get(c.type)!.id;
      const seen = nextEvent<MessageView>(agent, 'message.created', (m) => m.inboxId === inboxId && m.direction === 'in' && (text === '' || (m.content.type === 'text' && m.content.text === text)));
      const sent = await phoneSend(c, { ...(text && { text }), ...extra });
      if (sent.status !== 200) throw new Error(`hub answered ${sent.status}: ${sent.body}`);
      return seen;
    },
    async reply(conversationId, content) {
      const res = await hub.http()
        .post(`/api/v1/accounts/${brand.accountId}/conversations/${conversationId}/messages`)
        .auth(brand.admin.token, { type: 'bearer' })
        .send({ content });
      return { status: res.status, body: res.body };
    },
    async messageCount(inboxId) {
      return Number((await hub.query<{ n: string }>('SELECT count(*) AS n FROM message WHERE inbox_id = $1', [inboxId]))[0]!.n);
    },
    async close() {
      agent.disconnect();
      await hub.close();
      await sandbox.close();
    },
  };
}
