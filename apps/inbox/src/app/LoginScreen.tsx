import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '../api/client.js';
import { ApiError, createHttp } from '../api/http.js';
import type { LoginResult } from '../api/types.js';
import { LocaleSwitcher } from './LocaleSwitcher.js';

const http = createHttp(() => null, () => undefined);

export function LoginScreen({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (r: LoginResult) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) return setError(t('login.missing'));
    setBusy(true);
    try {
      const result = await login(http, email.trim(), password);
      if (!result?.accessToken) throw new Error(t('login.failed'));
      setPassword('');
      onLoggedIn(result);
    } catch (err) {
      const e = err as ApiError;
      setError(e.status === 401 ? t('login.invalid') : e.status === 429 ? t('login.throttled') : e.code === 'NETWORK_ERROR' ? t('errors.network') : e.message);
      passwordRef.current?.select();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen-center">
      <main className="card">
        <p className="wordmark">Concierge</p>
        <h1 className="card-title">{t('login.title')}</h1>
        {notice && <p className="notice" role="status">{notice}</p>}
        <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('login.email')}</label>
            <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" autoFocus />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input id={`${id}-password`} ref={passwordRef} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
          </div>
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="login-submit">
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
        <LocaleSwitcher />
      </main>
    </div>
  );
}
