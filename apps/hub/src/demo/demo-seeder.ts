import { randomBytes } from 'node:crypto';
import { AppConfig } from '@concierge/config';
import { InboxesService } from '@concierge/inbox';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';

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

  async seedIfEmpty(): Promise<DemoSeedResult> {
    if (await this.agents.findByEmail(DEMO_ADMIN_EMAIL)) return { created: false, passwordGenerated: false, logins: [] };
    const password = this.config.demoPassword ?? randomBytes(9).toString('base64url');
    const admin = await this.agents.addFirstAdmin({ name: 'Demo Admin', email: DEMO_ADMIN_EMAIL, password, accountName: 'Maison Demo' });
    const ctx = { accountId: admin.accountId, role: 'admin' as const, agent: admin.agent };
    const assistantIds: string[] = [];
    for (const a of ASSISTANTS) assistantIds.push((await this.agents.addMember(admin.accountId, { ...a, role: 'agent', password })).id);
    await this.inboxes.create(ctx, { name: 'Maison Demo website', channel: { type: 'webchat' }, agentIds: assistantIds });
    return {
      created: true,
      passwordGenerated: !this.config.demoPassword,
      logins: [DEMO_ADMIN_EMAIL, ...ASSISTANTS.map((a) => a.email)].map((email) => ({ email, password })),
    };
  }
}
