import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxSession } from '../api/types.js';
import { useFormat } from '../i18n/format.js';
import { safePngDataUrl } from '../lib/safe-url.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';

/** WhatsApp Web pairing: the QR from `GET inboxes/:id/session`, then kept live by `inbox.session` events. */
export function WhatsAppSession({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const [fetched, setFetched] = useState<InboxSession | null>(null);
  const live = useStore(app.directory.store, (s) => s.sessions[inboxId]);
  const session = live && (!fetched || live.updatedAt >= fetched.updatedAt) ? live : fetched;
  const settled = session?.state === 'connected' || session?.state === 'failed';
  // `inbox.session` events keep this live; polling while pairing covers an event missed during a reconnect.
  useEffect(() => {
    if (settled) return;
    let cancelled = false;
    const load = () => app.api.inboxes.session(inboxId).then((s) => !cancelled && setFetched(s), () => undefined);
    void load();
    const timer = setInterval(load, 2000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [app, inboxId, settled]);
  if (!session) return <p className="muted" role="status">{t('common.loading')}</p>;
  const qr = safePngDataUrl(session.qr);
  return (
    <div className="wa-session" data-testid="wa-session" aria-live="polite">
      <h3>{t('session.title')}</h3>
      <p>
        <strong data-testid="wa-session-state">{t(`session.states.${session.state}`, { defaultValue: session.state })}</strong>
        {session.phone && <span> · {session.phone}</span>}
        <span className="muted"> · {f.when(session.updatedAt)}</span>
      </p>
      {session.detail && <p className="muted">{session.detail}</p>}
      {session.state === 'qr_required' && qr && (
        <figure>
          <img src={qr} alt={t('session.qrAlt')} width={264} height={264} data-testid="wa-qr" />
          <figcaption>{t('session.scan')}</figcaption>
        </figure>
      )}
    </div>
  );
}
