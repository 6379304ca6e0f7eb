import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';

/** Add agents (creating their login when new), change roles, remove them (their sockets are dropped). */
export function AgentsSettings() {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const agents = useStore(app.directory.store, (s) => s.agents);
  const presence = useStore(app.directory.store, (s) => s.presence);
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as 'agent' | 'admin', password: '' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void app.directory.reload('agents'), [app]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await app.directory.reload('agents');
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };

  async function add(e: FormEvent) {
    e.preventDefault();
    const body = { name: form.name.trim(), email: form.email.trim(), role: form.role, ...(form.password && { password: form.password }) };
    if (await run(() => app.api.agents.create(body))) setForm({ name: '', email: '', role: 'agent', password: '' });
  }

  return (
    <section className="settings-section" data-testid="agents-settings">
      <h2>{t('settings.sections.agents')}</h2>
      {error && <p className="form-error" role="alert">{error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">{t('agents.name')}</th>
            <th scope="col">{t('agents.email')}</th>
            <th scope="col">{t('agents.role')}</th>
            <th scope="col">{t('agents.presence')}</th>
            <th scope="col"><span className="visually-hidden">{t('settings.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{a.email}</td>
              <td>
                <select aria-label={t('agents.roleOf', { name: a.name })} value={a.role} disabled={a.id === app.me.id} onChange={(e) => void run(() => app.api.agents.update(a.id, { role: e.target.value as 'admin' | 'agent' }))}>
                  <option value="agent">{t('roles.agent')}</option>
                  <option value="admin">{t('roles.admin')}</option>
                </select>
              </td>
              <td>{t(`presence.${presence[a.id] ?? 'offline'}`)}</td>
              <td>
                {a.id !== app.me.id && (
                  <button type="button" className="btn btn-small btn-danger" onClick={() => window.confirm(t('agents.confirmRemove', { name: a.name })) && void run(() => app.api.agents.remove(a.id))}>
                    {t('agents.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="stack settings-form" onSubmit={add}>
        <h3>{t('agents.add')}</h3>
        <div className="field"><label htmlFor={`${id}-n`}>{t('agents.name')}</label><input id={`${id}-n`} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
        <div className="field"><label htmlFor={`${id}-e`}>{t('agents.email')}</label><input id={`${id}-e`} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></div>
        <div className="field">
          <label htmlFor={`${id}-r`}>{t('agents.role')}</label>
          <select id={`${id}-r`} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as 'agent' | 'admin' })}>
            <option value="agent">{t('roles.agent')}</option>
            <option value="admin">{t('roles.admin')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>{t('agents.password')}</label>
          <input id={`${id}-p`} type="password" autoComplete="new-password" minLength={10} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} aria-describedby={`${id}-ph`} />
          <p id={`${id}-ph`} className="muted">{t('agents.passwordHelp')}</p>
        </div>
        <button type="submit" className="btn btn-primary btn-small">{t('agents.addButton')}</button>
      </form>
    </section>
  );
}
