import type { MediaType } from '@concierge/contracts';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { useApp } from '../state/app.js';

function mediaTypeOf(mime: string): MediaType {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

/** Uploads the raw bytes (`POST attachments` with the file's Content-Type), then sends `{ type: 'media', attachmentId }`. */
export function AttachButton({ conversation: c, note, caption, onSent }: { conversation: Conversation; note: boolean; caption: string; onSent: () => void }) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    let first = true;
    try {
      for (const f of [...files]) {
        const stored = await app.api.upload(f, f.name);
        const withCaption = first && caption ? { caption } : {};
        app.thread.send({ type: 'media', mediaType: mediaTypeOf(stored.mimeType || f.type), attachmentId: stored.id, url: stored.url, filename: f.name, ...withCaption }, { private: note });
        if (first && caption) onSent();
        first = false;
      }
    } catch (error) {
      app.thread.setError(t('composer.uploadFailed', { message: (error as Error).message }));
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  }

  return (
    <>
      <input id={id} ref={file} type="file" multiple className="visually-hidden" tabIndex={-1} onChange={(e) => void upload(e.target.files)} data-testid="attach-input" aria-label={t('composer.attach')} />
      <button type="button" className="btn" onClick={() => file.current?.click()} disabled={busy} data-testid="attach">
        {busy ? t('composer.uploading') : t('composer.attach')}
      </button>
    </>
  );
}
