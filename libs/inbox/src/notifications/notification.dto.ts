import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only the ones not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;

  @ApiPropertyOptional({ default: 25, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ description: 'The agent notified (the caller)' }) agentId: string;
  @ApiProperty({ enum: ['mention', 'assigned'] }) type: string;
  @ApiProperty() conversationId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The note that mentioned the caller' }) messageId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ nullable: true, type: String }) preview: string | null;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first' }) data: NotificationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for older ones' }) nextCursor: string | null;
  @ApiProperty({ description: "The caller's unread notifications in this brand (the bell badge)" }) unreadCount: number;
}
