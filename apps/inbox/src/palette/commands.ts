import type { TFunction } from 'i18next';
import { prefs, setPref } from '../lib/prefs.js';
import { goConversation, goSettings } from '../lib/route.js';
import type { InboxApp } from '../state/app.js';
import { contactName } from '../thread/names.js';

export interface Command {
  id: string;
  label: string;
  hint: string;
  run: () => void;
}

/** Actions on the open conversation, navigation, and every loaded conversation to jump to. */
export function buildCommands(app: InboxApp, t: TFunction, onHelp: () => void): Command[] {
  const c = app.thread.store.get().conversation;
  const act = (patch: Parameters<InboxApp['thread']['act']>[0]) => () => void app.thread.act(patch).catch(() => undefined);
  const commands: Command[] = [];
  if (c) {
    if (c.assignee?.id !== app.me.id) commands.push({ id: 'assign-me', label: t('actions.assignMe'), hint: t('palette.action'), run: act({ assigneeId: app.me.id }) });
    if (c.status !== 'resolved') commands.push({ id: 'resolve', label: t('actions.resolve'), hint: 'Alt+E', run: act({ status: 'resolved' }) });
    if (c.status !== 'open') commands.push({ id: 'reopen', label: t('actions.reopen'), hint: t('palette.action'), run: act({ status: 'open' }) });
    if (c.status !== 'resolved') {
      commands.push({ id: 'snooze', label: t('palette.snoozeHour'), hint: 'Alt+M', run: act({ status: 'snoozed', snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() }) });
    }
    for (const mode of ['note', 'reply'] as const) {
      commands.push({
        id: `mode-${mode}`, label: t(`shortcuts.actions.${mode}`), hint: mode === 'note' ? 'Alt+P' : 'Alt+L',
        run: () => app.ui.set((s) => ({ ...s, composerMode: mode, composerFocus: s.composerFocus + 1 })),
      });
    }
  }
  commands.push({ id: 'sidebar', label: t('shortcuts.actions.sidebar'), hint: 'Alt+O', run: () => setPref('sidebar', !prefs.get().sidebar) });
  commands.push({ id: 'help', label: t('shortcuts.actions.cheatSheet'), hint: '?', run: onHelp });
  if (app.isAdmin) commands.push({ id: 'settings', label: t('topbar.settings'), hint: t('palette.navigate'), run: () => goSettings() });
  for (const conv of app.list.store.get().items.slice(0, 500)) {
    commands.push({
      id: `c-${conv.id}`,
      label: contactName(conv.contact, t),
      hint: conv.lastMessagePreview ?? '',
      run: () => goConversation(conv.id),
    });
  }
  return commands;
}

export function filterCommands(commands: Command[], query: string): Command[] {
  const q = query.trim().toLowerCase();
  if (!q) return commands.slice(0, 30);
  return commands.filter((c) => c.label.toLowerCase().includes(q) || c.hint.toLowerCase().includes(q)).slice(0, 30);
}
