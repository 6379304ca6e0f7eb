import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxView, MessageTemplate } from '../../api/types.js';
import { useApp } from '../../state/app.js';
import { localeList, templateValue, usesWhatsappTemplates, type AutomationDraft } from './automation-model.js';
import { CheckField, errorsUnder, FieldError, LocaleTexts, NumberField, type FieldErrors } from './form.js';

/** The help line, and the error line when there is one. */
const describedBy = (id: string, messages: string[]) => (messages.length ? `${id}-help ${id}-err` : `${id}-help`);

interface Props {
  inbox: InboxView;
  draft: AutomationDraft;
  onChange: (patch: Partial<AutomationDraft>) => void;
  errors: FieldErrors;
}

/** Languages, greeting, out-of-office (texts + the WhatsApp template outside the window), and when the bot keeps quiet. */
export function RepliesFields({ inbox, draft, onChange, errors }: Props) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const locales = localeList(draft.locales);
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  const whatsapp = usesWhatsappTemplates(inbox.channelType);
  useEffect(() => {
    if (whatsapp) app.api.inboxes.templates(inbox.id).list().then(setTemplates, () => setTemplates([]));
  }, [app, inbox.id, whatsapp]);
  const localeErrors = errorsUnder(errors, 'locales');
  const templateErrors = errorsUnder(errors, 'outOfOffice.whatsappTemplate');
  const choices = templates.map((x) => ({ value: templateValue({ name: /^HX[0-9a-f]{32}$/.test(x.providerTemplateId ?? '') ? x.providerTemplateId! : x.name, language: x.language }), label: `${x.name} (${x.language})` }));
  if (draft.outOfOffice.template && !choices.some((c) => c.value === draft.outOfOffice.template)) {
    choices.unshift({ value: draft.outOfOffice.template, label: draft.outOfOffice.template.replace('|', ' · ') });
  }
  const ooo = draft.outOfOffice;

  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-loc`}>{t('automation.replies.locales')}</label>
        <input id={`${id}-loc`} value={draft.locales} onChange={(e) => onChange({ locales: e.target.value })} aria-describedby={describedBy(`${id}-loc`, localeErrors)} aria-invalid={localeErrors.length ? true : undefined} data-testid="automation-locales" />
        <p id={`${id}-loc-help`} className="muted field-help">{t('automation.replies.localesHelp')}</p>
        <FieldError id={`${id}-loc`} messages={localeErrors} />
      </div>

      <fieldset className="settings-group" data-testid="greeting">
        <legend>{t('automation.replies.greeting')}</legend>
        <CheckField label={t('automation.replies.greetingEnabled')} checked={draft.greeting.enabled} onChange={(enabled) => onChange({ greeting: { ...draft.greeting, enabled } })} testId="greeting-enabled" errors={errors} errorKey="greeting.enabled" />
        <LocaleTexts legend={t('automation.replies.greetingTexts')} locales={locales} texts={draft.greeting.texts} onChange={(texts) => onChange({ greeting: { ...draft.greeting, texts } })} errors={errors} errorKey="greeting.texts" testId="greeting-text" />
      </fieldset>

      <fieldset className="settings-group" data-testid="out-of-office">
        <legend>{t('automation.replies.ooo')}</legend>
        <CheckField label={t('automation.replies.oooEnabled')} checked={ooo.enabled} onChange={(enabled) => onChange({ outOfOffice: { ...ooo, enabled } })} testId="ooo-enabled" errors={errors} errorKey="outOfOffice.enabled" />
        <LocaleTexts
          legend={t('automation.replies.oooTexts')}
          locales={locales}
          texts={ooo.texts}
          onChange={(texts) => onChange({ outOfOffice: { ...ooo, texts } })}
          errors={errors}
          errorKey="outOfOffice.texts"
          help={<>{t('automation.replies.nextOpenHint')} <code>{'{{nextOpen}}'}</code></>}
          testId="ooo-text"
        />
        {whatsapp && (
          <div className="field">
            <label htmlFor={`${id}-tpl`}>{t('automation.replies.template')}</label>
            <select id={`${id}-tpl`} value={ooo.template} onChange={(e) => onChange({ outOfOffice: { ...ooo, template: e.target.value } })} aria-describedby={describedBy(`${id}-tpl`, templateErrors)} aria-invalid={templateErrors.length ? true : undefined} data-testid="ooo-template">
              <option value="">{t('automation.replies.noTemplate')}</option>
              {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
            <p id={`${id}-tpl-help`} className="muted field-help">{templates.length ? t('automation.replies.templateHelp') : t('automation.replies.noTemplates')}</p>
            <FieldError id={`${id}-tpl`} messages={templateErrors} />
          </div>
        )}
      </fieldset>

      <NumberField
        label={t('automation.replies.quietMinutes')}
        help={t('automation.replies.quietHelp')}
        value={draft.assistantRepliedRecentlyMinutes}
        onChange={(v) => onChange({ assistantRepliedRecentlyMinutes: v })}
        errors={errors}
        errorKey="assistantRepliedRecentlyMinutes"
        min={0}
        max={1440}
        testId="quiet-minutes"
      />
    </>
  );
}
