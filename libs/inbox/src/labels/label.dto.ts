import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateLabelDto {
  @ApiProperty({ example: 'VIP', maxLength: 50, description: 'Unique in the brand, ignoring case' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiPropertyOptional({ example: '#e11d48', default: '#6b7280' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'color must look like #rrggbb' })
  color?: string;
}

export class UpdateLabelDto extends PartialType(CreateLabelDto) {}

export class LabelDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '#e11d48' }) color: string;
}
