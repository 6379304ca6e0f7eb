import { IdParam } from '@concierge/observability';
import { AccountRoute, AdminOnly, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { ContactMergeView, ContactView, UndoMergeResult } from './contact.views.js';
import { ContactDto } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

export class MergeContactDto {
  @ApiProperty({ description: 'The contact to merge into the one in the path; it disappears from lists until the merge is undone' })
  @IsUUID('all')
  contactId: string;
}

export class ContactMergeDto {
  @ApiProperty() id: string;
  @ApiProperty() survivorContactId: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null when a new phone channel joined an existing contact' }) mergedContactId: string | null;
  @ApiProperty({ type: [String] }) channelIds: string[];
  @ApiProperty({ enum: ['same_phone', 'verified_identity', 'manual'] }) reason: 'same_phone' | 'verified_identity' | 'manual';
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Agent who merged; null when automatic' }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) undoneAt: string | null;
  @ApiProperty({ nullable: true, type: String }) undoneBy: string | null;
}

class UndoMergeResultDto {
  @ApiProperty({ type: ContactMergeDto }) merge: ContactMergeDto;
  @ApiProperty({ type: ContactDto }) survivor: ContactDto;
  @ApiProperty({ type: ContactDto, description: 'The merged contact brought back, or a new contact for a detached phone channel' }) restored: ContactDto;
}

/**
 * Agents may merge (they are the ones who recognise a customer, and a merge can be undone);
 * only admins may undo, since an undo splits a customer's history again.
 */
@ApiTags('contacts')
@Controller('api/v1/accounts/:accountId/contacts')
@AccountRoute()
export class ContactMergesController {
  constructor(private readonly contacts: ContactsService) {}

  @Post(':contactId/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge another contact into this one (its channels and missing fields move here)' })
  @ApiOkResponse({ type: ContactDto, description: 'The surviving contact' })
  merge(@CurrentAccount() account: AccountContext, @IdParam('contactId') id: string, @Body() body: MergeContactDto): Promise<ContactView> {
    return this.contacts.merge(account, id, body.contactId.toLowerCase());
  }

  @Get(':contactId/merges')
  @ApiOperation({ summary: 'Merges involving this contact, newest first' })
  @ApiOkResponse({ type: [ContactMergeDto] })
  merges(@CurrentAccount() account: AccountContext, @IdParam('contactId') id: string): Promise<ContactMergeView[]> {
    return this.contacts.merges(account.accountId, id);
  }

  @Post('merges/:mergeId/undo')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Undo a merge: channels and fields go back, the merged contact reappears' })
  @ApiOkResponse({ type: UndoMergeResultDto })
  @ApiConflictResponse({ description: 'Already undone, or the survivor was merged again since (undo that first)' })
  undo(@CurrentAccount() account: AccountContext, @IdParam('mergeId') mergeId: string): Promise<UndoMergeResult> {
    return this.contacts.undoMerge(account, mergeId);
  }
}
