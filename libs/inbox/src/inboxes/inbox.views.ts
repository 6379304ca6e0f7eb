import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WebchatSettingsDto {
  @ApiProperty({ type: [String] }) allowedOrigins: string[];
  @ApiProperty() enforceIdentity: boolean;
}

export class InboxDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'webchat' }) channelType: string;
  @ApiProperty({ type: WebchatSettingsDto, description: 'Non-secret channel settings' }) channel: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) websiteToken: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Paste into the store page' }) embedSnippet: string | null;
  @ApiProperty({ type: [String] }) agentIds: string[];
  @ApiProperty() createdAt: string;
}

export class CreatedInboxDto extends InboxDto {
  @ApiPropertyOptional({ description: 'Shown once: HMAC key for identifierHash (web chat identity verification)' })
  identitySecret?: string;
}
