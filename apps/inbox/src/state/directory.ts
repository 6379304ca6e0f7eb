import type { InboxSessionPayload, PresenceSnapshotPayload, PresenceStatus } from '@concierge/contracts';
import type { Api } from '../api/client.js';
import type { AgentView, CannedResponse, InboxView, LabelView, TeamView } from '../api/types.js';
import { createStore } from '../lib/store.js';

export interface DirectoryState {
  agents: AgentView[];
  teams: TeamView[];
  inboxes: InboxView[];
  labels: LabelView[];
  canned: CannedResponse[];
  presence: Record<string, PresenceStatus>;
  /** Last WhatsApp Web session state per inbox (from `inbox.session`). */
  sessions: Record<string, InboxSessionPayload>;
}

/** The brand's reference data: who works here, which inboxes, labels and canned responses exist, who is online. */
export class Directory {
  readonly store = createStore<DirectoryState>({ agents: [], teams: [], inboxes: [], labels: [], canned: [], presence: {}, sessions: {} });

  constructor(private readonly api: Api) {}

  private patch(p: Partial<DirectoryState>): void {
    this.store.set((s) => ({ ...s, ...p }));
  }

  /** Each list loads on its own: a route the hub does not have yet (404) leaves that list empty. */
  async load(): Promise<void> {
    const tolerant = <T>(p: Promise<T[]>) => p.catch(() => [] as T[]);
    const [agents, teams, inboxes, labels, canned] = await Promise.all([
      tolerant(this.api.agents.list()),
      tolerant(this.api.teams.list()),
      tolerant(this.api.inboxes.list()),
      tolerant(this.api.labels.list()),
      tolerant(this.api.canned.list()),
    ]);
    this.patch({ agents, teams, inboxes, labels, canned });
  }

  async reload(what: 'agents' | 'teams' | 'inboxes' | 'labels' | 'canned'): Promise<void> {
    const lists = { agents: this.api.agents, teams: this.api.teams, inboxes: this.api.inboxes, labels: this.api.labels, canned: this.api.canned };
    const value = await lists[what].list().catch(() => null);
    if (value) this.patch({ [what]: value } as Partial<DirectoryState>);
  }

  inbox(id: string | null | undefined): InboxView | undefined {
    return this.store.get().inboxes.find((i) => i.id === id);
  }

  agent(id: string | null | undefined): AgentView | undefined {
    return this.store.get().agents.find((a) => a.id === id);
  }

  setPresence(agentId: string, status: PresenceStatus): void {
    this.patch({ presence: { ...this.store.get().presence, [agentId]: status } });
  }

  /** `presence.snapshot` on connect: every member of the brand with their status. */
  presenceSnapshot(p: PresenceSnapshotPayload): void {
    const presence = { ...this.store.get().presence };
    for (const e of p.agents ?? []) presence[e.agentId] = e.status;
    this.patch({ presence });
  }

  inboxStatus(p: { inboxId: string; status: 'active' | 'paused'; detail: string | null }): void {
    this.patch({ inboxes: this.store.get().inboxes.map((i) => (i.id === p.inboxId ? { ...i, status: p.status, statusDetail: p.detail } : i)) });
  }

  inboxSession(p: InboxSessionPayload): void {
    this.patch({ sessions: { ...this.store.get().sessions, [p.inboxId]: p } });
  }
}
