import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTemplate } from '../api/types.js';
import { useApp } from '../state/app.js';

function preview(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => values[key] || whole);
}

/** Outside the WhatsApp window only approved templates may be sent: pick one, fill its variables, see the result. */
export function TemplatePicker({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const [templates, setTemplates] = useState<MessageTemplate[] | null>(null);
  const [chosenId, setChosenId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    app.api.inboxes.templates(inboxId).list().then(setTemplates, (e: Error) => {
      setTemplates([]);
      setError(e.message);
    });
  }, [app, inboxId]);

  const chosen = templates?.find((x) => x.id === chosenId);
  const keys = chosen ? (chosen.variables?.length ? chosen.variables : [...new Set([...chosen.body.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))]) : [];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    if (keys.some((k) => !values[k]?.trim())) return setError(t('templates.fillAll'));
    const variables = Object.fromEntries(keys.map((k) => [k, values[k]!.trim()]));
    app.thread.send({
      type: 'template', name: chosen.name, language: chosen.language, variables,
      ...(chosen.providerTemplateId && { providerTemplateId: chosen.providerTemplateId }),
      preview: preview(chosen.body, variables),
    });
    setValues({});
    setError(null);
  }

  if (templates === null) return <p className="muted" role="status">{t('common.loading')}</p>;
  if (templates.length === 0) return <p className="muted" data-testid="no-templates">{error ?? t('templates.none')}</p>;
  return (
    <form className="template-picker stack" onSubmit={submit} data-testid="template-picker">
      <label htmlFor={`${id}-tpl`}>{t('templates.choose')}</label>
      <select id={`${id}-tpl`} value={chosenId} onChange={(e) => { setChosenId(e.target.value); setValues({}); setError(null); }} data-testid="template-select">
        <option value="">—</option>
        {templates.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.language})</option>)}
      </select>
      {chosen && (
        <>
          {keys.map((k) => (
            <div className="field field-row" key={k}>
              <label htmlFor={`${id}-v-${k}`}>{t('templates.variable', { key: k })}</label>
              <input id={`${id}-v-${k}`} value={values[k] ?? ''} onChange={(e) => setValues({ ...values, [k]: e.target.value })} data-testid="template-variable" />
            </div>
          ))}
          <p className="template-preview" data-testid="template-preview">{preview(chosen.body, values)}</p>
        </>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <button type="submit" className="btn btn-primary btn-small" disabled={!chosen} data-testid="template-send">{t('templates.send')}</button>
    </form>
  );
}
