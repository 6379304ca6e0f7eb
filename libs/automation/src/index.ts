export { AutomationModule, type AutomationOptions } from './automation.module.js';
export { AutomationListener } from './automation-listener.js';
export { AutomationScheduler, TimerScheduler } from './scheduler.js';
export { InboxAutomationStore, type Availability } from './settings/inbox-automation.js';
export { DEFAULT_SETTINGS, type AutomationSettings, type AssignmentMode } from './settings/automation-settings.js';
export { Schedule, type BusinessHours, type WeeklyHours, type Holiday, type SpecialDate } from './hours/business-hours.js';
export {
  OrderLookupPort,
  ProductSearchPort,
  LanguageModelPort,
  type OrderCodeResult,
  type OrderLookupResult,
  type ProductSearchResult,
} from './ports.js';
export type { ConversationSlaView, SlaClockView, SlaReport, SlaMetric } from './sla/sla-reports.js';
