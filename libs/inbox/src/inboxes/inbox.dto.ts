import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateInboxDto {
  @ApiProperty({ example: 'Website' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({
    type: Object,
    description:
      'Channel settings by `type`: webchat { allowedOrigins?, enforceIdentity? }; twilio_sms | twilio_whatsapp { accountSid, authToken, phoneNumber, ' +
      'messagingServiceSid?, apiBaseUrl? }; whatsapp_cloud { phoneNumberId, phoneNumber?, businessAccountId?, accessToken, appSecret, verifyToken, ' +
      'apiBaseUrl?, apiVersion?, catalogId? }; whatsapp_web { chromiumPath? }. Secrets are write-only.',
    example: { type: 'webchat', allowedOrigins: ['https://shop.example'] },
  })
  @IsObject({ message: 'channel must be an object with a type' })
  channel: Record<string, unknown>;

  @ApiPropertyOptional({ type: [String], description: 'Agents (non-admins) who work this inbox' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  agentIds?: string[];
}

export class UpdateInboxDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: Object, description: 'Settings to change (same fields as on create, type excluded); changing credentials resumes a paused inbox' })
  @IsOptional()
  @IsObject()
  channel?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  agentIds?: string[];
}

export class MeasureTextDto {
  @ApiProperty({ maxLength: 4096 })
  @IsString()
  @MaxLength(4096)
  text: string;
}
