import { useTranslation } from 'react-i18next';
import { goSettings } from '../lib/route.js';
import { useApp } from '../state/app.js';
import { AgentsSettings } from './AgentsSettings.js';
import { CannedSettings } from './CannedSettings.js';
import { InboxesSettings } from './InboxesSettings.js';
import { LabelsSettings } from './LabelsSettings.js';
import { TeamsSettings } from './TeamsSettings.js';
import { TemplatesSettings } from './TemplatesSettings.js';

const SECTIONS = ['inboxes', 'agents', 'teams', 'canned', 'labels', 'templates'] as const;

/** Admin settings (a separate chunk: agents who never open it never download it). */
export default function Settings({ section }: { section: string }) {
  const { t } = useTranslation();
  const app = useApp();
  if (!app.isAdmin) return <main className="settings"><p role="alert">{t('settings.adminOnly')}</p></main>;
  const current = (SECTIONS as readonly string[]).includes(section) ? section : 'inboxes';
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={t('settings.title')}>
        <h2>{t('settings.title')}</h2>
        <ul className="plain-list">
          {SECTIONS.map((s) => (
            <li key={s}>
              <button type="button" className="settings-link" aria-current={s === current ? 'page' : undefined} onClick={() => goSettings(s)} data-testid={`settings-${s}`}>
                {t(`settings.sections.${s}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="settings-main">
        {current === 'inboxes' && <InboxesSettings />}
        {current === 'agents' && <AgentsSettings />}
        {current === 'teams' && <TeamsSettings />}
        {current === 'canned' && <CannedSettings />}
        {current === 'labels' && <LabelsSettings />}
        {current === 'templates' && <TemplatesSettings />}
      </main>
    </div>
  );
}
