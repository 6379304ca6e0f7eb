import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { CallKind, CallMode, CallRole, CallStatus } from '@concierge/contracts';
import type { CallParticipantView, CallView } from './call-views.js';

export class StartCallDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Schedule the call: the invite goes out now, a reminder 10 minutes before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: Date;
}

export class StartConsultationDto extends StartCallDto {
  @ApiProperty({ example: 'Spring collection preview', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [String], description: 'One conversation per buyer: each is invited in their own thread (1–40)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @IsUUID('all', { each: true })
  conversationIds: string[];
}

export class PinProductDto {
  @ApiProperty({ nullable: true, type: String, description: 'A catalog product id, or null to unpin' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all')
  productId: string | null;
}

export class CallParticipantDto implements CallParticipantView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['host', 'agent', 'customer'] }) role: CallRole;
  @ApiProperty({ description: 'Display name shown to other participants (a first name; never contact details)' }) name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) agentId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) contactId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) conversationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) joinedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) leftAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "A customer's invite link, or the caller's own seat; null once the call is over" }) joinUrl: string | null;
}

export class CallDto implements CallView {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['one_to_one', 'group'] }) kind: CallKind;
  @ApiProperty({ enum: ['p2p', 'mesh', 'sfu'] }) mode: CallMode;
  @ApiProperty({ enum: ['scheduled', 'invited', 'active', 'ended', 'missed', 'cancelled'] }) status: CallStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) conversationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) title: string | null;
  @ApiProperty() maxParticipants: number;
  @ApiPropertyOptional({ nullable: true, type: Object }) pinnedProduct: CallView['pinnedProduct'];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) scheduledAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'Invite links stop working (410) after this' }) expiresAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) endedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) durationSeconds: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [CallParticipantDto] }) participants: CallParticipantDto[];
}
