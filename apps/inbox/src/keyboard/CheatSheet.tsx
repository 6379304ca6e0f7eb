import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog.js';
import { SHORTCUTS } from './shortcuts.js';

export function CheatSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('shortcuts.title')} testId="cheatsheet">
      <h2 className="dialog-title">{t('shortcuts.title')}</h2>
      <table className="shortcut-table">
        <caption className="visually-hidden">{t('shortcuts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{s.keys.map((k, i) => <span key={i}>{i > 0 && ' + '}<kbd>{k}</kbd></span>)}</td>
              <td>{t(`shortcuts.actions.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('shortcuts.note')}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>{t('common.close')}</button>
      </div>
    </Dialog>
  );
}
