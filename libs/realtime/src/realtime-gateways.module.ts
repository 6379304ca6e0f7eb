import { InboxModule } from '@concierge/inbox';
import { TenancyModule } from '@concierge/tenancy';
import { Module } from '@nestjs/common';
import { AgentGateway } from './agent.gateway.js';
import { WebchatGateway } from './webchat.gateway.js';

@Module({
  imports: [TenancyModule, InboxModule],
  providers: [AgentGateway, WebchatGateway],
})
export class RealtimeGatewaysModule {}
