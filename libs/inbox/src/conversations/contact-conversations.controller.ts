import type { ConversationView } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ConversationDto } from './conversation.dto.js';
import { ConversationQueries } from './conversation-queries.js';

/** Lives in the inbox lib, not contacts: contacts must not know about conversations (dependency direction). */
@ApiTags('contacts')
@Controller('api/v1/accounts/:accountId/contacts/:contactId/conversations')
@AccountRoute()
export class ContactConversationsController {
  constructor(private readonly queries: ConversationQueries) {}

  @Get()
  @ApiOkResponse({
    type: [ConversationDto],
    description: "The contact's conversations on all its channels, newest activity first (at most 20), in the inboxes the caller may see",
  })
  list(@CurrentAccount() ctx: AccountContext, @IdParam('contactId') contactId: string): Promise<ConversationView[]> {
    return this.queries.forContact(ctx, contactId);
  }
}
