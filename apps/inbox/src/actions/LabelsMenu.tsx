import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { labelIds } from '../state/list.js';
import { Popover } from '../ui/Popover.js';

/** Toggle the conversation's labels (`PUT conversations/:id/labels { labelIds }`). */
export function LabelsMenu({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const app = useApp();
  const labels = useStore(app.directory.store, (s) => s.labels);
  const current = labelIds(c);
  const toggle = (id: string) => {
    const next = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
    void app.thread.setLabels(next, labels);
  };
  return (
    <Popover label={t('labels.button')} testId="labels-menu">
      {() => (
        <fieldset className="menu">
          <legend className="menu-heading">{t('labels.title')}</legend>
          {labels.map((l) => (
            <label key={l.id} className="menu-item checkbox">
              <input type="checkbox" checked={current.includes(l.id)} onChange={() => toggle(l.id)} data-testid="label-option" />
              <span className="label-dot" style={{ backgroundColor: l.color ?? '#777' }} aria-hidden="true" />
              <span>{l.name}</span>
            </label>
          ))}
        </fieldset>
      )}
    </Popover>
  );
}
