import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, newId } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import type { MediaContent, MediaType } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttachmentEntity } from '../entities/index.js';
import { matchesSignature } from './file-signatures.js';

/** Types the hub stores and serves; anything else (HTML, scripts, SVG) is refused. */
const ALLOWED_MIME = /^(image\/(jpeg|png|gif|webp)|video\/(mp4|3gpp|quicktime)|audio\/(aac|amr|mpeg|mp4|ogg|opus|wav|x-wav)|application\/(pdf|zip|msword|vnd\.[a-z0-9.+-]+)|text\/(plain|csv|vcard|x-vcard))(;.*)?$/i;

export function mediaTypeOf(mimeType: string): MediaType {
  if (mimeType.startsWith('image/webp')) return 'sticker';
  const top = mimeType.split('/')[0];
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'document';
}

/**
 * Media bytes live in PostgreSQL so every hub instance serves them and a backup holds them.
 * They are served at an unguessable capability URL (HMAC of the id): providers and widgets fetch
 * them without a session, and no access token ever appears in a URL.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  isAllowed(mimeType: string): boolean {
    return ALLOWED_MIME.test(mimeType);
  }

  async store(input: { accountId: string; inboxId: string | null; bytes: Buffer; mimeType: string; filename?: string | null }): Promise<AttachmentEntity> {
    const mimeType = input.mimeType.split(';')[0]!.trim().toLowerCase();
    if (!this.isAllowed(mimeType)) throw new AppError('UNSUPPORTED_CONTENT', `Files of type ${mimeType} are not accepted`);
    if (input.bytes.length > this.config.limits.maxMediaBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Files are limited to ${this.config.limits.maxMediaBytes} bytes`);
    if (!matchesSignature(mimeType, input.bytes)) throw new AppError('UNSUPPORTED_CONTENT', `The file is not a ${mimeType} file`);
    const entity = this.db.getRepository(AttachmentEntity).create({
      id: newId(),
      accountId: input.accountId,
      inboxId: input.inboxId,
      mimeType,
      filename: input.filename?.slice(0, 200) ?? null,
      sizeBytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      data: input.bytes,
    });
    await this.db.getRepository(AttachmentEntity).insert(entity);
    return entity;
  }

  async find(accountId: string, id: string): Promise<AttachmentEntity | null> {
    return this.db.getRepository(AttachmentEntity).findOneBy({ id, accountId });
  }

  /** The message content for a stored attachment. */
  content(attachment: AttachmentEntity, caption?: string): MediaContent {
    return {
      type: 'media',
      mediaType: mediaTypeOf(attachment.mimeType),
      url: this.url(attachment.id),
      attachmentId: attachment.id,
      mimeType: attachment.mimeType,
      ...(attachment.filename && { filename: attachment.filename }),
      sizeBytes: attachment.sizeBytes,
      ...(caption && { caption }),
    };
  }

  url(id: string): string {
    return `${this.config.publicUrl}/media/${id}/${this.signature(id)}`;
  }

  async read(id: string, signature: string): Promise<AttachmentEntity & { data: Buffer }> {
    const expected = Buffer.from(this.signature(id));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw AppError.notFound('Media');
    const row = await this.db.getRepository(AttachmentEntity).createQueryBuilder('a').addSelect('a.data').where('a.id = :id', { id }).getOne();
    if (!row) throw AppError.notFound('Media');
    return row as AttachmentEntity & { data: Buffer };
  }

  private signature(id: string): string {
    return createHmac('sha256', this.config.secrets.tokenSecret).update(`media:${id}`).digest('base64url').slice(0, 32);
  }
}
