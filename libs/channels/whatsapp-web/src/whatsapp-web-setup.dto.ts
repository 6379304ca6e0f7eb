import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, Matches } from 'class-validator';

/**
 * The executable is chosen by whoever administers an inbox, so only an absolute path to a Chromium/Chrome
 * binary is accepted: anything else would let an account admin make the hub run an arbitrary program.
 */
export const CHROMIUM_PATH = /^(?!.*\/\.\.?\/)\/(?:[\w.-]+\/)*(?:chromium|chromium-browser|chrome|google-chrome(?:-stable)?|chrome-headless-shell|headless_shell)$/;

export function isChromiumPath(value: unknown): value is string {
  return typeof value === 'string' && CHROMIUM_PATH.test(value);
}

/** `channel` of `POST /inboxes` for an unofficial WhatsApp Web session (linked by scanning a QR code). */
export class WhatsappWebSetupDto {
  @ApiProperty({ enum: ['whatsapp_web'] })
  @Equals('whatsapp_web')
  type: 'whatsapp_web';

  @ApiPropertyOptional({ example: '/usr/bin/chromium', description: 'Chromium for this inbox; the hub\'s CHROMIUM_PATH otherwise' })
  @IsOptional()
  @Matches(CHROMIUM_PATH, { message: 'chromiumPath must be an absolute path to a chromium or chrome executable' })
  chromiumPath?: string;
}
