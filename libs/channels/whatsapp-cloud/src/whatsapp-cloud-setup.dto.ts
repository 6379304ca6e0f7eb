import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

const DIGITS = /^\d{5,30}$/;

/**
 * `channel` of `POST /inboxes` for a WhatsApp Cloud API number. The ids come from the app's
 * "API Setup" page in the Meta developer dashboard; `verifyToken` is any string the admin also types
 * into the dashboard's webhook settings. `accessToken`, `appSecret` and `verifyToken` are sealed.
 */
export class WhatsappCloudSetupDto {
  @ApiProperty({ enum: ['whatsapp_cloud'] })
  @Equals('whatsapp_cloud')
  type: 'whatsapp_cloud';

  @ApiProperty({ example: '106540352242922', description: 'Phone number ID (not the phone number)' })
  @Matches(DIGITS, { message: 'phoneNumberId must be the numeric phone number ID from the Meta dashboard' })
  phoneNumberId: string;

  @ApiPropertyOptional({ example: '+15550783881', description: 'The number customers see, E.164 (display only)' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phoneNumber must be E.164, e.g. +15550783881' })
  phoneNumber?: string;

  @ApiPropertyOptional({ example: '102290129340398', description: 'WhatsApp Business Account ID' })
  @IsOptional()
  @Matches(DIGITS, { message: 'businessAccountId must be numeric' })
  businessAccountId?: string;

  @ApiProperty({ writeOnly: true, description: 'System-user access token with whatsapp_business_messaging' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  accessToken: string;

  @ApiProperty({ writeOnly: true, description: 'App secret, used to check X-Hub-Signature-256' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  appSecret: string;

  @ApiProperty({ writeOnly: true, description: 'Verify token typed into the webhook settings of the Meta app' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  verifyToken: string;

  @ApiPropertyOptional({ example: 'https://graph.facebook.com', description: 'Defaults to Meta; the sandbox and tests use loopback' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  apiBaseUrl?: string;

  @ApiPropertyOptional({ example: 'v26.0', description: 'Graph API version (default v26.0)' })
  @IsOptional()
  @Matches(/^v\d{1,3}\.\d$/, { message: 'apiVersion must look like v26.0' })
  apiVersion?: string;

  @ApiPropertyOptional({ example: '1234567890123456', description: 'Meta commerce catalog linked to the WhatsApp Business Account' })
  @IsOptional()
  @Matches(DIGITS, { message: 'catalogId must be numeric' })
  catalogId?: string;
}
