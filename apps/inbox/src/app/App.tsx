import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../api/types.js';
import { clearDrafts } from '../composer/drafts.js';
import { loadSession, saveSession, type Session } from '../session/session.js';
import { AccountPicker } from './AccountPicker.js';
import { InboxRoot } from './InboxRoot.js';
import { LoginScreen } from './LoginScreen.js';

/** Sign-in → brand choice → the inbox. A 401 anywhere brings the agent back here with a notice. */
export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const update = useCallback((next: Session | null) => {
    saveSession(next);
    setSession(next);
  }, []);

  const signOut = useCallback((message?: string) => {
    clearDrafts(); // unsent text belongs to the agent who typed it
    update(null);
    setNotice(message ?? null);
  }, [update]);

  const onLoggedIn = useCallback((result: LoginResult) => {
    setNotice(null);
    update({ ...result, accountId: result.accounts.length === 1 ? result.accounts[0]!.id : null });
  }, [update]);

  const account = useMemo(() => session?.accounts.find((a) => a.id === session.accountId) ?? null, [session]);

  useEffect(() => {
    if (session && session.accounts.length === 0) signOut(t('login.noBrand'));
  }, [session, signOut, t]);

  if (!session) return <LoginScreen notice={notice} onLoggedIn={onLoggedIn} />;
  if (!account) {
    return <AccountPicker accounts={session.accounts} onChoose={(id) => update({ ...session, accountId: id })} onSignOut={() => signOut()} />;
  }
  return (
    <InboxRoot
      key={`${session.accessToken}:${account.id}`}
      token={session.accessToken}
      agent={session.agent}
      account={account}
      accounts={session.accounts}
      onSwitchAccount={(id) => update({ ...session, accountId: id })}
      onSignOut={signOut}
      onExpired={() => signOut(t('login.expired'))}
    />
  );
}
