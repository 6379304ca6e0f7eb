import type { MediaContent } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';
import { safeHttpUrl } from '../../lib/safe-url.js';
import { RichText } from './RichText.js';

function size(bytes: number | undefined): string {
  if (!bytes || !Number.isFinite(bytes)) return '';
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Images inline, audio/video with players, documents as links; only http(s) sources. */
export function MediaView({ content: c }: { content: MediaContent }) {
  const { t } = useTranslation();
  const url = safeHttpUrl(c.url);
  const name = c.filename || t(`content.media.${c.mediaType}`, { defaultValue: t('content.media.document') });
  let body;
  if (!url) body = <span className="muted">{t('content.mediaUnavailable', { name })}</span>;
  else if (c.mediaType === 'image' || c.mediaType === 'sticker') {
    body = (
      <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="media-image">
        <img src={url} alt={c.caption || name} loading="lazy" referrerPolicy="no-referrer" />
      </a>
    );
  } else if (c.mediaType === 'video') {
    body = <video src={url} controls preload="metadata" className="media-video" aria-label={name} />;
  } else if (c.mediaType === 'audio') {
    body = <audio src={url} controls preload="metadata" aria-label={name} />;
  } else {
    body = (
      <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="media-file" download={c.filename || undefined}>
        {name} {size(c.sizeBytes) && <span className="muted">({size(c.sizeBytes)})</span>}
      </a>
    );
  }
  return (
    <div className="media" data-media-type={c.mediaType}>
      {body}
      {c.caption && <RichText text={c.caption} />}
    </div>
  );
}
