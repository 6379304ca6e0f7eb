import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app.js';
import { Dialog } from '../ui/Dialog.js';
import { buildCommands, filterCommands, type Command } from './commands.js';

/** Ctrl/Cmd+K: jump to a conversation or run an action (loaded on first use: not in the initial bundle). */
export default function CommandPalette({ onClose, onHelp }: { onClose: () => void; onHelp: () => void }) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const all = useMemo(() => buildCommands(app, t, onHelp), [app, t, onHelp]);
  const shown = filterCommands(all, query);

  const run = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    c.run();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[Math.min(active, shown.length - 1)]);
    }
  };

  return (
    <Dialog open onClose={onClose} title={t('palette.title')} className="palette" testId="palette">
      <label htmlFor={`${id}-q`} className="visually-hidden">{t('palette.title')}</label>
      <input
        id={`${id}-q`}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={shown.length ? `${id}-${Math.min(active, shown.length - 1)}` : undefined}
        placeholder={t('palette.placeholder')}
        value={query}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }}
        onKeyDown={onKey}
        autoFocus
        data-testid="palette-input"
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t('palette.results')} className="plain-list palette-list">
        {shown.map((c, i) => (
          <li key={c.id} id={`${id}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'suggestion is-active' : 'suggestion'} onClick={() => run(c)} onMouseEnter={() => setActive(i)} data-testid="palette-item">
            <span className="suggestion-label">{c.label}</span>
            <span className="suggestion-detail">{c.hint}</span>
          </li>
        ))}
        {shown.length === 0 && <li className="muted" role="option" aria-selected="false" aria-disabled="true">{t('palette.nothing')}</li>}
      </ul>
    </Dialog>
  );
}
