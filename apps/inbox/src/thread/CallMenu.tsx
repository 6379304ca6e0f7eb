import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { toLocalInput } from '../actions/snooze-times.js';
import { useFormat } from '../i18n/format.js';
import { safeHttpUrl } from '../lib/safe-url.js';
import { useApp } from '../state/app.js';
import { Popover } from '../ui/Popover.js';

/**
 * "Start video call" in the thread header: the customer gets a join card (web chat) or a link (WhatsApp,
 * SMS) and the assistant's own call page opens in a new window; or schedule it (invite now, reminder before).
 */
export function CallMenu({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const id = useId();
  const [when, setWhen] = useState(() => toLocalInput(new Date(Date.now() + 3_600_000)));
  const [note, setNote] = useState<{ text: string; url?: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (scheduledAt?: Date) => {
    // Opened before the request so the browser counts it as the click's own window (no popup blocker).
    const win = scheduledAt ? null : window.open('about:blank', '_blank');
    setBusy(true);
    try {
      const call = await app.api.calls.start(conversation.id, scheduledAt?.toISOString());
      const mine = safeHttpUrl(call.participants.find((p) => p.agentId === app.me.id)?.joinUrl ?? '') ?? undefined;
      if (scheduledAt) return setNote({ text: t('call.scheduled', { when: f.when(scheduledAt.toISOString()) }), url: mine });
      if (win && mine) {
        win.opener = null;
        win.location.href = mine;
        setNote({ text: t('call.started'), url: mine });
      } else setNote({ text: t('call.popupBlocked'), url: mine });
    } catch (error) {
      win?.close();
      setNote({ text: t('call.failed', { message: error instanceof Error ? error.message : String(error) }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="call-menu">
      <button type="button" className="btn btn-small" disabled={busy || conversation.status === 'resolved'} onClick={() => void start()} data-testid="start-call">
        {t('call.start')}
      </button>
      <Popover label={t('call.schedule')} testId="schedule-call">
        {(close) => (
          <form
            className="menu stack"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              const at = new Date(when);
              if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) return setNote({ text: t('call.future'), error: true });
              close();
              void start(at);
            }}
          >
            <label htmlFor={id}>{t('call.when')}</label>
            <input id={id} type="datetime-local" value={when} min={toLocalInput(new Date())} onChange={(e) => setWhen(e.target.value)} data-testid="schedule-call-at" />
            <button type="submit" className="btn btn-small btn-primary">{t('call.submit')}</button>
          </form>
        )}
      </Popover>
      {note && (
        <p className={note.error ? 'form-error' : 'muted'} role={note.error ? 'alert' : 'status'} data-testid="call-note">
          {note.text}{' '}
          {note.url && <a href={note.url} target="_blank" rel="noopener noreferrer">{t('call.open')}</a>}
        </p>
      )}
    </div>
  );
}
