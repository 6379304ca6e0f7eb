import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxView } from '../api/types.js';
import { ChannelBadge } from '../list/ChannelBadge.js';
import { useApp } from '../state/app.js';
import type { AutomationTab } from './automation/AutomationPanel.js';
import { CopyField } from './CopyButton.js';
import { InboxTabs } from './InboxTabs.js';
import { WhatsAppSession } from './WhatsAppSession.js';

/** Business hours, automation and FAQs: a chunk of their own, fetched when one of those tabs opens. */
const AutomationPanel = lazy(() => import('./automation/AutomationPanel.js'));

type Tab = 'details' | AutomationTab;

/** One inbox: what to paste where (details), then its business hours, automation and FAQs (tabs). */
export function InboxDetails({ inbox, created, onBack, onEdit }: { inbox: InboxView; created?: InboxView; onBack: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const [tab, setTab] = useState<Tab>('details');
  async function remove() {
    if (!window.confirm(t('inboxes.confirmDelete', { name: inbox.name }))) return;
    await app.api.inboxes.remove(inbox.id).catch((e: Error) => window.alert(e.message));
    await app.directory.reload('inboxes');
    onBack();
  }
  const tabs: { id: Tab; label: string }[] = [
    { id: 'details', label: t('automation.tabs.details') },
    { id: 'hours', label: t('automation.tabs.hours') },
    { id: 'automation', label: t('automation.tabs.automation') },
    { id: 'faqs', label: t('automation.tabs.faqs') },
  ];
  return (
    <section className="settings-section stack" data-testid="inbox-details">
      <div className="row-between">
        <h2>{inbox.name} <ChannelBadge channelType={inbox.channelType} withLabel /></h2>
        <div className="row">
          <button type="button" className="btn btn-small" onClick={onBack}>{t('common.back')}</button>
          <button type="button" className="btn btn-small" onClick={onEdit} data-testid="inbox-edit">{t('settings.edit')}</button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>{t('settings.delete')}</button>
        </div>
      </div>
      <InboxTabs tabs={tabs} current={tab} onChange={setTab} idBase={id} label={t('automation.tabs.label', { name: inbox.name })} />
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="stack" data-testid={`inbox-panel-${tab}`}>
        {tab === 'details' ? (
          <InboxInfo inbox={inbox} created={created} />
        ) : (
          <Suspense fallback={<p className="muted" role="status">{t('common.loading')}</p>}>
            <AutomationPanel key={`${inbox.id}-${tab}`} inbox={inbox} tab={tab} />
          </Suspense>
        )}
      </div>
    </section>
  );
}

/** What to paste where: webhook URLs, the website token and embed snippet, the identity secret (shown once). */
function InboxInfo({ inbox, created }: { inbox: InboxView; created?: InboxView }) {
  const { t } = useTranslation();
  const secret = created?.id === inbox.id ? created.identitySecret : undefined;
  return (
    <>
      {inbox.status === 'paused' && <p className="banner banner-warn" role="alert">{t('inboxes.pausedHelp', { detail: inbox.statusDetail ?? '' })}</p>}
      {inbox.address && <p>{t('inboxes.address')}: {inbox.address}</p>}
      {inbox.webhookUrls?.events && <CopyField label={t('inboxes.webhookEvents')} value={inbox.webhookUrls.events} />}
      {inbox.webhookUrls?.status && <CopyField label={t('inboxes.webhookStatus')} value={inbox.webhookUrls.status} />}
      {inbox.websiteToken && <CopyField label={t('inboxes.websiteToken')} value={inbox.websiteToken} />}
      {inbox.embedSnippet && <CopyField label={t('inboxes.embedSnippet')} value={inbox.embedSnippet} multiline />}
      {secret && (
        <div className="banner banner-info" role="status">
          <p>{t('inboxes.identitySecretOnce')}</p>
          <CopyField label={t('inboxes.identitySecret')} value={secret} />
        </div>
      )}
      {inbox.channelType === 'whatsapp_web' && <WhatsAppSession inboxId={inbox.id} />}
    </>
  );
}
