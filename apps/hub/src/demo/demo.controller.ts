import { AppConfig } from '@concierge/config';
import { AppError } from '@concierge/common';
import { InboxesService } from '@concierge/inbox';
import { AgentDirectory } from '@concierge/tenancy';
import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEMO_ADMIN_EMAIL } from './demo-seeder.js';

/** Tells the demo store page which web-chat inbox to talk to. Exists only while the demo is enabled. */
@ApiExcludeController()
@Controller('demo')
export class DemoController {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly inboxes: InboxesService,
    private readonly config: AppConfig,
  ) {}

  @Get('config.json')
  async demoConfig(): Promise<{ brandName: string; websiteToken: string }> {
    const admin = this.config.seedDemo ? await this.agents.findByEmail(DEMO_ADMIN_EMAIL) : null;
    const account = admin ? (await this.agents.accountsOf(admin.id))[0] : undefined;
    const inbox = admin && account
      ? (await this.inboxes.list({ accountId: account.id, role: 'admin', agent: { id: admin.id, name: admin.name, email: admin.email } }))
          .find((i) => i.channelType === 'webchat')
      : undefined;
    if (!account || !inbox?.websiteToken) throw AppError.notFound('Demo');
    return { brandName: account.name, websiteToken: inbox.websiteToken };
  }
}
