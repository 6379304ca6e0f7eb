import { useTranslation } from 'react-i18next';
import type { AccountMembership } from '../api/types.js';

export function AccountPicker({ accounts, onChoose, onSignOut }: { accounts: AccountMembership[]; onChoose: (id: string) => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="screen-center">
      <main className="card">
        <p className="wordmark">Concierge</p>
        <h1 className="card-title">{t('accounts.title')}</h1>
        <ul className="account-list">
          {accounts.map((a, i) => (
            <li key={a.id}>
              <button type="button" className="account-choice" onClick={() => onChoose(a.id)} data-testid="account-choice" autoFocus={i === 0}>
                <span className="account-choice-name">{a.name}</span>
                <span className="account-choice-role">{t(`roles.${a.role}`)}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn-ghost btn-block" onClick={onSignOut}>{t('topbar.signOut')}</button>
      </main>
    </div>
  );
}
