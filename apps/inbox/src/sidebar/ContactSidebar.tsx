import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, Conversation } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { ChannelBadge } from '../list/ChannelBadge.js';
import { useApp } from '../state/app.js';
import { contactName } from '../thread/names.js';
import { ContactOrders } from './ContactOrders.js';
import { PreviousConversations } from './PreviousConversations.js';

/** Who the customer is: reach, channels, attributes and earlier conversations. */
export function ContactSidebar() {
  const { t } = useTranslation();
  const app = useApp();
  const conversation = useStore(app.thread.store, (s) => s.conversation);
  const contactId = conversation?.contact.id ?? null;
  const [contact, setContact] = useState<ContactView | null>(null);
  const [history, setHistory] = useState<Conversation[] | null>(null);
  const inboxes = useStore(app.directory.store, (s) => s.inboxes);

  useEffect(() => {
    setContact(null);
    setHistory(null);
    if (!contactId) return;
    let alive = true;
    app.api.contacts.get(contactId).then((c) => alive && setContact(c), () => undefined);
    app.api.contacts.conversations(contactId).then((list) => alive && setHistory(list), () => alive && setHistory([]));
    return () => {
      alive = false;
    };
  }, [app, contactId, conversation?.contact.name]);

  if (!conversation) return <aside className="sidebar sidebar-empty" aria-label={t('sidebar.title')} />;
  const summary = contact ?? { ...conversation.contact, attributes: {}, channels: [] };
  const attributes = Object.entries(contact?.attributes ?? {});
  return (
    <aside className="sidebar" aria-label={t('sidebar.title')} data-testid="sidebar">
      <section>
        <h2 className="sidebar-name" data-testid="sidebar-name">{contactName(summary, t)}</h2>
        <dl className="facts">
          <dt>{t('sidebar.email')}</dt>
          <dd>{summary.email || '—'}</dd>
          <dt>{t('sidebar.phone')}</dt>
          <dd>{summary.phone || '—'}</dd>
        </dl>
      </section>
      {contact && contact.channels.length > 0 && (
        <section>
          <h3>{t('sidebar.channels')}</h3>
          <ul className="plain-list">
            {contact.channels.map((ch) => {
              const inbox = inboxes.find((i) => i.id === ch.inboxId);
              return (
                <li key={ch.id} className="channel-line">
                  <ChannelBadge channelType={inbox?.channelType} />
                  <span>{inbox?.name ?? t('sidebar.unknownInbox')}</span>
                  <span className="muted">{ch.kind === 'visitor' ? t('sidebar.visitor') : ch.address}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {attributes.length > 0 && (
        <section>
          <h3>{t('sidebar.attributes')}</h3>
          <dl className="facts">
            {attributes.map(([key, value]) => (
              <div key={key} className="fact">
                <dt>{key}</dt>
                <dd>{value === null ? '—' : String(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {contactId && <ContactOrders contactId={contactId} />}
      <PreviousConversations current={conversation.id} history={history} />
      {/* Order history arrives with the commerce API; the section stays hidden until then. */}
    </aside>
  );
}
