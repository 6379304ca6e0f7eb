import { Clock } from '@concierge/common';
import { BotMessages, InboxesService, type BotConversation } from '@concierge/inbox';
import { Presence, type PresenceChange } from '@concierge/realtime';
import { AgentDirectory, TeamsService } from '@concierge/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { AutomationScheduler, KeyedSerial } from '../scheduler.js';
import { InboxAutomationStore } from '../settings/inbox-automation.js';
import type { AutomationSettings } from '../settings/automation-settings.js';
import { pickAssignee } from './assignment-policy.js';

const REASON = { sticky: 'returning customer', round_robin: 'round robin', capacity: 'least busy' } as const;

/**
 * Auto-assignment per inbox: online assistants only (presence `online`, not `busy`), members of the
 * inbox (and of the team when one is set), round robin or capacity-based, with a sticky owner for
 * returning customers. Assistants who stay offline past the grace period lose their open conversations
 * to the others (or back to the queue).
 */
@Injectable()
export class AutoAssigner {
  private readonly logger = new Logger(AutoAssigner.name);
  /** `${accountId}:${agentId}` → when they went offline. Presence is per process, so is this. */
  private readonly offlineSince = new Map<string, { accountId: string; agentId: string; at: Date }>();
  private readonly pendingChecks = new Set<() => void>();
  private stopped = false;
  /**
   * One assignment at a time in this process: each holds two pooled connections (the inbox cursor lock and
   * the conversation update), and unbounded concurrency could exhaust the pool while holding half of it.
   */
  private readonly serial = new KeyedSerial();

  constructor(
    private readonly bot: BotMessages,
    private readonly store: InboxAutomationStore,
    private readonly presence: Presence,
    private readonly teams: TeamsService,
    private readonly agents: AgentDirectory,
    private readonly inboxes: InboxesService,
    private readonly scheduler: AutomationScheduler,
    private readonly clock: Clock,
  ) {}

  /** Online candidates of an inbox under its settings, sorted by id. */
  async candidates(accountId: string, inboxId: string, settings: AutomationSettings): Promise<string[]> {
    let ids = await this.bot.inboxMembers(inboxId);
    if (settings.assignment.teamId) {
      const team = await this.teams.get(accountId, settings.assignment.teamId).catch(() => null);
      const members = new Set(team?.agentIds ?? []);
      ids = ids.filter((id) => members.has(id));
    }
    return ids.filter((id) => this.presence.status(accountId, id) === 'online').sort();
  }

  /** Assigns an open, unassigned conversation when the inbox has auto-assignment. Returns the assignee. */
  async assignIfNeeded(conv: BotConversation): Promise<string | null> {
    if (conv.assigneeId || conv.status !== 'open') return conv.assigneeId;
    const { settings } = await this.store.get(conv.accountId, conv.inboxId);
    if (settings.assignment.mode === 'none') return null;
    const agentId = await this.assign(conv.accountId, conv.inboxId, conv.id, conv.contactId, settings, null, []);
    if (agentId) conv.assigneeId = agentId;
    return agentId;
  }

  onPresence(change: PresenceChange): void {
    const key = `${change.accountId}:${change.agentId}`;
    if (change.status === 'offline') {
      this.offlineSince.set(key, { accountId: change.accountId, agentId: change.agentId, at: this.clock.now() });
      // Checked again after the longest grace an inbox may set is not known here: the tick re-checks too.
      if (this.stopped) return;
      const cancel = this.scheduler.after(2 * 60_000 + 1_000, () => {
        this.pendingChecks.delete(cancel);
        void this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'Reassignment check failed'));
      });
      this.pendingChecks.add(cancel);
      return;
    }
    this.offlineSince.delete(key);
    if (change.status === 'online' && !this.stopped) void this.drainFor(change.accountId, change.agentId).catch((error: unknown) => this.logger.error({ err: error }, 'Queue drain failed'));
  }

  /** Shutdown: no timer may outlive the hub (and query a closed database). */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.pendingChecks) cancel();
    this.pendingChecks.clear();
  }

  /** Reassigns the conversations of assistants offline past their inboxes' grace period. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    for (const [key, entry] of [...this.offlineSince]) {
      if (this.presence.status(entry.accountId, entry.agentId) !== 'offline') {
        this.offlineSince.delete(key);
        continue;
      }
      let pending = false;
      for (const conv of await this.bot.assignedTo(entry.accountId, entry.agentId)) {
        const { settings } = await this.store.get(entry.accountId, conv.inboxId);
        if (settings.assignment.mode === 'none') continue;
        if (now.getTime() - entry.at.getTime() < settings.assignment.offlineGraceSeconds * 1000) {
          pending = true;
          continue;
        }
        const snapshot = await this.bot.conversation(entry.accountId, conv.id);
        const next = await this.assign(entry.accountId, conv.inboxId, conv.id, snapshot?.contactId ?? null, settings, entry.agentId, [entry.agentId]);
        if (!next) {
          const name = (await this.agents.summaries(entry.accountId, [entry.agentId])).get(entry.agentId)?.name ?? 'The assistant';
          await this.bot.assign(entry.accountId, conv.id, null, { expected: entry.agentId, text: `${name} went offline: the conversation is back in the queue` });
        }
      }
      if (!pending) this.offlineSince.delete(key);
    }
  }

  /** An assistant came online: hand them (and the others) the waiting conversations of their inboxes. */
  private async drainFor(accountId: string, agentId: string): Promise<void> {
    const inboxIds = await this.inboxes.accessibleInboxIds({ accountId, role: 'agent', agent: { id: agentId, name: '', email: '' } });
    for (const inboxId of inboxIds) {
      const { settings } = await this.store.get(accountId, inboxId);
      if (settings.assignment.mode === 'none') continue;
      for (const conversationId of (await this.bot.waiting(accountId, inboxId)).slice(0, 50)) {
        const conv = await this.bot.conversation(accountId, conversationId);
        if (!conv || !(await this.assign(accountId, inboxId, conversationId, conv.contactId, settings, null, []))) break;
      }
    }
  }

  private async assign(
    accountId: string,
    inboxId: string,
    conversationId: string,
    contactId: string | null,
    settings: AutomationSettings,
    expected: string | null,
    exclude: string[],
  ): Promise<string | null> {
    const mode = settings.assignment.mode;
    if (mode === 'none') return null;
    const candidates = (await this.candidates(accountId, inboxId, settings)).filter((id) => !exclude.includes(id));
    if (candidates.length === 0) return null;
    const sticky = settings.assignment.sticky && contactId ? await this.bot.previousAssignee(accountId, contactId, conversationId) : null;
    // The inbox's cursor row stays locked until the assignment is stored: loads read here cannot go stale.
    return this.serial.run('assign', () => this.store.withCursor(accountId, inboxId, async (last) => {
      const loads = await this.bot.openLoad(accountId, candidates);
      const pick = pickAssignee({ mode, candidates, loads, maxOpenPerAgent: settings.assignment.maxOpenPerAgent, last, sticky });
      if (!pick) return { next: null, result: null };
      const name = (await this.agents.summaries(accountId, [pick.agentId])).get(pick.agentId)?.name ?? 'an assistant';
      const changed = await this.bot.assign(accountId, conversationId, pick.agentId, { expected, text: `Assigned to ${name} automatically (${REASON[pick.reason]})` });
      return { next: changed && pick.reason !== 'sticky' ? pick.agentId : null, result: changed ? pick.agentId : null };
    }));
  }
}
