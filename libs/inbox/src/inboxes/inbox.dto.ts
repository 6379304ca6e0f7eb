import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

/** Channel settings by type. Only web chat exists so far; provider channels arrive with their issue. */
export class WebchatChannelDto {
  @ApiProperty({ enum: ['webchat'] })
  @IsIn(['webchat'], { message: 'type must be webchat (other channel types are not available yet)' })
  type: 'webchat';

  @ApiPropertyOptional({ type: [String], example: ['https://shop.example', 'https://*.shop.example'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ORIGIN, { each: true, message: 'each allowed origin must look like https://shop.example or https://*.shop.example' })
  allowedOrigins?: string[];

  @ApiPropertyOptional({ description: 'Require identifierHash whenever a visitor claims an identity' })
  @IsOptional()
  @IsBoolean()
  enforceIdentity?: boolean;
}

export class CreateInboxDto {
  @ApiProperty({ example: 'Website' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ type: WebchatChannelDto })
  @ValidateNested()
  @Type(() => WebchatChannelDto)
  channel: WebchatChannelDto;

  @ApiPropertyOptional({ type: [String], description: 'Agents (non-admins) who work this inbox' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  agentIds?: string[];
}

export class UpdateWebchatChannelDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ORIGIN, { each: true, message: 'each allowed origin must look like https://shop.example or https://*.shop.example' })
  allowedOrigins?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enforceIdentity?: boolean;
}

export class UpdateInboxDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: UpdateWebchatChannelDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateWebchatChannelDto)
  channel?: UpdateWebchatChannelDto;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  agentIds?: string[];
}
