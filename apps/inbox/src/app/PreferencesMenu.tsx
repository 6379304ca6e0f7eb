import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefs, setPref, type SoundPref } from '../lib/prefs.js';
import { useStore } from '../lib/store.js';
import { askDesktopPermission, desktopPermission } from '../notify/desktop.js';
import { chime } from '../notify/sound.js';
import { useApp } from '../state/app.js';
import { Popover } from '../ui/Popover.js';
import { LocaleSwitcher } from './LocaleSwitcher.js';

/** Presence, sound / desktop notifications and language. */
export function PreferencesMenu() {
  const { t } = useTranslation();
  const app = useApp();
  const sound = useStore(prefs, (p) => p.sound);
  const presence = useStore(app.directory.store, (s) => s.presence[app.me.id]);
  const [permission, setPermission] = useState(desktopPermission());
  const id = useId();
  return (
    <Popover label={t('prefs.title')} align="right" testId="preferences">
      {() => (
        <div className="stack prefs">
          <div className="field">
            <label htmlFor={`${id}-presence`}>{t('prefs.presence')}</label>
            <select
              id={`${id}-presence`}
              value={presence === 'busy' ? 'busy' : 'online'}
              onChange={(e) => {
                const status = e.target.value as 'online' | 'busy';
                app.realtime?.presence(status);
                app.directory.setPresence(app.me.id, status);
              }}
            >
              <option value="online">{t('presence.online')}</option>
              <option value="busy">{t('presence.busy')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-sound`}>{t('prefs.sound')}</label>
            <select id={`${id}-sound`} value={sound} onChange={(e) => setPref('sound', e.target.value as SoundPref)} data-testid="sound-pref">
              <option value="none">{t('prefs.soundNone')}</option>
              <option value="mine">{t('prefs.soundMine')}</option>
              <option value="all">{t('prefs.soundAll')}</option>
            </select>
          </div>
          <button type="button" className="btn btn-small" onClick={() => chime()}>{t('prefs.testSound')}</button>
          {permission === 'unsupported' ? (
            <p className="muted">{t('prefs.desktopUnsupported')}</p>
          ) : permission === 'granted' ? (
            <p className="muted">{t('prefs.desktopOn')}</p>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => void askDesktopPermission().then(setPermission)} disabled={permission === 'denied'}>
              {permission === 'denied' ? t('prefs.desktopDenied') : t('prefs.desktopEnable')}
            </button>
          )}
          <LocaleSwitcher />
        </div>
      )}
    </Popover>
  );
}
