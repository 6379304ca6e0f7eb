import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamView } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { CrudSection, type CrudApi } from './CrudSection.js';

export function TeamsSettings() {
  const { t } = useTranslation();
  const app = useApp();
  const agents = useStore(app.directory.store, (s) => s.agents);
  useEffect(() => void app.directory.reload('agents'), [app]);
  const api = useMemo(() => app.api.teams as unknown as CrudApi<TeamView>, [app]);
  return (
    <CrudSection<TeamView>
      title={t('settings.sections.teams')}
      testId="teams-settings"
      api={api}
      agents={agents}
      onChanged={() => void app.directory.reload('teams')}
      headers={[t('teams.name'), t('teams.members')]}
      cells={(team) => [team.name, team.agentIds.map((id) => agents.find((a) => a.id === id)?.name ?? '?').join(', ') || '—']}
      fields={[
        { key: 'name', label: t('teams.name'), required: true },
        { key: 'description', label: t('teams.description') },
        { key: 'agentIds', label: t('teams.members'), kind: 'agents' },
      ]}
    />
  );
}
