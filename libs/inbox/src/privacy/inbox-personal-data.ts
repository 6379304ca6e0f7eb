import { PersonalDataHolder, PersonalDataRegistry, type HolderErasure, type PersonalDataSubject } from '@concierge/contacts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { AttachmentEntity, ChannelConsentEntity, ConversationEntity, MessageEntity, MessageStatusEventEntity } from '../entities/index.js';
import { WebhookSpool } from '../ingest/webhook-spool.js';

/**
 * What the inbox holds about a person: their conversations on every channel with every message
 * (theirs, agents', notes, activity lines), the files in them, SMS consent, quarantined webhook items
 * and spooled webhook batches that carry their address. Notifications, read markers, labels, SLA
 * clocks, outbox rows and video calls hang off conversations and messages by foreign key.
 */
@Injectable()
export class InboxPersonalData extends PersonalDataHolder implements OnModuleInit {
  readonly section = 'conversations';

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly attachments: AttachmentsService,
    private readonly spool: WebhookSpool,
  ) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(tx: EntityManager, subject: PersonalDataSubject): Promise<unknown> {
    const conversations = await this.conversations(tx, subject);
    const messages = conversations.length
      ? await tx.getRepository(MessageEntity).find({ where: { accountId: subject.accountId, conversationId: In(conversations.map((c) => c.id)) }, order: { seq: 'ASC' } })
      : [];
    const events = messages.length
      ? await tx.getRepository(MessageStatusEventEntity).find({ where: { messageId: In(messages.map((m) => m.id)) }, order: { occurredAt: 'ASC', id: 'ASC' } })
      : [];
    const consent = subject.channels.length ? await tx.getRepository(ChannelConsentEntity).findBy({ contactChannelId: In(subject.channels.map((c) => c.id)) }) : [];
    const attachmentIds = messages.map(attachmentIdOf).filter((id): id is string => id !== null);
    const files = attachmentIds.length ? await tx.getRepository(AttachmentEntity).findBy({ accountId: subject.accountId, id: In(attachmentIds) }) : [];
    return {
      conversations: conversations.map((c) => ({
        id: c.id,
        inboxId: c.inboxId,
        contactChannelId: c.contactChannelId,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
        lastActivityAt: c.lastActivityAt.toISOString(),
        messages: messages.filter((m) => m.conversationId === c.id).map((m) => ({
          id: m.id,
          direction: m.direction,
          kind: m.kind,
          senderType: m.senderType,
          senderName: m.senderName,
          content: m.content,
          status: m.status,
          error: m.error,
          createdAt: m.createdAt.toISOString(),
          statusHistory: events.filter((e) => e.messageId === m.id).map((e) => ({ status: e.status, occurredAt: e.occurredAt.toISOString(), errorCode: e.errorCode })),
        })),
      })),
      consent: consent.map((c) => ({ contactChannelId: c.contactChannelId, inboxId: c.inboxId, optedOut: c.optedOut, keyword: c.keyword, updatedAt: c.updatedAt.toISOString() })),
      // Links, not bytes: a file may be 16 MB, and the capability URL works without a session until the erasure.
      attachments: files.map((a) => ({ id: a.id, mimeType: a.mimeType, filename: a.filename, sizeBytes: a.sizeBytes, sha256: a.sha256, url: this.attachments.url(a.id), createdAt: a.createdAt.toISOString() })),
    };
  }

  async erase(tx: EntityManager, subject: PersonalDataSubject): Promise<HolderErasure> {
    const conversations = await this.conversations(tx, subject);
    const ids = conversations.map((c) => c.id);
    const messages = ids.length
      ? await tx.getRepository(MessageEntity).find({ select: { id: true, inboxId: true, sourceId: true, content: true }, where: { accountId: subject.accountId, conversationId: In(ids) } })
      : [];
    const attachmentIds = messages.map(attachmentIdOf).filter((id): id is string => id !== null);
    const sourceIds = messages.filter((m) => m.sourceId).map((m) => ({ inboxId: m.inboxId, sourceId: m.sourceId! }));
    const counts = {
      conversations: ids.length,
      messages: messages.length,
      attachments: attachmentIds.length ? ((await tx.getRepository(AttachmentEntity).delete({ accountId: subject.accountId, id: In(attachmentIds) })).affected ?? 0) : 0,
      consent: subject.channels.length ? ((await tx.getRepository(ChannelConsentEntity).delete({ contactChannelId: In(subject.channels.map((c) => c.id)) })).affected ?? 0) : 0,
      pendingStatuses: await this.deletePendingStatuses(tx, subject.accountId, sourceIds),
      quarantinedWebhooks: await this.deleteQuarantined(tx, subject),
    };
    // Messages, status events, outbox rows, notifications, read markers, labels, SLA clocks go with them.
    if (ids.length) await tx.getRepository(ConversationEntity).delete({ accountId: subject.accountId, id: In(ids) });
    const needles = needlesOf(subject);
    const addresses = new Set(subject.channels.map((c) => `${c.inboxId} ${c.address}`));
    return {
      counts,
      sourceIds,
      afterCommit: async () => ({
        spooledWebhookItems: await this.spool.purge((inboxId, item) =>
          item.kind === 'message' ? addresses.has(`${inboxId} ${item.address}`) || needles.some((n) => item.address.includes(n)) : item.kind === 'quarantine' && mentions(JSON.stringify(item.raw ?? null), needles),
        ),
      }),
    };
  }

  private conversations(tx: EntityManager, subject: PersonalDataSubject): Promise<ConversationEntity[]> {
    if (subject.channels.length === 0) return Promise.resolve([]);
    return tx.getRepository(ConversationEntity).find({ where: { accountId: subject.accountId, contactChannelId: In(subject.channels.map((c) => c.id)) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  private async deletePendingStatuses(tx: EntityManager, accountId: string, sources: { inboxId: string; sourceId: string }[]): Promise<number> {
    if (sources.length === 0) return 0;
    const rows: unknown[] = await tx.query(
      `DELETE FROM pending_status p USING unnest($2::uuid[], $3::text[]) AS s(inbox_id, source_id)
        WHERE p.account_id = $1 AND p.inbox_id = s.inbox_id AND p.source_id = s.source_id RETURNING p.id`,
      [accountId, sources.map((s) => s.inboxId), sources.map((s) => s.sourceId)],
    );
    return rows.length;
  }

  /** Quarantined items keep the provider's raw payload, which names the sender (phone, wa_id without "+", email). */
  private async deleteQuarantined(tx: EntityManager, subject: PersonalDataSubject): Promise<number> {
    const needles = needlesOf(subject);
    if (needles.length === 0) return 0;
    const rows: unknown[] = await tx.query(
      `DELETE FROM webhook_quarantine WHERE account_id = $1 AND raw IS NOT NULL
          AND EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE strpos(raw::text, n) > 0) RETURNING id`,
      [subject.accountId, needles],
    );
    return rows.length;
  }
}

function attachmentIdOf(m: Pick<MessageEntity, 'content'>): string | null {
  const id = (m.content as { attachmentId?: unknown }).attachmentId;
  return typeof id === 'string' ? id : null;
}

/** Strings that identify the person inside raw provider payloads: E.164 with and without "+", emails, visitor keys. */
function needlesOf(subject: PersonalDataSubject): string[] {
  const out = new Set<string>();
  for (const p of subject.phones) {
    out.add(p);
    out.add(p.replace(/^\+/, ''));
  }
  for (const e of subject.emails) out.add(e);
  for (const c of subject.channels) out.add(c.address);
  return [...out].filter((n) => n.length >= 6);
}

function mentions(text: string, needles: string[]): boolean {
  return needles.some((n) => text.includes(n));
}
