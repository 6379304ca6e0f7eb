import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignmentMode } from '../../api/types.js';
import { useStore } from '../../lib/store.js';
import { useApp } from '../../state/app.js';
import type { AutomationDraft } from './automation-model.js';
import { CheckField, errorsUnder, FieldError, invalid, NumberField, type FieldErrors } from './form.js';

interface Props {
  draft: AutomationDraft;
  onChange: (patch: Partial<AutomationDraft>) => void;
  errors: FieldErrors;
}

const MODES: AssignmentMode[] = ['none', 'round_robin', 'capacity'];

/** Intents (on/off, confidence, fallback) and automatic assignment. */
export function RoutingFields({ draft, onChange, errors }: Props) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const teams = useStore(app.directory.store, (s) => s.teams);
  const intents = draft.intents;
  const a = draft.assignment;
  const fallbackErrors = errorsUnder(errors, 'intents.fallback');
  const modeErrors = errorsUnder(errors, 'assignment.mode');
  const teamErrors = errorsUnder(errors, 'assignment.teamId');

  return (
    <>
      <fieldset className="settings-group" data-testid="intents">
        <legend>{t('automation.intents.title')}</legend>
        <CheckField label={t('automation.intents.enabled')} checked={intents.enabled} onChange={(enabled) => onChange({ intents: { ...intents, enabled } })} testId="intents-enabled" errors={errors} errorKey="intents.enabled" />
        <NumberField
          label={t('automation.intents.threshold')}
          help={t('automation.intents.thresholdHelp')}
          value={intents.confidenceThreshold}
          onChange={(confidenceThreshold) => onChange({ intents: { ...intents, confidenceThreshold } })}
          errors={errors}
          errorKey="intents.confidenceThreshold"
          min={0.05}
          max={1}
          step={0.05}
          testId="intents-threshold"
        />
        <div className="field">
          <label htmlFor={`${id}-fb`}>{t('automation.intents.fallback')}</label>
          <select id={`${id}-fb`} value={intents.fallback} onChange={(e) => onChange({ intents: { ...intents, fallback: e.target.value as 'none' | 'handover' } })} data-testid="intents-fallback" {...invalid(fallbackErrors, `${id}-fb`)}>
            <option value="none">{t('automation.intents.fallbackNone')}</option>
            <option value="handover">{t('automation.intents.fallbackHandover')}</option>
          </select>
          <FieldError id={`${id}-fb`} messages={fallbackErrors} />
        </div>
      </fieldset>

      <fieldset className="settings-group" data-testid="assignment">
        <legend>{t('automation.assignment.title')}</legend>
        <div className="field">
          <label htmlFor={`${id}-mode`}>{t('automation.assignment.mode')}</label>
          <select id={`${id}-mode`} value={a.mode} onChange={(e) => onChange({ assignment: { ...a, mode: e.target.value as AssignmentMode } })} data-testid="assignment-mode" {...invalid(modeErrors, `${id}-mode`)}>
            {MODES.map((m) => <option key={m} value={m}>{t(`automation.assignment.modes.${m}`)}</option>)}
          </select>
          <FieldError id={`${id}-mode`} messages={modeErrors} />
        </div>
        <NumberField
          label={t('automation.assignment.maxOpen')}
          help={t('automation.assignment.maxOpenHelp')}
          value={a.maxOpenPerAgent}
          onChange={(maxOpenPerAgent) => onChange({ assignment: { ...a, maxOpenPerAgent } })}
          errors={errors}
          errorKey="assignment.maxOpenPerAgent"
          min={1}
          max={1000}
          testId="assignment-max-open"
        />
        <div className="field">
          <label htmlFor={`${id}-team`}>{t('automation.assignment.team')}</label>
          <select id={`${id}-team`} value={a.teamId} onChange={(e) => onChange({ assignment: { ...a, teamId: e.target.value } })} data-testid="assignment-team" {...invalid(teamErrors, `${id}-team`)}>
            <option value="">{t('automation.assignment.anyTeam')}</option>
            {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
          <FieldError id={`${id}-team`} messages={teamErrors} />
        </div>
        <CheckField label={t('automation.assignment.sticky')} checked={a.sticky} onChange={(sticky) => onChange({ assignment: { ...a, sticky } })} testId="assignment-sticky" errors={errors} errorKey="assignment.sticky" />
        <NumberField
          label={t('automation.assignment.grace')}
          help={t('automation.assignment.graceHelp')}
          value={a.offlineGraceSeconds}
          onChange={(offlineGraceSeconds) => onChange({ assignment: { ...a, offlineGraceSeconds } })}
          errors={errors}
          errorKey="assignment.offlineGraceSeconds"
          min={0}
          max={86400}
          testId="assignment-grace"
        />
      </fieldset>
    </>
  );
}
