import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

// Twilio SIDs are a two-letter prefix + 32 lowercase hex digits; webhooks echo them verbatim, so an
// upper-cased SID would never match the `AccountSid` Twilio posts.
const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** Fields shared by both Twilio inbox types (`channel` of `POST /inboxes`). */
export abstract class TwilioSetupDto {
  @ApiProperty({ example: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', pattern: ACCOUNT_SID.source })
  @Matches(ACCOUNT_SID, { message: 'accountSid must be AC followed by 32 lowercase hex digits' })
  accountSid: string;

  @ApiProperty({ writeOnly: true, description: 'Auth Token of the account: signs webhooks and authenticates API calls' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  authToken: string;

  @ApiProperty({ example: '+14155550100', description: 'The Twilio number (or WhatsApp sender) in E.164' })
  @Matches(E164, { message: 'phoneNumber must be an E.164 number such as +14155550100' })
  phoneNumber: string;

  @ApiPropertyOptional({ example: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', description: 'Send through this Messaging Service instead of From' })
  @IsOptional()
  @Matches(MESSAGING_SERVICE_SID, { message: 'messagingServiceSid must be MG followed by 32 lowercase hex digits' })
  messagingServiceSid?: string;

  @ApiPropertyOptional({ example: 'https://api.twilio.com', description: 'Twilio API base URL (the offline sandbox or tests point it at loopback)' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'apiBaseUrl must be an http(s) URL' })
  apiBaseUrl?: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'Secret of a webhook SharedKey, when the account signs webhooks with one' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  webhookSharedKeySecret?: string;
}

export class TwilioSmsSetupDto extends TwilioSetupDto {
  @ApiProperty({ enum: ['twilio_sms'] })
  @Equals('twilio_sms')
  type: 'twilio_sms';
}

export class TwilioWhatsappSetupDto extends TwilioSetupDto {
  @ApiProperty({ enum: ['twilio_whatsapp'] })
  @Equals('twilio_whatsapp')
  type: 'twilio_whatsapp';
}
