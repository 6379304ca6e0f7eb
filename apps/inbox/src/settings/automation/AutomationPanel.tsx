import type { InboxView } from '../../api/types.js';
import { AutomationForm } from './AutomationForm.js';
import { BusinessHoursEditor } from './BusinessHoursEditor.js';
import { FaqSettings } from './FaqSettings.js';

export type AutomationTab = 'hours' | 'automation' | 'faqs';

/** The inbox's automation screens: their own chunk, loaded when an admin opens one of these tabs. */
export default function AutomationPanel({ inbox, tab }: { inbox: InboxView; tab: AutomationTab }) {
  if (tab === 'hours') return <BusinessHoursEditor inbox={inbox} />;
  if (tab === 'automation') return <AutomationForm inbox={inbox} />;
  return <FaqSettings inbox={inbox} />;
}
