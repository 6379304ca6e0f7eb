import { safeFetch, type ChannelAdapter, type InboundMessageItem } from '@concierge/channels-core';
import { isTransientDbError } from '@concierge/database';
import type { MessageContent } from '@concierge/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service.js';
import type { InboxEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';

/**
 * Customer media is copied into the hub as soon as it arrives: provider media ids and URLs expire
 * (Meta: promptly), and agents must see it later. Fetches go through the SSRF guard; only the
 * provider API host the admin configured may be private (the offline sandbox).
 */
@Injectable()
export class InboundMedia {
  private readonly logger = new Logger(InboundMedia.name);

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly inboxes: InboxesService,
  ) {}

  async content(inbox: InboxEntity, adapter: ChannelAdapter, item: InboundMessageItem): Promise<MessageContent> {
    const ref = item.media!;
    try {
      const fetched = ref.dataBase64
        ? { bytes: Buffer.from(ref.dataBase64, 'base64'), mimeType: ref.mimeType ?? 'application/octet-stream', filename: ref.filename }
        : await adapter.fetchMedia(this.inboxes.context(inbox), ref, safeFetch);
      const attachment = await this.attachments.store({
        accountId: inbox.accountId,
        inboxId: inbox.id,
        bytes: fetched.bytes,
        mimeType: fetched.mimeType,
        filename: fetched.filename ?? ref.filename ?? null,
      });
      return this.attachments.content(attachment, ref.caption);
    } catch (error) {
      if (isTransientDbError(error)) throw error;
      const reason = error instanceof Error ? error.message : 'unknown error';
      this.logger.warn({ inboxId: inbox.id, sourceId: item.sourceId, reason }, 'Inbound media not stored');
      // The message itself is never dropped: agents see that media came and why it is missing.
      return { type: 'text', text: [`[${ref.mediaType} could not be stored: ${reason}]`, ref.caption].filter(Boolean).join('\n') };
    }
  }
}
