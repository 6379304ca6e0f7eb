import { useTranslation } from 'react-i18next';
import type { AccountMembership } from '../api/types.js';
import { goConversation, goSettings, route } from '../lib/route.js';
import { useStore } from '../lib/store.js';
import { NotificationsMenu } from '../notify/NotificationsMenu.js';
import { useApp } from '../state/app.js';
import { Avatar } from '../ui/Avatar.js';
import { PreferencesMenu } from './PreferencesMenu.js';

interface Props {
  accounts: AccountMembership[];
  onSwitchAccount: (id: string) => void;
  onSignOut: () => void;
  onHelp: () => void;
  onPalette: () => void;
}

export function TopBar({ accounts, onSwitchAccount, onSignOut, onHelp, onPalette }: Props) {
  const { t } = useTranslation();
  const app = useApp();
  const connection = useStore(app.connection);
  const presence = useStore(app.directory.store, (s) => s.presence[app.me.id]);
  const current = useStore(route);
  return (
    <header className="topbar">
      <span className="wordmark wordmark-small">Concierge</span>
      {accounts.length > 1 ? (
        <label className="topbar-account">
          <span className="visually-hidden">{t('topbar.brand')}</span>
          <select value={app.account.id} onChange={(e) => onSwitchAccount(e.target.value)} data-testid="account-switcher">
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
      ) : (
        <span className="topbar-account">{app.account.name}</span>
      )}
      <nav className="topbar-nav" aria-label={t('topbar.navigation')}>
        <button type="button" className="btn btn-ghost btn-small" aria-current={current.name === 'inbox' ? 'page' : undefined} onClick={() => goConversation(app.thread.currentId)}>
          {t('topbar.inbox')}
        </button>
        {app.isAdmin && (
          <button type="button" className="btn btn-ghost btn-small" aria-current={current.name === 'settings' ? 'page' : undefined} onClick={() => goSettings()} data-testid="nav-settings">
            {t('topbar.settings')}
          </button>
        )}
      </nav>
      <span className="spacer" />
      <span className={`connection connection-${connection}`} role="status" data-testid="connection">{t(`connection.${connection}`)}</span>
      <button type="button" className="btn btn-ghost btn-small" onClick={onPalette} aria-keyshortcuts="Control+K Meta+K">{t('topbar.palette')}</button>
      <button type="button" className="btn btn-ghost btn-small" onClick={onHelp} aria-keyshortcuts="?" data-testid="open-cheatsheet">{t('topbar.shortcuts')}</button>
      <NotificationsMenu />
      <PreferencesMenu />
      <span className="topbar-agent">
        <Avatar name={app.me.name} presence={presence ?? 'offline'} size="sm" />
        <span>{app.me.name || app.me.email}</span>
      </span>
      <button type="button" className="btn btn-ghost btn-small" onClick={onSignOut} data-testid="sign-out">{t('topbar.signOut')}</button>
    </header>
  );
}
