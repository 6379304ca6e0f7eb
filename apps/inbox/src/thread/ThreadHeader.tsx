import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { AssignMenu } from '../actions/AssignMenu.js';
import { LabelsMenu } from '../actions/LabelsMenu.js';
import { SnoozeMenu } from '../actions/SnoozeMenu.js';
import { useFormat } from '../i18n/format.js';
import { prefs, setPref } from '../lib/prefs.js';
import { useStore } from '../lib/store.js';
import { ChannelBadge } from '../list/ChannelBadge.js';
import { useApp } from '../state/app.js';
import { contactName } from './names.js';
import { SlaClocks } from './SlaClocks.js';
import { CallMenu } from './CallMenu.js';

export function ThreadHeader({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const inbox = useStore(app.directory.store, (s) => s.inboxes.find((i) => i.id === c.inboxId));
  const labels = useStore(app.directory.store, (s) => s.labels);
  const teams = useStore(app.directory.store, (s) => s.teams);
  const sidebar = useStore(prefs, (p) => p.sidebar);
  const mine = c.assignee?.id === app.me.id;
  const team = teams.find((x) => x.id === c.teamId);
  const shownLabels = (c.labels ?? []).map((l) => labels.find((x) => x.id === l.id) ?? l);
  const act = (patch: Parameters<typeof app.thread.act>[0]) => void app.thread.act(patch).catch(() => undefined);

  return (
    <header className="thread-header">
      <div className="thread-who">
        <h2 className="thread-title" data-testid="thread-title">{contactName(c.contact, t)}</h2>
        <p className="thread-meta" data-testid="thread-meta">
          <ChannelBadge channelType={inbox?.channelType} withLabel />
          {inbox && <span>{inbox.name}</span>}
          <span className={`status-pill status-${c.status}`} data-testid="thread-status">
            {c.status === 'snoozed' && c.snoozedUntil ? t('thread.snoozedUntil', { when: f.when(c.snoozedUntil) }) : t(`status.${c.status}`)}
          </span>
          <span data-testid="thread-assignee">{c.assignee ? t('thread.assignedTo', { name: mine ? t('common.you') : c.assignee.name }) : t('thread.unassigned')}</span>
          {team && <span>{t('thread.team', { name: team.name })}</span>}
        </p>
        <SlaClocks conversation={c} />
        {shownLabels.length > 0 && (
          <ul className="label-chips" aria-label={t('labels.title')}>
            {shownLabels.map((l) => (
              <li key={l.id} className="label-chip" data-testid="label-chip">
                <span className="label-dot" style={{ backgroundColor: l.color }} aria-hidden="true" />
                {l.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="thread-actions">
        <CallMenu conversation={c} />
        {!mine && <button type="button" className="btn btn-small" onClick={() => act({ assigneeId: app.me.id })} data-testid="assign-me">{t('actions.assignMe')}</button>}
        <AssignMenu conversation={c} />
        {labels.length > 0 && <LabelsMenu conversation={c} />}
        {c.status !== 'resolved' && <SnoozeMenu />}
        {c.status === 'resolved' || c.status === 'snoozed' ? (
          <button type="button" className="btn btn-small" onClick={() => act({ status: 'open' })} data-testid="reopen">{t('actions.reopen')}</button>
        ) : null}
        {c.status !== 'resolved' && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => act({ status: 'resolved' })} data-testid="resolve" aria-keyshortcuts="Alt+E">
            {t('actions.resolve')}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small" aria-pressed={sidebar} onClick={() => setPref('sidebar', !sidebar)} aria-keyshortcuts="Alt+O" data-testid="toggle-sidebar">
          {t('actions.sidebar')}
        </button>
      </div>
    </header>
  );
}
