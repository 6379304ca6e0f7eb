import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WebchatSettingsDto {
  @ApiProperty({ type: [String] }) allowedOrigins: string[];
  @ApiProperty() enforceIdentity: boolean;
}

export class WebhookUrlsDto {
  @ApiProperty({ nullable: true, type: String }) events: string | null;
  @ApiProperty({ nullable: true, type: String }) status: string | null;
}

export class InboxDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'webchat' }) channelType: string;
  @ApiProperty({ type: WebchatSettingsDto, description: 'Non-secret channel settings' }) channel: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) websiteToken: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Paste into the store page' }) embedSnippet: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The inbox's own number, for phone channels" }) address: string | null;
  @ApiProperty({ enum: ['active', 'paused'] }) status: 'active' | 'paused';
  @ApiProperty({ nullable: true, type: String, description: 'Why the inbox is paused' }) statusDetail: string | null;
  @ApiProperty({ type: WebhookUrlsDto, description: 'Paste into the provider console' }) webhookUrls: WebhookUrlsDto;
  @ApiProperty({ type: [String] }) agentIds: string[];
  @ApiProperty() createdAt: string;
}

export class CreatedInboxDto extends InboxDto {
  @ApiPropertyOptional({ description: 'Shown once: HMAC key for identifierHash (web chat identity verification)' })
  identitySecret?: string;
}

export class InboxSessionDto {
  @ApiProperty({ enum: ['starting', 'qr_required', 'connected', 'disconnected', 'failed', 'stopped'] }) state: string;
  @ApiProperty({ nullable: true, type: String, description: 'PNG data URL of the pairing QR while qr_required' }) qr: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The raw QR payload (for terminals)' }) qrText: string | null;
  @ApiProperty({ nullable: true, type: String }) detail: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() updatedAt: string;
}

export class TextMeasureDto {
  @ApiProperty() characters: number;
  @ApiProperty({ description: 'SMS segments this text costs (1 elsewhere)' }) segments: number;
  @ApiProperty({ enum: ['GSM-7', 'UCS-2'] }) encoding: string;
}
