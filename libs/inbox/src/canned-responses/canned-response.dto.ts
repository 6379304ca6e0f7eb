import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CannedResponsesQuery {
  @ApiPropertyOptional({ description: 'Matches a short-code prefix or any part of the content (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CreateCannedResponseDto {
  @ApiProperty({ example: 'thanks', description: 'What agents type after `/`; unique in the brand' })
  @IsString()
  @Matches(/^[a-z0-9_-]{1,32}$/, { message: 'shortCode must be 1-32 lowercase letters, digits, _ or -' })
  shortCode: string;

  @ApiProperty({ example: 'Thank you {{contact.first_name}}! — {{agent.first_name}}', maxLength: 4096, description: 'May use renderTemplate placeholders' })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @Matches(/\S/, { message: 'content must not be blank' })
  content: string;
}

export class UpdateCannedResponseDto extends PartialType(CreateCannedResponseDto) {}

export class CannedResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() shortCode: string;
  @ApiProperty() content: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
