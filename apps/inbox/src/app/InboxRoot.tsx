import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMembership, AgentProfile } from '../api/types.js';
import { prefs } from '../lib/prefs.js';
import { goConversation, route } from '../lib/route.js';
import { useStore } from '../lib/store.js';
import { CheatSheet } from '../keyboard/CheatSheet.js';
import { useShortcuts } from '../keyboard/useShortcuts.js';
import { ConversationList } from '../list/ConversationList.js';
import { setBadge } from '../notify/badge.js';
import { ContactSidebar } from '../sidebar/ContactSidebar.js';
import { AppContext, InboxApp } from '../state/app.js';
import { ThreadPane } from '../thread/ThreadPane.js';
import { Banners } from './Banners.js';
import { TopBar } from './TopBar.js';

const Settings = lazy(() => import('../settings/Settings.js'));
const CommandPalette = lazy(() => import('../palette/CommandPalette.js'));

interface Props {
  token: string;
  agent: AgentProfile;
  account: AccountMembership;
  accounts: AccountMembership[];
  onSwitchAccount: (id: string) => void;
  onSignOut: () => void;
  onExpired: () => void;
}

export function InboxRoot(props: Props) {
  const [app] = useState(() => new InboxApp({ token: props.token, agent: props.agent, account: props.account, onUnauthorized: props.onExpired, navigate: goConversation }));
  const { t } = useTranslation();
  const current = useStore(route);
  const [cheatSheet, setCheatSheet] = useState(false);
  const [palette, setPalette] = useState(false);
  const sidebar = useStore(prefs, (p) => p.sidebar);
  const unread = useStore(app.list.store, (s) => s.unread);

  useEffect(() => {
    void app.start();
    return () => app.close();
  }, [app]);

  // The route names the open conversation; the list, Alt+J/K, notifications and the palette only navigate.
  const conversationId = current.name === 'inbox' ? current.conversationId : null;
  useEffect(() => {
    if (!conversationId) return void app.thread.close();
    if (app.thread.currentId === conversationId) return;
    const known = app.list.store.get().items.find((c) => c.id === conversationId);
    if (known) return app.open(known);
    app.api.conversations.get(conversationId).then((c) => app.open(c), () => goConversation(null));
  }, [app, conversationId]);

  useEffect(() => {
    const total = Object.values(unread).reduce((n, x) => n + x, 0);
    setBadge(`${props.account.name} — Concierge`, total);
  }, [unread, props.account.name]);

  const openers = useMemo(() => ({ cheatSheet: () => setCheatSheet(true), palette: () => setPalette(true) }), []);
  useShortcuts(app, openers);

  return (
    <AppContext.Provider value={app}>
      <div className="app">
        <TopBar accounts={props.accounts} onSwitchAccount={props.onSwitchAccount} onSignOut={() => props.onSignOut()} onHelp={() => setCheatSheet(true)} onPalette={() => setPalette(true)} />
        <Banners />
        {current.name === 'settings' ? (
          <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
            <Settings section={current.section} />
          </Suspense>
        ) : (
          <div className={sidebar ? 'panes' : 'panes panes-no-sidebar'}>
            <ConversationList />
            <ThreadPane />
            {sidebar && <ContactSidebar />}
          </div>
        )}
      </div>
      <CheatSheet open={cheatSheet} onClose={() => setCheatSheet(false)} />
      {palette && (
        <Suspense fallback={null}>
          <CommandPalette onClose={() => setPalette(false)} onHelp={() => setCheatSheet(true)} />
        </Suspense>
      )}
    </AppContext.Provider>
  );
}
