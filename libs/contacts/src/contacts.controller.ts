import { IdParam } from '@concierge/observability';
import { AccountRoute, CurrentAccount, type AccountContext } from '@concierge/tenancy';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ContactView } from './contact.views.js';
import { ContactsService } from './contacts.service.js';

export class ContactInputDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '+8613800138000' }) @IsOptional() @IsString() @MaxLength(32) phone?: string;
  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() attributes?: Record<string, string | number | boolean | null>;
}

export class ListContactsQuery {
  @ApiPropertyOptional({ description: 'Matches name, email or phone' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ default: 25, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

class ContactChannelDto {
  @ApiProperty() id: string;
  @ApiProperty() inboxId: string;
  @ApiProperty({ description: 'E.164 phone, WhatsApp id, or "web visitor"' }) address: string;
  @ApiProperty({ enum: ['phone', 'visitor'], description: 'Phone channels of one number join one contact across inboxes' }) kind: 'phone' | 'visitor';
}

export class ContactDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ type: Object }) attributes: Record<string, string | number | boolean | null>;
  @ApiProperty({ type: [ContactChannelDto] }) channels: ContactChannelDto[];
  @ApiProperty() createdAt: string;
}

class ContactPageDto {
  @ApiProperty({ type: [ContactDto] }) data: ContactDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('contacts')
@Controller('api/v1/accounts/:accountId/contacts')
@AccountRoute()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOkResponse({ type: ContactPageDto })
  list(@CurrentAccount() account: AccountContext, @Query() query: ListContactsQuery): Promise<{ data: ContactView[]; nextCursor: string | null }> {
    return this.contacts.list(account.accountId, query);
  }

  @Post()
  @ApiCreatedResponse({ type: ContactDto })
  create(@CurrentAccount() account: AccountContext, @Body() body: ContactInputDto): Promise<ContactView> {
    return this.contacts.create(account.accountId, body);
  }

  @Get(':contactId')
  @ApiOkResponse({ type: ContactDto })
  @ApiNotFoundResponse({ description: 'Unknown id, or a contact merged into another (details.mergedIntoId names the survivor)' })
  get(@CurrentAccount() account: AccountContext, @IdParam('contactId') id: string): Promise<ContactView> {
    return this.contacts.get(account.accountId, id);
  }

  @Patch(':contactId')
  @ApiOkResponse({ type: ContactDto })
  update(@CurrentAccount() account: AccountContext, @IdParam('contactId') id: string, @Body() body: ContactInputDto): Promise<ContactView> {
    return this.contacts.update(account.accountId, id, body);
  }
}
