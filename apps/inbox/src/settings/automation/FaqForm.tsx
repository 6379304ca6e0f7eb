import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaqInput, FaqView } from '../../api/types.js';
import { toFaqBody, toFaqDraft, type FaqDraft } from './faq-model.js';
import { CheckField, ErrorSummary, errorsUnder, FieldError, invalid, useSubmit } from './form.js';

interface Props {
  faq: FaqView | null;
  locales: string[];
  onSave: (body: FaqInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Create or edit one FAQ: a title, phrases and an answer per language. */
export function FaqForm({ faq, locales, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<FaqDraft>(() => toFaqDraft(faq, locales));
  const [newLocale, setNewLocale] = useState('');
  const submit = useSubmit();
  const { errors } = submit;
  const setLocale = (index: number, patch: Partial<FaqDraft['locales'][number]>) => setDraft({ ...draft, locales: draft.locales.map((l, i) => (i === index ? { ...l, ...patch } : l)) });

  function addLocale() {
    const locale = newLocale.trim();
    if (!locale || draft.locales.some((l) => l.locale.toLowerCase() === locale.toLowerCase())) return;
    setDraft({ ...draft, locales: [...draft.locales, { locale, phrases: '', answer: '' }] });
    setNewLocale('');
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    await submit.run(() => onSave(toFaqBody(draft)));
  }

  const titleErrors = errorsUnder(errors, 'title');
  return (
    <form ref={submit.form} className="stack settings-form faq-form" onSubmit={save} noValidate data-testid="faq-form" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{faq ? t('automation.faqs.edit', { title: faq.title }) : t('automation.faqs.new')}</h4>
      <div className="field">
        <label htmlFor={`${id}-t`}>{t('automation.faqs.title')}</label>
        <input id={`${id}-t`} value={draft.title} maxLength={200} onChange={(e) => setDraft({ ...draft, title: e.target.value })} data-testid="faq-title" {...invalid(titleErrors, `${id}-t`)} />
        <FieldError id={`${id}-t`} messages={titleErrors} />
      </div>
      <CheckField label={t('automation.faqs.enabled')} checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} testId="faq-enabled" />
      <FieldError id={`${id}-all`} messages={[...(errors.phrases ?? []), ...(errors.answers ?? [])]} />
      {draft.locales.map((l, i) => {
        const p = errorsUnder(errors, `phrases.${l.locale}`);
        const a = errorsUnder(errors, `answers.${l.locale}`);
        return (
          <fieldset key={l.locale} className="settings-group" data-testid="faq-locale" data-locale={l.locale}>
            <legend>{t('automation.faqs.language', { locale: l.locale })}</legend>
            <div className="field">
              <label htmlFor={`${id}-${i}-p`}>{t('automation.faqs.phrases')}</label>
              <textarea id={`${id}-${i}-p`} rows={3} lang={l.locale} value={l.phrases} onChange={(e) => setLocale(i, { phrases: e.target.value })} data-testid="faq-phrases" aria-describedby={`${id}-ph${p.length ? ` ${id}-${i}-p-err` : ''}`} aria-invalid={p.length ? true : undefined} />
              <FieldError id={`${id}-${i}-p`} messages={p} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-${i}-a`}>{t('automation.faqs.answer')}</label>
              <textarea id={`${id}-${i}-a`} rows={3} lang={l.locale} value={l.answer} onChange={(e) => setLocale(i, { answer: e.target.value })} data-testid="faq-answer" {...invalid(a, `${id}-${i}-a`)} />
              <FieldError id={`${id}-${i}-a`} messages={a} />
            </div>
          </fieldset>
        );
      })}
      <p id={`${id}-ph`} className="muted field-help">{t('automation.faqs.phrasesHelp')}</p>
      <div className="row row-end">
        <div className="field">
          <label htmlFor={`${id}-nl`}>{t('automation.faqs.addLanguage')}</label>
          <input id={`${id}-nl`} value={newLocale} placeholder="fr" className="input-short" onChange={(e) => setNewLocale(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addLocale(); } }} />
        </div>
        <button type="button" className="btn btn-small" onClick={addLocale}>{t('settings.add')}</button>
      </div>
      <ErrorSummary summary={submit.summary} errors={errors} saved={false} />
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={submit.busy} data-testid="faq-save">{t('settings.save')}</button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
