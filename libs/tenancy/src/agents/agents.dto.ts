import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class AddAgentDto {
  @ApiProperty({ example: 'Mei Lin' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'mei@brand.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['admin', 'agent'] })
  @IsIn(['admin', 'agent'])
  role: 'admin' | 'agent';

  @ApiPropertyOptional({ description: 'Required when the email has no login yet (min 10 characters)' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(512)
  password?: string;
}

export class UpdateAgentDto {
  @ApiProperty({ enum: ['admin', 'agent'] })
  @IsIn(['admin', 'agent'])
  role: 'admin' | 'agent';
}

export class AgentDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['admin', 'agent'] }) role: 'admin' | 'agent';
}
