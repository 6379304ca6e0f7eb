import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelView } from '../api/types.js';
import { useApp } from '../state/app.js';
import { CrudSection, type CrudApi } from './CrudSection.js';

export function LabelsSettings() {
  const { t } = useTranslation();
  const app = useApp();
  const api = useMemo(() => app.api.labels as unknown as CrudApi<LabelView>, [app]);
  return (
    <CrudSection<LabelView>
      title={t('settings.sections.labels')}
      testId="labels-settings"
      api={api}
      onChanged={() => void app.directory.reload('labels')}
      headers={[t('labels.name'), t('labels.color')]}
      cells={(l) => [l.name, <span key="c"><span className="label-dot" style={{ backgroundColor: l.color }} aria-hidden="true" /> {l.color}</span>]}
      fields={[
        { key: 'name', label: t('labels.name'), required: true },
        { key: 'color', label: t('labels.color'), kind: 'color' },
      ]}
    />
  );
}
