import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.js';

/** API field path (`weekly[2].open`, `sla.firstResponseMinutes`) → its messages, from a 400's `details`. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  const details = error instanceof ApiError && Array.isArray(error.details) ? error.details : [];
  for (const d of details as { field?: unknown; messages?: unknown }[]) {
    if (typeof d?.field !== 'string') continue;
    const messages = Array.isArray(d.messages) ? d.messages.filter((m): m is string => typeof m === 'string') : [];
    out[d.field] = [...(out[d.field] ?? []), ...messages];
  }
  return out;
}

/** Messages of a field and of everything below it (`phrases.en` also collects `phrases.en[0]`). */
export function errorsUnder(errors: FieldErrors, key: string): string[] {
  return Object.entries(errors).flatMap(([field, messages]) => (field === key || field.startsWith(`${key}.`) || field.startsWith(`${key}[`) ? messages : []));
}

/** Save state of one form: busy, the API's per-field errors, a summary, and "Saved". Focuses the first invalid field. */
export function useSubmit() {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<{ busy: boolean; errors: FieldErrors; summary: string | null; saved: boolean }>({ busy: false, errors: {}, summary: null, saved: false });
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setState({ busy: true, errors: {}, summary: null, saved: false });
    try {
      await work();
      setState({ busy: false, errors: {}, summary: null, saved: true });
      return true;
    } catch (error) {
      const errors = fieldErrors(error);
      const summary = Object.keys(errors).length ? t('automation.errors.summary', { count: Object.keys(errors).length }) : (error as Error).message || t('automation.errors.generic');
      setState({ busy: false, errors, summary, saved: false });
      return false;
    }
  }, [t]);
  useEffect(() => {
    if (Object.keys(state.errors).length) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.errors]);
  return { ...state, form, run };
}

export function ErrorSummary({ summary, errors, saved }: { summary: string | null; errors: FieldErrors; saved: boolean }) {
  const { t } = useTranslation();
  const all = Object.values(errors).flat();
  return (
    <div>
      {summary && (
        <div className="form-error" role="alert" data-testid="form-errors">
          <p className="form-error-title">{summary}</p>
          {all.length > 0 && <ul>{all.map((m, i) => <li key={i}>{m}</li>)}</ul>}
        </div>
      )}
      <p className="form-saved" role="status" data-testid={saved ? 'form-saved' : undefined}>{saved ? t('automation.saved') : ''}</p>
    </div>
  );
}

/** aria-invalid + aria-describedby for a control whose messages render under `${id}-err`. */
export function invalid(messages: string[], id: string) {
  return messages.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {};
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return <p id={`${id}-err`} className="field-error" data-testid="field-error">{messages.join(' ')}</p>;
}

interface NumberProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  errorKey: string;
  help?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  testId?: string;
}

/** A number typed as text: an empty box means "none"; the API judges the value (and says why). */
export function NumberField({ label, value, onChange, errors, errorKey, help, min, max, step, testId }: NumberProps) {
  const id = useId();
  const messages = errorsUnder(errors, errorKey);
  const describedBy = [messages.length ? `${id}-err` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        className="input-short"
      />
      {help && <p id={`${id}-help`} className="muted field-help">{help}</p>}
      <FieldError id={id} messages={messages} />
    </div>
  );
}

export function CheckField({ label, checked, onChange, testId, errors, errorKey }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string; errors?: FieldErrors; errorKey?: string }) {
  const id = useId();
  const messages = errors && errorKey ? errorsUnder(errors, errorKey) : [];
  return (
    <div>
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} {...invalid(messages, id)} />
        {label}
      </label>
      <FieldError id={id} messages={messages} />
    </div>
  );
}

interface TextsProps {
  legend: string;
  locales: string[];
  texts: Record<string, string>;
  onChange: (texts: Record<string, string>) => void;
  errors: FieldErrors;
  errorKey: string;
  help?: ReactNode;
  testId: string;
}

/** One text per locale (greeting, out-of-office): the inbox's locales, plus any locale that already has a text. */
export function LocaleTexts({ legend, locales, texts, onChange, errors, errorKey, help, testId }: TextsProps) {
  const { t } = useTranslation();
  const id = useId();
  const shown = [...new Set([...locales, ...Object.keys(texts)])];
  const own = errors[errorKey] ?? [];
  return (
    <fieldset className="field locale-texts" {...(help ? { 'aria-describedby': `${id}-help` } : {})}>
      <legend>{legend}</legend>
      {help && <p id={`${id}-help`} className="muted field-help">{help}</p>}
      {shown.map((locale) => {
        const messages = errorsUnder(errors, `${errorKey}.${locale}`);
        const fid = `${id}-${locale}`;
        return (
          <div key={locale} className="field">
            <label htmlFor={fid}>{t('automation.textIn', { locale })}</label>
            <textarea id={fid} rows={3} lang={locale} value={texts[locale] ?? ''} onChange={(e) => onChange({ ...texts, [locale]: e.target.value })} data-testid={`${testId}-${locale}`} {...invalid(messages, fid)} />
            <FieldError id={fid} messages={messages} />
          </div>
        );
      })}
      <FieldError id={id} messages={own} />
    </fieldset>
  );
}
