import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LabelDto } from '../labels/label.dto.js';

/** Filters shared by the list and the tab counts. */
export class ConversationFilterQuery {
  @ApiPropertyOptional({ enum: ['open', 'pending', 'snoozed', 'resolved', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'pending', 'snoozed', 'resolved', 'all'])
  status?: 'open' | 'pending' | 'snoozed' | 'resolved' | 'all';

  @ApiPropertyOptional() @IsOptional() @IsUUID('all') inboxId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') teamId?: string;
  @ApiPropertyOptional({ description: 'Only conversations carrying this label' }) @IsOptional() @IsUUID('all') labelId?: string;

  @ApiPropertyOptional({ description: "Matches the contact's name, email or phone and the last message" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ListConversationsQuery extends ConversationFilterQuery {
  @ApiPropertyOptional({ enum: ['me', 'unassigned', 'all'], default: 'all' })
  @IsOptional()
  @IsIn(['me', 'unassigned', 'all'])
  assignee?: 'me' | 'unassigned' | 'all';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;

  @ApiPropertyOptional({ default: 25, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SetLabelsDto {
  @ApiProperty({ type: [String], description: 'The complete set of labels the conversation should carry (empty clears them)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  labelIds: string[];
}

export class UpdateConversationDto {
  @ApiPropertyOptional({ enum: ['open', 'pending', 'snoozed', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'pending', 'snoozed', 'resolved'])
  status?: 'open' | 'pending' | 'snoozed' | 'resolved';

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null unassigns' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all')
  assigneeId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all')
  teamId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required with status snoozed (ISO 8601, in the future)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString()
  snoozedUntil?: string | null;
}

class AgentSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class ContactSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class ConversationDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() inboxId: string;
  @ApiProperty({ enum: ['open', 'pending', 'snoozed', 'resolved'] }) status: string;
  @ApiProperty({ type: AgentSummaryDto, nullable: true }) assignee: AgentSummaryDto | null;
  @ApiProperty({ nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ type: ContactSummaryDto }) contact: ContactSummaryDto;
  @ApiProperty({ nullable: true, type: String }) snoozedUntil: string | null;
  @ApiProperty() lastActivityAt: string;
  @ApiProperty({ nullable: true, type: String }) lastMessagePreview: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'WhatsApp 24-hour window end; null when the channel has none' }) customerWindowExpiresAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [LabelDto] }) labels: LabelDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "The caller's unread customer messages (REST); null in realtime payloads, which every agent shares",
  })
  unreadCount: number | null;
}

export class ConversationCountsDto {
  @ApiProperty({ description: 'Assigned to the caller' }) mine: number;
  @ApiProperty() unassigned: number;
  @ApiProperty() all: number;
}

export class ConversationPageDto {
  @ApiProperty({ type: [ConversationDto] }) data: ConversationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
