import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.concierge.test' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  password: string;
}

export class AgentProfileDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class AccountMembershipDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['admin', 'agent'] }) role: 'admin' | 'agent';
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: AgentProfileDto }) agent: AgentProfileDto;
  @ApiProperty({ type: [AccountMembershipDto] }) accounts: AccountMembershipDto[];
}
