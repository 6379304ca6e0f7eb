import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CONTENT_SUBTYPES, ContentDto } from './content.dto.js';

@ApiExtraModels(...CONTENT_SUBTYPES.map((s) => s.value))
export class SendMessageDto {
  @ApiProperty({ oneOf: CONTENT_SUBTYPES.map((s) => ({ $ref: getSchemaPath(s.value) })), description: 'MessageContent, chosen by `type`' })
  @IsObject({ message: 'content must be an object with a type' })
  @ValidateNested()
  @Type(() => ContentDto, { discriminator: { property: 'type', subTypes: CONTENT_SUBTYPES }, keepDiscriminatorProperty: true })
  content: ContentDto;

  @ApiPropertyOptional({ description: 'A private note: visible to agents only, never sent to the customer' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({ description: 'Idempotency key chosen by the client; a repeat returns the stored message' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'clientMessageId must be 1-64 letters, digits, - or _' })
  clientMessageId?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Agents @mentioned in a private note (only with private: true). Each one who can see the conversation gets a `mention` notification; ' +
      'other ids (not in the brand, no access to the inbox, the author) are ignored.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class ListMessagesQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page: older messages' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  before?: string;

  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

class SenderDto {
  @ApiProperty({ enum: ['contact', 'agent', 'bot', 'system'] }) type: string;
  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class MessageDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() inboxId: string;
  @ApiProperty() conversationId: string;
  @ApiProperty({ enum: ['in', 'out'] }) direction: string;
  @ApiProperty({ enum: ['normal', 'note', 'activity'] }) kind: string;
  @ApiProperty({ type: SenderDto }) sender: SenderDto;
  @ApiProperty({ type: Object, description: 'MessageContent union, e.g. { type: "text", text }' }) content: object;
  @ApiProperty({ enum: ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: Object }) error: object | null;
  @ApiProperty({ nullable: true, type: String }) clientMessageId: string | null;
  @ApiProperty() createdAt: string;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto], description: 'Oldest first' }) data: MessageDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for older messages' }) nextCursor: string | null;
}
