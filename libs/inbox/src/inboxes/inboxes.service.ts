import { AppError, newId, randomToken, SecretBox } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { AgentDirectory, type AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { InboxEntity, InboxMemberEntity } from '../entities/index.js';
import type { CreateInboxDto, UpdateInboxDto } from './inbox.dto.js';
import type { CreatedInboxDto, InboxDto } from './inbox.views.js';

export interface WebchatSettings {
  allowedOrigins: string[];
  enforceIdentity: boolean;
}

@Injectable()
export class InboxesService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly agents: AgentDirectory,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.secrets.encryptionKey);
  }

  async create(ctx: AccountContext, input: CreateInboxDto): Promise<CreatedInboxDto> {
    const id = newId();
    const identitySecret = randomToken(32);
    const settings: WebchatSettings = {
      allowedOrigins: input.channel.allowedOrigins ?? [],
      enforceIdentity: input.channel.enforceIdentity ?? false,
    };
    await this.db.getRepository(InboxEntity).insert({
      id,
      accountId: ctx.accountId,
      name: input.name.trim(),
      channelType: input.channel.type,
      channelConfig: { ...settings },
      credentials: this.box.seal({ identitySecret }),
      websiteToken: randomToken(18),
    });
    if (input.agentIds) await this.setMembers(ctx.accountId, id, input.agentIds);
    return { ...(await this.get(ctx, id)), identitySecret };
  }

  async list(ctx: AccountContext): Promise<InboxDto[]> {
    const ids = await this.accessibleInboxIds(ctx);
    if (ids.length === 0) return [];
    const inboxes = await this.db.getRepository(InboxEntity).find({ where: { accountId: ctx.accountId, id: In(ids) }, order: { name: 'ASC' } });
    return this.views(inboxes);
  }

  async get(ctx: AccountContext, inboxId: string): Promise<InboxDto> {
    return (await this.views([await this.entity(ctx, inboxId)]))[0]!;
  }

  async update(ctx: AccountContext, inboxId: string, input: UpdateInboxDto): Promise<InboxDto> {
    const inbox = await this.entity(ctx, inboxId);
    const channelConfig = { ...inbox.channelConfig };
    if (input.channel?.allowedOrigins !== undefined) channelConfig.allowedOrigins = input.channel.allowedOrigins;
    if (input.channel?.enforceIdentity !== undefined) channelConfig.enforceIdentity = input.channel.enforceIdentity;
    await this.db.getRepository(InboxEntity).update(
      { id: inboxId, accountId: ctx.accountId },
      { channelConfig, ...(input.name !== undefined && { name: input.name.trim() }) },
    );
    if (input.agentIds) await this.setMembers(ctx.accountId, inboxId, input.agentIds);
    return this.get(ctx, inboxId);
  }

  async remove(ctx: AccountContext, inboxId: string): Promise<void> {
    await this.entity(ctx, inboxId);
    await this.db.getRepository(InboxEntity).delete({ id: inboxId, accountId: ctx.accountId });
  }

  /** Admins see every inbox of the brand; agents the inboxes they are members of. */
  async accessibleInboxIds(ctx: AccountContext): Promise<string[]> {
    if (ctx.role === 'admin') {
      const rows = await this.db.getRepository(InboxEntity).find({ select: { id: true }, where: { accountId: ctx.accountId } });
      return rows.map((r) => r.id);
    }
    const rows = await this.db.getRepository(InboxMemberEntity).findBy({ accountId: ctx.accountId, agentId: ctx.agent.id });
    return rows.map((r) => r.inboxId);
  }

  /** The inbox if the caller may see it; otherwise it does not exist for them (404). */
  async entity(ctx: AccountContext, inboxId: string): Promise<InboxEntity> {
    const inbox = await this.db.getRepository(InboxEntity).findOneBy({ id: inboxId, accountId: ctx.accountId });
    if (!inbox || !(ctx.role === 'admin' || (await this.isMember(inboxId, ctx.agent.id)))) throw AppError.notFound('Inbox');
    return inbox;
  }

  async canAccess(ctx: AccountContext, inboxId: string): Promise<boolean> {
    return ctx.role === 'admin' || this.isMember(inboxId, ctx.agent.id);
  }

  async byWebsiteToken(websiteToken: string): Promise<InboxEntity | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(websiteToken)) return null;
    return this.db.getRepository(InboxEntity).findOneBy({ websiteToken });
  }

  async byId(inboxId: string): Promise<InboxEntity | null> {
    return this.db.getRepository(InboxEntity).findOneBy({ id: inboxId });
  }

  credentials<T>(inbox: InboxEntity): T | null {
    return inbox.credentials ? this.box.open<T>(inbox.credentials) : null;
  }

  webchatSettings(inbox: InboxEntity): WebchatSettings {
    const cfg = inbox.channelConfig as Partial<WebchatSettings>;
    return { allowedOrigins: cfg.allowedOrigins ?? [], enforceIdentity: cfg.enforceIdentity ?? false };
  }

  private async isMember(inboxId: string, agentId: string): Promise<boolean> {
    return (await this.db.getRepository(InboxMemberEntity).countBy({ inboxId, agentId })) > 0;
  }

  private async setMembers(accountId: string, inboxId: string, agentIds: string[]): Promise<void> {
    const valid = await this.agents.agentIdsIn(accountId, agentIds);
    if (valid.length !== new Set(agentIds).size) throw AppError.notFound('Agent');
    await this.db.transaction(async (tx) => {
      await tx.getRepository(InboxMemberEntity).delete({ accountId, inboxId });
      if (valid.length) await tx.getRepository(InboxMemberEntity).insert(valid.map((agentId) => ({ inboxId, agentId, accountId })));
    });
  }

  private async views(inboxes: InboxEntity[]): Promise<InboxDto[]> {
    const members = inboxes.length ? await this.db.getRepository(InboxMemberEntity).findBy({ inboxId: In(inboxes.map((i) => i.id)) }) : [];
    return inboxes.map((inbox) => ({
      id: inbox.id,
      name: inbox.name,
      channelType: inbox.channelType,
      channel: inbox.channelConfig,
      websiteToken: inbox.websiteToken,
      embedSnippet: inbox.websiteToken
        ? `<script src="${this.config.publicUrl}/widget.js" data-website-token="${inbox.websiteToken}" async></script>`
        : null,
      agentIds: members.filter((m) => m.inboxId === inbox.id).map((m) => m.agentId),
      createdAt: inbox.createdAt.toISOString(),
    }));
  }
}
