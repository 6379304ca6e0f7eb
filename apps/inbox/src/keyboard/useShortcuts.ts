import { useEffect } from 'react';
import { prefs, setPref } from '../lib/prefs.js';
import { goConversation, route } from '../lib/route.js';
import type { InboxApp } from '../state/app.js';
import { isTyping } from './shortcuts.js';

/**
 * Alt+J/K next/previous, Alt+E resolve, Alt+P note, Alt+L reply, Alt+M snooze, Alt+O sidebar,
 * Ctrl/Cmd+K palette, `?` cheat-sheet. `event.code` is used for Alt combos: on macOS Alt+J types "∆".
 */
export function useShortcuts(app: InboxApp, open: { cheatSheet: () => void; palette: () => void }): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyK') {
        e.preventDefault();
        return open.palette();
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        if (altAction(app, e.code)) e.preventDefault();
        return;
      }
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !isTyping(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        open.cheatSheet();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [app, open]);
}

function altAction(app: InboxApp, code: string): boolean {
  const inInbox = route.get().name === 'inbox';
  const current = app.thread.store.get().conversation;
  switch (code) {
    case 'KeyJ':
    case 'KeyK': {
      if (!inInbox) return false;
      const next = app.list.neighbour(current?.id ?? null, code === 'KeyJ' ? 1 : -1);
      if (next) goConversation(next.id);
      return true;
    }
    case 'KeyE':
      if (current && current.status !== 'resolved') void app.thread.act({ status: 'resolved' }).catch(() => undefined);
      return !!current;
    case 'KeyP':
    case 'KeyL':
      if (!current) return false;
      app.ui.set((s) => ({ ...s, composerMode: code === 'KeyP' ? 'note' : 'reply', composerFocus: s.composerFocus + 1 }));
      return true;
    case 'KeyM':
      if (!current || current.status === 'resolved') return false;
      app.ui.set((s) => ({ ...s, snoozeOpen: s.snoozeOpen + 1 }));
      return true;
    case 'KeyO':
      setPref('sidebar', !prefs.get().sidebar);
      return true;
    default:
      return false;
  }
}
