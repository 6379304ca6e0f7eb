import { randomBytes } from 'node:crypto';
import { AppConfig } from '@concierge/config';
import { InboxesService } from '@concierge/inbox';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { demoChannelInputs, type SandboxInbox } from './demo-channels.js';

export const DEMO_ADMIN_EMAIL = 'admin@demo.concierge.test';
const ASSISTANTS = [
  { name: 'Mei Lin', email: 'mei@demo.concierge.test' },
  { name: 'Tom Laurent', email: 'tom@demo.concierge.test' },
];

export interface DemoSeedResult {
  created: boolean;
  passwordGenerated: boolean;
  logins: { email: string; password: string }[];
}

/** On an empty database, a brand with an admin, two assistants and a web-chat inbox, for a first look. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly inboxes: InboxesService,
    private readonly config: AppConfig,
  ) {}

  /** `sandboxUrl`: where the offline provider sandbox listens; its SMS and WhatsApp inboxes are added too. */
  async seedIfEmpty(sandboxUrl: string | null): Promise<DemoSeedResult> {
    if (await this.agents.findByEmail(DEMO_ADMIN_EMAIL)) return { created: false, passwordGenerated: false, logins: [] };
    const password = this.config.demoPassword ?? randomBytes(9).toString('base64url');
    const admin = await this.agents.addFirstAdmin({ name: 'Demo Admin', email: DEMO_ADMIN_EMAIL, password, accountName: 'Maison Demo' });
    const ctx = { accountId: admin.accountId, role: 'admin' as const, agent: admin.agent };
    const assistantIds: string[] = [];
    for (const a of ASSISTANTS) assistantIds.push((await this.agents.addMember(admin.accountId, { ...a, role: 'agent', password })).id);
    await this.inboxes.create(ctx, { name: 'Maison Demo website', channel: { type: 'webchat' }, agentIds: assistantIds });
    for (const input of sandboxUrl ? demoChannelInputs(sandboxUrl) : []) await this.inboxes.create(ctx, { ...input, agentIds: assistantIds });
    return {
      created: true,
      passwordGenerated: !this.config.demoPassword,
      logins: [DEMO_ADMIN_EMAIL, ...ASSISTANTS.map((a) => a.email)].map((email) => ({ email, password })),
    };
  }
}

/** Inboxes whose provider API is the local sandbox, with what the sandbox needs to play their provider. */
export async function sandboxInboxes(inboxes: InboxesService, sandboxUrl: string): Promise<SandboxInbox[]> {
  const all = (await Promise.all(['twilio_sms', 'twilio_whatsapp', 'whatsapp_cloud'].map((type) => inboxes.allOfType(type)))).flat();
  return all
    .filter((inbox) => inbox.channelConfig.apiBaseUrl === sandboxUrl)
    .map((inbox) => ({
      id: inbox.id,
      channelType: inbox.channelType,
      config: inbox.channelConfig,
      credentials: inboxes.credentials<Record<string, unknown>>(inbox) ?? {},
      webhookUrl: inboxes.webhookUrls(inbox).events ?? '',
    }));
}
