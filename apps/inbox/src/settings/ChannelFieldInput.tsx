import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelField } from './channel-fields.js';

export function ChannelFieldInput({ field, value, editing, onChange }: { field: ChannelField; value: string | boolean | undefined; editing: boolean; onChange: (v: string | boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`inboxes.fields.${field.key}`, { defaultValue: field.key });
  const required = field.required && !(editing && field.kind === 'secret');
  if (field.kind === 'bool') {
    return (
      <label className="checkbox">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={`inbox-field-${field.key}`} />
        {label}
      </label>
    );
  }
  const common = {
    id, required, placeholder: field.placeholder, value: typeof value === 'string' ? value : '',
    'data-testid': `inbox-field-${field.key}`,
  };
  let control;
  if (field.kind === 'select') {
    control = (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {(field.options ?? []).map((o) => <option key={o} value={o}>{o ? t(`inboxes.options.${o}`, { defaultValue: o }) : '—'}</option>)}
      </select>
    );
  } else if (field.kind === 'list' || field.kind === 'textarea') {
    control = <textarea rows={3} {...common} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const type = field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : field.kind === 'color' ? 'color' : 'text';
    control = <input type={type} autoComplete={field.kind === 'secret' ? 'new-password' : 'off'} {...common} value={common.value || (field.kind === 'color' ? '#1f4e79' : '')} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}{field.required && !required ? ` ${t('inboxes.keepSecret')}` : ''}</label>
      {control}
      {field.kind === 'list' && <p className="muted">{t('inboxes.listHelp')}</p>}
    </div>
  );
}
