import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;
const ORIGIN_MESSAGE = 'each allowed origin must look like https://shop.example or https://*.shop.example';

/** `channel` of `POST /inboxes` for a website widget. */
export class WebchatSetupDto {
  @ApiProperty({ enum: ['webchat'] })
  @Equals('webchat')
  type: 'webchat';

  @ApiPropertyOptional({ type: [String], example: ['https://shop.example', 'https://*.shop.example'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ORIGIN, { each: true, message: ORIGIN_MESSAGE })
  allowedOrigins?: string[];

  @ApiPropertyOptional({ description: 'Require identifierHash whenever a visitor claims an identity' })
  @IsOptional()
  @IsBoolean()
  enforceIdentity?: boolean;
}
