import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;
const ORIGIN_MESSAGE = 'each allowed origin must look like https://shop.example or https://*.shop.example';

export const WIDGET_REPLY_TIMES = ['minutes', 'hour', 'day'] as const;
export const WIDGET_POSITIONS = ['right', 'left'] as const;

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

  @ApiPropertyOptional({ description: 'Widget header title (default: the inbox name)', maxLength: 60, example: 'Maison Demo' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  title?: string;

  @ApiPropertyOptional({ description: 'First message shown in the widget', maxLength: 500, example: 'Hello! How can we help you today?' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  greeting?: string;

  @ApiPropertyOptional({ enum: WIDGET_REPLY_TIMES, description: 'Expected reply time shown to visitors' })
  @IsOptional()
  @IsIn(WIDGET_REPLY_TIMES)
  replyTime?: (typeof WIDGET_REPLY_TIMES)[number];

  @ApiPropertyOptional({ description: 'Brand colour of the bubble and the widget, #rrggbb', example: '#7a5c2e' })
  @IsOptional()
  @Matches(/^#[0-9a-f]{6}$/i, { message: 'color must be a hex colour like #7a5c2e' })
  color?: string;

  @ApiPropertyOptional({ enum: WIDGET_POSITIONS, description: 'Side of the page the bubble sits on' })
  @IsOptional()
  @IsIn(WIDGET_POSITIONS)
  position?: (typeof WIDGET_POSITIONS)[number];
}
