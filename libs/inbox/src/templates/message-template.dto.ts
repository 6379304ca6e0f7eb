import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class CreateMessageTemplateDto {
  @ApiProperty({ example: 'order_update', description: 'The approved template name (lowercase, digits, _)' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,512}$/, { message: 'name must be 1-512 lowercase letters, digits or _' })
  name: string;

  @ApiProperty({ example: 'en_US' })
  @IsString()
  @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/, { message: 'language must look like en or en_US' })
  language: string;

  @ApiProperty({ example: 'Hi {{1}}, your order {{2}} has shipped.', maxLength: 1024, description: 'Body text with {{1}}, {{2}}… placeholders' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  @Matches(/\S/, { message: 'body must not be blank' })
  body: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'HX0123456789abcdef0123456789abcdef', description: 'Twilio Content SID' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^HX[0-9a-fA-F]{32}$/, { message: 'providerTemplateId must be a Twilio Content SID (HX + 32 hex)' })
  providerTemplateId?: string | null;
}

export class UpdateMessageTemplateDto extends PartialType(CreateMessageTemplateDto) {}

export class MessageTemplateDto {
  @ApiProperty() id: string;
  @ApiProperty() inboxId: string;
  @ApiProperty() name: string;
  @ApiProperty() language: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) providerTemplateId: string | null;
  @ApiProperty({ type: [String], example: ['1', '2'], description: 'Placeholder keys in the body, in order of first appearance' }) variables: string[];
  @ApiProperty() createdAt: string;
}
