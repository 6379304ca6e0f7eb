import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaqView, InboxView } from '../../api/types.js';
import { useApp } from '../../state/app.js';
import { FaqForm } from './FaqForm.js';

/** `inboxes/:id/faqs`: the brand's own questions the bot answers (when intents are on). */
export function FaqSettings({ inbox }: { inbox: InboxView }) {
  const { t } = useTranslation();
  const app = useApp();
  const api = app.api.automation(inbox.id);
  const [faqs, setFaqs] = useState<FaqView[] | null>(null);
  const [locales, setLocales] = useState<string[]>(['en']);
  const [editing, setEditing] = useState<FaqView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => api.faqs.list().then(setFaqs, (e: Error) => { setFaqs([]); setError(e.message); }), [inbox.id]);
  useEffect(() => {
    void reload();
    api.settings().then((s) => setLocales(s.locales), () => undefined);
  }, [inbox.id]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="stack" data-testid="faq-settings" aria-labelledby="faq-title">
      <div className="row-between">
        <h3 id="faq-title">{t('automation.tabs.faqs')}</h3>
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')} data-testid="faq-new">{t('automation.faqs.add')}</button>
      </div>
      <p className="muted field-help">{t('automation.faqs.help')}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      {editing && (
        <FaqForm
          key={editing === 'new' ? 'new' : editing.id}
          faq={editing === 'new' ? null : editing}
          locales={locales}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            if (editing === 'new') await api.faqs.create(body);
            else await api.faqs.update(editing.id, body);
            setEditing(null);
            await reload();
          }}
        />
      )}
      {faqs === null ? (
        <p className="muted" role="status">{t('common.loading')}</p>
      ) : faqs.length === 0 ? (
        <p className="muted">{t('automation.faqs.empty')}</p>
      ) : (
        <table className="settings-table" data-testid="faq-table">
          <thead>
            <tr>
              <th scope="col">{t('automation.faqs.title')}</th>
              <th scope="col">{t('automation.faqs.languages')}</th>
              <th scope="col">{t('automation.faqs.phrases')}</th>
              <th scope="col">{t('automation.faqs.enabled')}</th>
              <th scope="col"><span className="visually-hidden">{t('settings.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {faqs.map((f) => (
              <tr key={f.id} data-testid="faq-row">
                <td>{f.title}</td>
                <td>{Object.keys(f.answers).join(', ')}</td>
                <td>{Object.values(f.phrases).flat().join(' · ')}</td>
                <td>
                  <input type="checkbox" checked={f.enabled} aria-label={t('automation.faqs.enabledOf', { title: f.title })} onChange={(e) => void act(() => api.faqs.update(f.id, { enabled: e.target.checked }))} />
                </td>
                <td className="row">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(f)} aria-label={t('automation.faqs.editOf', { title: f.title })}>{t('settings.edit')}</button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => window.confirm(t('settings.confirmDelete')) && void act(() => api.faqs.remove(f.id))} aria-label={t('automation.faqs.deleteOf', { title: f.title })}>{t('settings.delete')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
