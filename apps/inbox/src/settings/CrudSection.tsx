import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface CrudField {
  key: string;
  label: string;
  kind?: 'text' | 'textarea' | 'color' | 'agents';
  required?: boolean;
  placeholder?: string;
  help?: string;
}

export interface CrudApi<T> {
  list(): Promise<T[]>;
  create(body: Record<string, unknown>): Promise<T>;
  update(id: string, body: Record<string, unknown>): Promise<T>;
  remove(id: string): Promise<void>;
}

interface Props<T extends { id: string }> {
  title: string;
  testId: string;
  api: CrudApi<T>;
  fields: CrudField[];
  /** Columns of the table: a cell per field key by default. */
  cells: (item: T) => ReactNode[];
  headers: string[];
  agents?: { id: string; name: string }[];
  onChanged?: () => void;
}

type Values = Record<string, string | string[]>;

/** List + create/edit form + delete, for the simple settings resources (canned responses, labels, templates, teams). */
export function CrudSection<T extends { id: string }>({ title, testId, api, fields, cells, headers, agents = [], onChanged }: Props<T>) {
  const { t } = useTranslation();
  const id = useId();
  const [items, setItems] = useState<T[] | null>(null);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [values, setValues] = useState<Values>({});
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => api.list().then(setItems, (e: Error) => { setItems([]); setError(e.message); }), [api]);
  useEffect(() => void reload(), [reload]);

  const start = (item: T | 'new') => {
    setError(null);
    setEditing(item);
    const source = item === 'new' ? {} : (item as unknown as Record<string, unknown>);
    setValues(Object.fromEntries(fields.map((f) => [f.key, f.kind === 'agents' ? ((source[f.key] as string[]) ?? []) : String(source[f.key] ?? (f.kind === 'color' ? '#6b7280' : ''))])));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.key];
      if (Array.isArray(v)) body[f.key] = v;
      else if (v?.trim()) body[f.key] = v.trim();
      else if (editing !== 'new') body[f.key] = f.required ? undefined : null;
    }
    try {
      if (editing === 'new') await api.create(body);
      else if (editing) await api.update(editing.id, body);
      setEditing(null);
      await reload();
      onChanged?.();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function remove(item: T) {
    if (!window.confirm(t('settings.confirmDelete'))) return;
    try {
      await api.remove(item.id);
      await reload();
      onChanged?.();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const field = (f: CrudField) => {
    const fid = `${id}-${f.key}`;
    const v = values[f.key];
    if (f.kind === 'agents') {
      const chosen = (v as string[]) ?? [];
      return (
        <fieldset key={f.key} className="field">
          <legend>{f.label}</legend>
          {agents.map((a) => (
            <label key={a.id} className="checkbox">
              <input type="checkbox" checked={chosen.includes(a.id)} onChange={(e) => setValues({ ...values, [f.key]: e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id) })} />
              {a.name}
            </label>
          ))}
        </fieldset>
      );
    }
    const common = { id: fid, value: (v as string) ?? '', required: f.required, placeholder: f.placeholder, onChange: (e: { target: { value: string } }) => setValues({ ...values, [f.key]: e.target.value }), 'data-testid': `field-${f.key}` };
    return (
      <div key={f.key} className="field">
        <label htmlFor={fid}>{f.label}</label>
        {f.kind === 'textarea' ? <textarea rows={4} {...common} /> : <input type={f.kind === 'color' ? 'color' : 'text'} {...common} />}
        {f.help && <p className="muted">{f.help}</p>}
      </div>
    );
  };

  return (
    <section className="settings-section" data-testid={testId}>
      <div className="row-between">
        <h2>{title}</h2>
        <button type="button" className="btn btn-primary btn-small" onClick={() => start('new')} data-testid="crud-new">{t('settings.add')}</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {editing && (
        <form className="stack settings-form" onSubmit={submit}>
          {fields.map(field)}
          <div className="row">
            <button type="submit" className="btn btn-primary btn-small" data-testid="crud-save">{t('settings.save')}</button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {items === null ? (
        <p className="muted" role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('settings.empty')}</p>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>{headers.map((h) => <th key={h} scope="col">{h}</th>)}<th scope="col"><span className="visually-hidden">{t('settings.actions')}</span></th></tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                {cells(item).map((c, i) => <td key={i}>{c}</td>)}
                <td className="row">
                  <button type="button" className="btn btn-small" onClick={() => start(item)}>{t('settings.edit')}</button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(item)}>{t('settings.delete')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
