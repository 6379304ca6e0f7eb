import { TEMPLATE_PLACEHOLDERS } from '@concierge/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../api/types.js';
import { useApp } from '../state/app.js';
import { CrudSection, type CrudApi } from './CrudSection.js';

export function CannedSettings() {
  const { t } = useTranslation();
  const app = useApp();
  const api = useMemo(() => app.api.canned as unknown as CrudApi<CannedResponse>, [app]);
  return (
    <CrudSection<CannedResponse>
      title={t('settings.sections.canned')}
      testId="canned-settings"
      api={api}
      onChanged={() => void app.directory.reload('canned')}
      headers={[t('canned.shortCode'), t('canned.content')]}
      cells={(c) => [<code key="c">/{c.shortCode}</code>, c.content]}
      fields={[
        { key: 'shortCode', label: t('canned.shortCode'), required: true, placeholder: 'thanks' },
        { key: 'content', label: t('canned.content'), kind: 'textarea', required: true, help: t('canned.placeholders', { list: TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') }) },
      ]}
    />
  );
}
