import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { Avatar } from '../ui/Avatar.js';
import { Popover } from '../ui/Popover.js';

/** Assign to an agent (with their presence) or a team; unassign. */
export function AssignMenu({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const app = useApp();
  const { agents, teams, presence } = useStore(app.directory.store);
  const act = (patch: Parameters<typeof app.thread.act>[0], close: () => void) => {
    close();
    void app.thread.act(patch).catch(() => undefined);
  };
  return (
    <Popover label={t('actions.assign')} testId="assign-menu">
      {(close) => (
        <div className="menu">
          <h3 className="menu-heading">{t('actions.agents')}</h3>
          <ul className="plain-list">
            {agents.map((a) => (
              <li key={a.id}>
                <button type="button" className="menu-item" aria-pressed={c.assignee?.id === a.id} onClick={() => act({ assigneeId: a.id }, close)} data-testid="assign-agent">
                  <Avatar name={a.name} presence={presence[a.id] ?? 'offline'} size="sm" />
                  <span>{a.id === app.me.id ? t('actions.meName', { name: a.name }) : a.name}</span>
                </button>
              </li>
            ))}
            {c.assignee && (
              <li>
                <button type="button" className="menu-item" onClick={() => act({ assigneeId: null }, close)}>{t('actions.unassign')}</button>
              </li>
            )}
          </ul>
          {teams.length > 0 && (
            <>
              <h3 className="menu-heading">{t('actions.teams')}</h3>
              <ul className="plain-list">
                {teams.map((team) => (
                  <li key={team.id}>
                    <button type="button" className="menu-item" aria-pressed={c.teamId === team.id} onClick={() => act({ teamId: team.id }, close)} data-testid="assign-team">
                      {team.name}
                    </button>
                  </li>
                ))}
                {c.teamId && (
                  <li>
                    <button type="button" className="menu-item" onClick={() => act({ teamId: null }, close)}>{t('actions.noTeam')}</button>
                  </li>
                )}
              </ul>
            </>
          )}
        </div>
      )}
    </Popover>
  );
}
