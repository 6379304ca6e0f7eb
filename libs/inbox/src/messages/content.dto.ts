import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const SENDABLE_TYPES = ['text', 'media', 'location', 'buttons', 'list', 'link_button', 'template', 'product_card', 'product_list'];
const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/**
 * The agent-sendable part of the MessageContent union, validated by `type` (class-transformer
 * discriminator). Channels that cannot render a type get a degraded form (channels-core `degrade`).
 */
export abstract class ContentDto {
  @ApiProperty({ enum: SENDABLE_TYPES })
  @IsIn(SENDABLE_TYPES, { message: `content.type must be one of ${SENDABLE_TYPES.join(', ')}` })
  type: string;
}

export class TextContentDto extends ContentDto {
  @Equals('text') declare type: 'text';
  @ApiProperty({ maxLength: 4096 }) @IsString() @MinLength(1, { message: 'text must not be empty' }) text: string;
}

export class MediaContentDto extends ContentDto {
  @Equals('media') declare type: 'media';
  @ApiProperty({ enum: ['image', 'video', 'audio', 'document', 'sticker'] }) @IsIn(['image', 'video', 'audio', 'document', 'sticker']) mediaType: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  @ApiPropertyOptional({ description: 'A public http(s) URL; or use attachmentId' })
  @ValidateIf((o: MediaContentDto) => o.attachmentId === undefined)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL (or give an attachmentId)' })
  url: string;
  @ApiPropertyOptional({ description: 'An uploaded attachment (POST …/attachments)' }) @IsOptional() @IsUUID() attachmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1024) caption?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) filename?: string;
}

export class LocationContentDto extends ContentDto {
  @Equals('location') declare type: 'location';
  @ApiProperty() @IsLatitude() latitude: number;
  @ApiProperty() @IsLongitude() longitude: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
}

class ButtonDto {
  @ApiProperty() @IsString() @Matches(/^[\w.:-]{1,256}$/) id: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20, { message: 'button titles are limited to 20 characters' }) title: string;
}

export class ButtonsContentDto extends ContentDto {
  @Equals('buttons') declare type: 'buttons';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) text: string;
  @ApiProperty({ type: [ButtonDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ButtonDto) buttons: ButtonDto[];
}

class ListRowDto {
  @ApiProperty() @IsString() @Matches(/^[\w.:-]{1,200}$/) id: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(24) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(72) description?: string;
}

class ListSectionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(24) title?: string;
  @ApiProperty({ type: [ListRowDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ListRowDto) rows: ListRowDto[];
}

export class ListContentDto extends ContentDto {
  @Equals('list') declare type: 'list';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) text: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20) buttonText: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) header?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) footer?: string;
  @ApiProperty({ type: [ListSectionDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ListSectionDto) sections: ListSectionDto[];
}

export class LinkButtonContentDto extends ContentDto {
  @Equals('link_button') declare type: 'link_button';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) text: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20) buttonText: string;
  @ApiProperty() @IsUrl(URL_OPTIONS) url: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS) imageUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) footer?: string;
}

export class TemplateContentDto extends ContentDto {
  @Equals('template') declare type: 'template';
  @ApiProperty({ description: 'Approved template name (WhatsApp) or Content SID HX… (Twilio)' }) @IsString() @Matches(/^[\w-]{1,512}$/) name: string;
  @ApiProperty({ example: 'en_US' }) @IsString() @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/, { message: 'language must look like en or en_US' }) language: string;
  @ApiPropertyOptional({ description: 'Body variables: {"1": "Mei"} or named' }) @IsOptional() @IsObject() variables?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^HX[0-9a-fA-F]{32}$/) providerTemplateId?: string;
  @ApiPropertyOptional({ description: 'What agents see in the thread' }) @IsOptional() @IsString() @MaxLength(1024) preview?: string;
}

class MoneyDto {
  @ApiProperty({ example: '390.00' }) @IsString() @Matches(/^\d{1,12}(\.\d{1,4})?$/) amount: string;
  @ApiProperty({ example: 'EUR' }) @IsString() @Matches(/^[A-Z]{3}$/) currency: string;
}

export class ProductDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) productId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiPropertyOptional({ type: MoneyDto }) @IsOptional() @ValidateNested() @Type(() => MoneyDto) price?: MoneyDto;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS) imageUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) retailerId?: string;
}

export class ProductCardContentDto extends ProductDto {
  @ApiProperty({ enum: ['product_card'] }) @Equals('product_card') type: 'product_card';
}

export class ProductListContentDto extends ContentDto {
  @Equals('product_list') declare type: 'product_list';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(60) header: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) text: string;
  @ApiProperty({ type: [ProductDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ProductDto) products: ProductDto[];
}

export const CONTENT_SUBTYPES = [
  { value: TextContentDto, name: 'text' },
  { value: MediaContentDto, name: 'media' },
  { value: LocationContentDto, name: 'location' },
  { value: ButtonsContentDto, name: 'buttons' },
  { value: ListContentDto, name: 'list' },
  { value: LinkButtonContentDto, name: 'link_button' },
  { value: TemplateContentDto, name: 'template' },
  { value: ProductCardContentDto, name: 'product_card' },
  { value: ProductListContentDto, name: 'product_list' },
];
