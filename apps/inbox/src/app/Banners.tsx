import { useTranslation } from 'react-i18next';
import { goSettings } from '../lib/route.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';

/** Paused inboxes (the provider refused the credentials) and a lost live connection. */
export function Banners() {
  const { t } = useTranslation();
  const app = useApp();
  const inboxes = useStore(app.directory.store, (s) => s.inboxes);
  const connection = useStore(app.connection);
  const paused = inboxes.filter((i) => i.status === 'paused');
  return (
    <div className="banners">
      {paused.map((i) => (
        <div key={i.id} className="banner banner-warn" role="alert" data-testid="inbox-paused">
          <strong>{t('banners.paused', { name: i.name })}</strong> {i.statusDetail && <span>{i.statusDetail}</span>}
          {app.isAdmin && <button type="button" className="btn btn-small" onClick={() => goSettings('inboxes')}>{t('banners.fix')}</button>}
        </div>
      ))}
      {connection === 'offline' && <div className="banner banner-info" role="status">{t('banners.offline')}</div>}
    </div>
  );
}
