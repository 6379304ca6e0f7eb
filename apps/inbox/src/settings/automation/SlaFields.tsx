import { useTranslation } from 'react-i18next';
import type { AutomationDraft } from './automation-model.js';
import { NumberField, type FieldErrors } from './form.js';

/** SLA targets in business minutes (the clock pauses while the inbox is closed). */
export function SlaFields({ draft, onChange, errors }: { draft: AutomationDraft; onChange: (patch: Partial<AutomationDraft>) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const sla = draft.sla;
  const set = (patch: Partial<AutomationDraft['sla']>) => onChange({ sla: { ...sla, ...patch } });
  return (
    <fieldset className="settings-group" data-testid="sla-targets">
      <legend>{t('automation.sla.title')}</legend>
      <p className="muted field-help">{t('automation.sla.help')}</p>
      <NumberField label={t('automation.sla.firstResponse')} help={t('automation.sla.emptyNone')} value={sla.firstResponseMinutes} onChange={(v) => set({ firstResponseMinutes: v })} errors={errors} errorKey="sla.firstResponseMinutes" min={1} testId="sla-first-response" />
      <NumberField label={t('automation.sla.resolution')} help={t('automation.sla.emptyNone')} value={sla.resolutionMinutes} onChange={(v) => set({ resolutionMinutes: v })} errors={errors} errorKey="sla.resolutionMinutes" min={1} testId="sla-resolution" />
      <NumberField label={t('automation.sla.warnBefore')} value={sla.warnBeforeMinutes} onChange={(v) => set({ warnBeforeMinutes: v })} errors={errors} errorKey="sla.warnBeforeMinutes" min={0} testId="sla-warn-before" />
    </fieldset>
  );
}
