import type { LocationContent, TemplateContent, VideoCallInviteContent } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';
import { safeHttpUrl } from '../../lib/safe-url.js';
import { RichText } from './RichText.js';

export function LocationView({ content: c }: { content: LocationContent }) {
  const { t } = useTranslation();
  const lat = Number(c.latitude);
  const lng = Number(c.longitude);
  const ok = Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  const href = ok ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=16/${lat}/${lng}` : null;
  return (
    <div className="location">
      <p className="content-title">{c.name || t('content.location')}</p>
      {c.address && <p className="muted">{c.address}</p>}
      {href && <a href={href} target="_blank" rel="noopener noreferrer nofollow">{t('content.openMap', { lat: lat.toFixed(5), lng: lng.toFixed(5) })}</a>}
    </div>
  );
}

export function TemplateView({ content: c }: { content: TemplateContent }) {
  const { t } = useTranslation();
  return (
    <div className="template-msg">
      <p className="muted">{t('content.template', { name: c.name, language: c.language })}</p>
      {c.preview ? <RichText text={c.preview} /> : null}
    </div>
  );
}

export function VideoCallView({ content: c }: { content: VideoCallInviteContent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const url = safeHttpUrl(c.url);
  return (
    <div className="video-invite">
      <p className="content-title">{t('content.videoCall')}</p>
      {url && <a className="btn btn-small" href={url} target="_blank" rel="noopener noreferrer">{t('content.joinCall')}</a>}
      {c.expiresAt && <p className="muted">{t('content.expires', { when: f.when(c.expiresAt) })}</p>}
    </div>
  );
}
