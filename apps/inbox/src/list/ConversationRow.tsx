import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, InboxView } from '../api/types.js';
import { useFormat } from '../i18n/format.js';
import { Avatar } from '../ui/Avatar.js';
import { ChannelBadge } from './ChannelBadge.js';
import { contactName } from '../thread/names.js';

interface Props {
  conversation: Conversation;
  inbox: InboxView | undefined;
  selected: boolean;
  unread: number;
  mine: boolean;
  /** Latest SLA alert of the conversation (`conversation.sla`). */
  sla?: 'warning' | 'breached';
  onSelect: (id: string) => void;
}

export const ConversationRow = memo(function ConversationRow({ conversation: c, inbox, selected, unread, mine, sla, onSelect }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = contactName(c.contact, t);
  return (
    <button
      type="button"
      className={`conversation${selected ? ' is-selected' : ''}${unread ? ' is-unread' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(c.id)}
      data-testid="conversation-item"
      data-conversation-id={c.id}
      data-status={c.status}
    >
      <span className="conversation-top">
        <ChannelBadge channelType={inbox?.channelType} />
        <span className="conversation-name">{name}</span>
        {unread > 0 && (
          <span className="unread-badge" data-testid="unread-badge">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{t('list.unread', { count: unread })}</span>
          </span>
        )}
        <time className="conversation-age" dateTime={c.lastActivityAt} title={f.full(c.lastActivityAt)}>{f.age(c.lastActivityAt)}</time>
      </span>
      <span className="conversation-bottom">
        <span className="conversation-preview">{c.lastMessagePreview ?? ''}</span>
        {sla && c.status !== 'resolved' && <span className={`status-pill sla-${sla}`} data-testid="sla">{t(`list.sla.${sla}`)}</span>}
        {c.status !== 'open' && <span className={`status-pill status-${c.status}`}>{t(`status.${c.status}`)}</span>}
        {c.assignee ? (
          <span className="assignee" title={t('list.assignedTo', { name: mine ? t('common.you') : c.assignee.name })}>
            <Avatar name={c.assignee.name} size="sm" />
            <span className="visually-hidden">{t('list.assignedTo', { name: mine ? t('common.you') : c.assignee.name })}</span>
          </span>
        ) : null}
      </span>
    </button>
  );
});
