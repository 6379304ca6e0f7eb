import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { Popover } from '../ui/Popover.js';
import { snoozePresets, toLocalInput } from './snooze-times.js';

/** Snooze until a preset or a chosen moment (Alt+M opens it). */
export function SnoozeMenu() {
  const { t } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const signal = useStore(app.ui, (s) => s.snoozeOpen);
  const [custom, setCustom] = useState(() => toLocalInput(new Date(Date.now() + 2 * 3_600_000)));
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const snooze = (until: Date, close: () => void) => {
    if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) return setError(t('snooze.future'));
    setError(null);
    close();
    void app.thread.act({ status: 'snoozed', snoozedUntil: until.toISOString() }).catch(() => undefined);
  };

  return (
    <Popover label={t('actions.snooze')} testId="snooze-menu" openSignal={signal}>
      {(close) => (
        <div className="menu">
          <ul className="plain-list">
            {snoozePresets().map((p) => (
              <li key={p.key}>
                <button type="button" className="menu-item" onClick={() => snooze(p.until, close)} data-testid={`snooze-${p.key}`}>
                  <span>{t(`snooze.${p.key}`)}</span>
                  <span className="muted">{f.when(p.until)}</span>
                </button>
              </li>
            ))}
          </ul>
          <form
            className="stack"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              snooze(new Date(custom), close);
            }}
          >
            <label htmlFor={id}>{t('snooze.custom')}</label>
            <input id={id} type="datetime-local" value={custom} min={toLocalInput(new Date())} onChange={(e) => setCustom(e.target.value)} data-testid="snooze-custom" />
            {error && <p className="form-error" role="alert">{error}</p>}
            <button type="submit" className="btn btn-small btn-primary">{t('snooze.submit')}</button>
          </form>
        </div>
      )}
    </Popover>
  );
}
