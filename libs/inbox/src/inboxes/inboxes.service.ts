import { AppError, newId, randomToken, SecretBox } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { AgentDirectory, type AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EventEmitter } from 'node:events';
import { ChannelRegistry, type ChannelContext } from '@concierge/channels-core';
import { isTransientDbError } from '@concierge/database';
import { InboxEntity, InboxMemberEntity } from '../entities/index.js';
import type { ChannelConfig } from '../entities/inbox.entity.js';
import { ChannelSetupValidator } from './channel-setup.js';
import { webhookUrls, type WebhookUrls } from './webhook-urls.js';
import type { CreateInboxDto, UpdateInboxDto } from './inbox.dto.js';
import type { CreatedInboxDto, InboxDto } from './inbox.views.js';

export interface WebchatSettings {
  allowedOrigins: string[];
  enforceIdentity: boolean;
}

const INBOX_CACHE_FRESH_MS = 30_000;
/** How long another instance may still open widget sessions with an inbox's previous settings. */
const WEBSITE_TOKEN_FRESH_MS = 5_000;

@Injectable()
export class InboxesService {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, { inbox: InboxEntity; at: number }>();
  /** Web-chat inboxes by website token: every widget (re)connection looks its inbox up (reconnect storms). */
  private readonly byToken = new Map<string, { inbox: InboxEntity; at: number }>();
  /** Bumped by `forget`: a look-up that started before a change must not keep what it read. */
  private generation = 0;
  /** created / updated / removed, with the inbox entity: live sessions follow their inboxes. */
  readonly changes = new EventEmitter<{ created: [InboxEntity]; updated: [InboxEntity]; removed: [InboxEntity] }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly agents: AgentDirectory,
    private readonly config: AppConfig,
    private readonly registry: ChannelRegistry,
    private readonly setup: ChannelSetupValidator,
  ) {
    this.box = new SecretBox(config.secrets.encryptionKey);
  }

  async create(ctx: AccountContext, input: CreateInboxDto): Promise<CreatedInboxDto> {
    const id = newId();
    const { adapter, config, secrets } = await this.setup.validate(input.channel);
    // Secrets the hub generates (web-chat identity secret) are shown once, in this response only.
    const generated = Object.fromEntries((adapter.setup.generatedSecrets ?? []).map((name) => [name, randomToken(32)]));
    const credentials = { ...secrets, ...generated };
    await this.db.getRepository(InboxEntity).insert({
      id,
      accountId: ctx.accountId,
      name: input.name.trim(),
      channelType: adapter.type,
      channelConfig: config as ChannelConfig,
      credentials: Object.keys(credentials).length ? this.box.seal(credentials) : null,
      websiteToken: adapter.setup.websiteToken ? randomToken(18) : null,
    });
    if (input.agentIds) await this.setMembers(ctx.accountId, id, input.agentIds);
    const created = await this.entity(ctx, id);
    this.changes.emit('created', created);
    return { ...(await this.get(ctx, id)), ...generated };
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
    const patch: Partial<InboxEntity> = {};
    if (input.name !== undefined) patch.name = input.name.trim();
    if (input.channel) {
      // Validate the whole resulting settings, so a partial change cannot leave the inbox unusable.
      const adapter = this.registry.get(inbox.channelType);
      const generatedNames = adapter.setup.generatedSecrets ?? [];
      const { kept: generated, rest: current } = split(this.credentials<Record<string, unknown>>(inbox) ?? {}, generatedNames);
      const { rest: changes } = split(input.channel, generatedNames);
      const { config, secrets } = await this.setup.validate({ ...inbox.channelConfig, ...current, ...changes, type: inbox.channelType });
      const credentials = { ...secrets, ...generated };
      patch.channelConfig = config as ChannelConfig;
      patch.credentials = Object.keys(credentials).length ? this.box.seal(credentials) : null;
      if (adapter.setup.secretFields.some((field) => field in input.channel!)) Object.assign(patch, { status: 'active', statusDetail: null });
    }
    if (Object.keys(patch).length) await this.db.getRepository(InboxEntity).update({ id: inboxId, accountId: ctx.accountId }, patch);
    if (input.agentIds) await this.setMembers(ctx.accountId, inboxId, input.agentIds);
    this.forget(inboxId);
    if (input.channel) this.changes.emit('updated', await this.entity(ctx, inboxId));
    return this.get(ctx, inboxId);
  }

  async remove(ctx: AccountContext, inboxId: string): Promise<void> {
    const inbox = await this.entity(ctx, inboxId);
    await this.db.getRepository(InboxEntity).delete({ id: inboxId, accountId: ctx.accountId });
    this.forget(inboxId);
    this.changes.emit('removed', inbox);
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

  /** `manager`: the caller's transaction, when it holds one (a second pooled connection could starve the pool). */
  async canAccess(ctx: AccountContext, inboxId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    return ctx.role === 'admin' || this.isMember(inboxId, ctx.agent.id, manager);
  }

  /** Which of these agents may see the inbox: the brand's admins and its members (others are left out). */
  async agentsWithAccess(accountId: string, inboxId: string, agentIds: string[]): Promise<string[]> {
    const roles = await this.agents.rolesIn(accountId, agentIds);
    const nonAdmins = [...roles].filter(([, role]) => role !== 'admin').map(([id]) => id);
    const members = nonAdmins.length
      ? await this.db.getRepository(InboxMemberEntity).findBy({ accountId, inboxId, agentId: In(nonAdmins) })
      : [];
    const allowed = new Set([...[...roles].filter(([, role]) => role === 'admin').map(([id]) => id), ...members.map((m) => m.agentId)]);
    return [...roles.keys()].filter((id) => allowed.has(id));
  }

  async byWebsiteToken(websiteToken: string): Promise<InboxEntity | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(websiteToken)) return null;
    const cached = this.byToken.get(websiteToken);
    if (cached && Date.now() - cached.at < WEBSITE_TOKEN_FRESH_MS) return cached.inbox;
    const started = this.generation;
    const inbox = await this.db.getRepository(InboxEntity).findOneBy({ websiteToken });
    // Only tokens that name an inbox are kept, so made-up tokens cannot grow the map.
    if (inbox && started === this.generation) this.byToken.set(websiteToken, { inbox, at: Date.now() });
    return inbox;
  }

  /** This process forgets an inbox it changed or removed at once (other instances: the freshness windows). */
  private forget(inboxId: string): void {
    this.generation++;
    this.cache.delete(inboxId);
    for (const [token, entry] of this.byToken) if (entry.inbox.id === inboxId) this.byToken.delete(token);
  }

  async byId(inboxId: string, manager: EntityManager = this.db.manager): Promise<InboxEntity | null> {
    return manager.getRepository(InboxEntity).findOneBy({ id: inboxId });
  }

  credentials<T>(inbox: InboxEntity): T | null {
    return inbox.credentials ? this.box.open<T>(inbox.credentials) : null;
  }

  /** What an adapter gets with every call: settings and opened credentials. */
  context(inbox: InboxEntity): ChannelContext {
    return { accountId: inbox.accountId, inboxId: inbox.id, config: inbox.channelConfig, credentials: this.credentials(inbox) };
  }

  /**
   * The inbox a webhook is addressed to. Kept briefly in memory so a database outage does not stop us
   * verifying (and spooling) provider webhooks for inboxes this process has seen.
   */
  async forWebhook(inboxId: string): Promise<InboxEntity | null> {
    const cached = this.cache.get(inboxId);
    if (cached && Date.now() - cached.at < INBOX_CACHE_FRESH_MS) return cached.inbox;
    try {
      const inbox = await this.byId(inboxId);
      if (inbox) this.cache.set(inboxId, { inbox, at: Date.now() });
      else this.cache.delete(inboxId);
      return inbox;
    } catch (error) {
      if (cached && isTransientDbError(error)) return cached.inbox;
      throw error;
    }
  }

  /** Inboxes of a channel type across brands (live sessions are started for each). */
  async allOfType(channelType: string): Promise<InboxEntity[]> {
    return this.db.getRepository(InboxEntity).findBy({ channelType });
  }

  webchatSettings(inbox: InboxEntity): WebchatSettings {
    const cfg = inbox.channelConfig as Partial<WebchatSettings>;
    return { allowedOrigins: cfg.allowedOrigins ?? [], enforceIdentity: cfg.enforceIdentity ?? false };
  }

  webhookUrls(inbox: InboxEntity): WebhookUrls {
    return this.registry.has(inbox.channelType) ? webhookUrls(this.config.publicUrl, this.registry.get(inbox.channelType), inbox.id) : { events: null, status: null };
  }

  private address(inbox: InboxEntity): string | null {
    const field = this.registry.has(inbox.channelType) ? this.registry.get(inbox.channelType).setup.addressField : null;
    const value = field ? inbox.channelConfig[field] : null;
    return typeof value === 'string' ? value : null;
  }

  private async isMember(inboxId: string, agentId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    return (await manager.getRepository(InboxMemberEntity).countBy({ inboxId, agentId })) > 0;
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
      address: this.address(inbox),
      status: inbox.status,
      statusDetail: inbox.statusDetail,
      webhookUrls: this.webhookUrls(inbox),
      websiteToken: inbox.websiteToken,
      embedSnippet: inbox.websiteToken
        ? `<script src="${this.config.publicUrl}/widget.js" data-website-token="${inbox.websiteToken}" async></script>`
        : null,
      agentIds: members.filter((m) => m.inboxId === inbox.id).map((m) => m.agentId),
      createdAt: inbox.createdAt.toISOString(),
    }));
  }
}

/** Separates the named keys (hub-generated secrets, which callers can neither see nor set) from the rest. */
function split(values: Record<string, unknown>, names: readonly string[]): { kept: Record<string, unknown>; rest: Record<string, unknown> } {
  const kept: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) (names.includes(key) ? kept : rest)[key] = value;
  return { kept, rest };
}
