import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ContactPrivacy, EXPORT_FORMAT, type ContactExport, type ErasureResult } from './contact-privacy.js';

class ContactExportDto {
  @ApiProperty({ enum: [EXPORT_FORMAT] }) format: string;
  @ApiProperty() exportedAt: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ type: Object, description: 'The contact: id, name, email, phone, attributes, createdAt, updatedAt' }) contact: object;
  @ApiProperty({ type: [Object], description: 'Contacts merged into this one (kept for undo): the same person' }) mergedContacts: object[];
  @ApiProperty({ type: [Object], description: 'Addresses on each inbox: E.164 phones, web visitor keys' }) channels: object[];
  @ApiProperty({ type: [Object], description: 'Merge records involving the contact' }) merges: object[];
  @ApiProperty({ type: [Object], description: 'Every conversation on every channel with all its messages (content as stored), statuses and SMS consent' }) conversations: object[];
  @ApiProperty({ type: [Object], description: 'Files in those messages: metadata, sha256 and a download link (/media/:id/:signature, valid until erased)' }) attachments: object[];
  @ApiProperty({ type: Object, description: 'Built-in store orders placed with their phone or email, and order ownership challenges' }) orders: object;
}

class ErasureResultDto {
  @ApiProperty({ description: 'Id of the audit row (contact_erasure)' }) erasureId: string;
  @ApiProperty() contactId: string;
  @ApiProperty() erasedAt: string;
  @ApiProperty({ type: Object, description: 'Rows and files removed, by kind (numbers only)' }) counts: Record<string, number>;
}

/**
 * Right of access and erasure (GDPR art. 15, 17, 20; PIPL art. 45, 47). Admins only: an export holds
 * every message of the person, and an erasure cannot be undone.
 */
@ApiTags('contacts')
@Controller('api/v1/accounts/:accountId/contacts')
@AccountRoute()
@AdminOnly()
export class ContactPrivacyController {
  constructor(private readonly privacy: ContactPrivacy) {}

  @Get(':contactId/export')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Everything the hub holds about a contact, across channels (JSON; attachments as download links)' })
  @ApiOkResponse({ type: ContactExportDto })
  @ApiNotFoundResponse({ description: 'Unknown id, or a contact merged into another (details.mergedIntoId)' })
  export(@CurrentAccount() account: AccountContext, @IdParam('contactId') id: string): Promise<ContactExport> {
    return this.privacy.export(account, id);
  }

  @Post(':contactId/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a contact across every channel: contact, channels, conversations, messages, attachments, consent, '
      + 'notifications, merge records, quarantined and spooled webhooks, order links. Leaves an audit row without personal '
      + 'data and keyed hashes of the addresses and provider message ids, so a replayed old webhook stores nothing; a new '
      + 'message from the same address later starts a new contact.',
  })
  @ApiOkResponse({ type: ErasureResultDto })
  @ApiNotFoundResponse({ description: 'Unknown id, or a contact merged into another (details.mergedIntoId)' })
  erase(@CurrentAccount() account: AccountContext, @IdParam('contactId') id: string): Promise<ErasureResult> {
    return this.privacy.erase(account, id);
  }
}
