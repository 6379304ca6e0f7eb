import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

/** Agents send text for now; richer `MessageContent` types arrive with the channels and commerce issues. */
export class TextContentDto {
  @ApiProperty({ enum: ['text'] })
  @IsString()
  @Equals('text', { message: "content.type must be 'text' (other content types are not available yet)" })
  type: 'text';

  @ApiProperty({ maxLength: 4096 })
  @IsString()
  @MinLength(1, { message: 'text must not be empty' })
  text: string;
}

export class SendMessageDto {
  @ApiProperty({ type: TextContentDto })
  @ValidateNested()
  @Type(() => TextContentDto)
  content: TextContentDto;

  @ApiPropertyOptional({ description: 'A private note: visible to agents only, never sent to the customer' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({ description: 'Idempotency key chosen by the client; a repeat returns the stored message' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'clientMessageId must be 1-64 letters, digits, - or _' })
  clientMessageId?: string;
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
