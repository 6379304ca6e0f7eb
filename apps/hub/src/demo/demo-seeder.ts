import { randomBytes } from 'node:crypto';
import { InboxAutomationStore } from '@concierge/automation';
import { BuiltInStore, type BuiltInOrderInput, CommerceSettings, ProductsService } from '@concierge/commerce';
import { AppConfig } from '@concierge/config';
import { InboxesService } from '@concierge/inbox';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { DEMO_LINK_HOSTS, DEMO_PRODUCTS } from './demo-products.js';
import { demoChannelInputs, type SandboxInbox } from './demo-channels.js';

export const DEMO_ADMIN_EMAIL = 'admin@demo.concierge.test';
const ASSISTANTS = [
  { name: 'Mei Lin', email: 'mei@demo.concierge.test' },
  { name: 'Tom Laurent', email: 'tom@demo.concierge.test' },
];

/** Built-in store orders: two for the sandbox phone's customer (+15017122661), one for someone else. */
export const DEMO_ORDERS: BuiltInOrderInput[] = [
  {
    number: '1001', customerName: 'Amélie Durand', customerEmail: 'amelie.durand@example.com', customerPhone: '+15017122661', status: 'shipped',
    items: [{ title: 'Silk scarf — Midnight', quantity: 1, price: { amount: '129.00', currency: 'EUR' } }], total: { amount: '129.00', currency: 'EUR' },
    trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901', trackingCarrier: 'Colissimo',
  },
  {
    number: '1002', customerName: 'Léa Martin', customerEmail: 'lea.martin@example.com', customerPhone: '+33612345678', status: 'paid',
    items: [{ title: 'Leather tote', quantity: 1 }, { title: 'Card holder', quantity: 2 }], total: { amount: '560.00', currency: 'EUR' },
  },
  {
    number: '1003', customerName: 'Amélie Durand', customerEmail: 'amelie.durand@example.com', customerPhone: '+15017122661', status: 'delivered',
    items: [{ title: 'Cashmere beanie', quantity: 2 }], total: { amount: '180.00', currency: 'EUR' },
  },
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
    private readonly automation: InboxAutomationStore,
    private readonly config: AppConfig,
    private readonly store: BuiltInStore,
    private readonly catalog: ProductsService,
    private readonly commerceSettings: CommerceSettings,
  ) {}

  /**
   * A Paris boutique's week (Mon–Sat 10:00–19:00): outside it customers get one out-of-office reply with
   * the next opening time; inside it the conversation goes to an online assistant with an SLA clock.
   */
  private async automate(accountId: string, inboxId: string, greeting: boolean): Promise<void> {
    const weekly = [1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '10:00', close: '19:00' }));
    await this.automation.putHours(accountId, inboxId, { timeZone: 'Europe/Paris', weekly, holidays: [{ date: `${new Date().getFullYear()}-12-25`, name: 'Christmas' }] });
    await this.automation.putSettings(accountId, inboxId, {
      locales: ['en', 'zh-CN'],
      greeting: { enabled: greeting },
      intents: { enabled: true },
      assignment: { mode: 'round_robin' },
      sla: { firstResponseMinutes: 15, resolutionMinutes: 480 },
    });
  }

  /** `sandboxUrl`: where the offline provider sandbox listens; its SMS and WhatsApp inboxes are added too. */
  async seedIfEmpty(sandboxUrl: string | null): Promise<DemoSeedResult> {
    if (await this.agents.findByEmail(DEMO_ADMIN_EMAIL)) return { created: false, passwordGenerated: false, logins: [] };
    const password = this.config.demoPassword ?? randomBytes(9).toString('base64url');
    const admin = await this.agents.addFirstAdmin({ name: 'Demo Admin', email: DEMO_ADMIN_EMAIL, password, accountName: 'Maison Demo' });
    const ctx = { accountId: admin.accountId, role: 'admin' as const, agent: admin.agent };
    const assistantIds: string[] = [];
    for (const a of ASSISTANTS) assistantIds.push((await this.agents.addMember(admin.accountId, { ...a, role: 'agent', password })).id);
    const website = await this.inboxes.create(ctx, {
      name: 'Maison Demo website',
      channel: { type: 'webchat', title: 'Maison Demo', greeting: 'Bonjour! Ask us anything about our pieces, sizes or delivery.', replyTime: 'minutes', color: '#7a5c2e' },
      agentIds: assistantIds,
    });
    await this.commerceSettings.put(admin.accountId, { allowedLinkHosts: DEMO_LINK_HOSTS });
    await this.catalog.import(admin.accountId, DEMO_PRODUCTS, 'json');
    // The widget shows its own greeting; phone channels get the bot's greeting message.
    await this.automate(admin.accountId, website.id, false);
    for (const input of sandboxUrl ? demoChannelInputs(sandboxUrl) : []) {
      await this.automate(admin.accountId, (await this.inboxes.create(ctx, { ...input, agentIds: assistantIds })).id, true);
    }
    await this.store.seed(admin.accountId, DEMO_ORDERS);
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
