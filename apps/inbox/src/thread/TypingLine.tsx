import { useTranslation } from 'react-i18next';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { contactName } from './names.js';

/** "Ana is typing…" from the customer (or a teammate); entries expire after 30 s without news. */
export function TypingLine() {
  const { t } = useTranslation();
  const app = useApp();
  const typing = useStore(app.thread.store, (s) => s.typing);
  const contact = useStore(app.thread.store, (s) => s.conversation?.contact);
  const names = typing.map((x) => (x.isContact ? contactName(contact, t) : x.name || t('common.someone')));
  return (
    <p className="typing" aria-live="polite" data-testid="typing">
      {names.length === 0 ? '' : names.length === 1 ? t('thread.typingOne', { name: names[0] }) : t('thread.typingMany', { names: names.join(', ') })}
    </p>
  );
}
