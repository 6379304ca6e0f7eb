/** The shortcut table: drives both the key handler and the cheat-sheet (one source of truth). */
export const SHORTCUTS = [
  { keys: ['Alt', 'J'], action: 'next' },
  { keys: ['Alt', 'K'], action: 'previous' },
  { keys: ['Alt', 'E'], action: 'resolve' },
  { keys: ['Alt', 'P'], action: 'note' },
  { keys: ['Alt', 'L'], action: 'reply' },
  { keys: ['Alt', 'M'], action: 'snooze' },
  { keys: ['Alt', 'O'], action: 'sidebar' },
  { keys: ['Ctrl/⌘', 'K'], action: 'palette' },
  { keys: ['?'], action: 'cheatSheet' },
  { keys: ['Enter'], action: 'send' },
  { keys: ['Shift', 'Enter'], action: 'newline' },
  { keys: ['@'], action: 'mention' },
  { keys: ['/'], action: 'canned' },
  { keys: ['Esc'], action: 'close' },
] as const;

/** True while the agent types in a field: plain-key shortcuts (`?`) must not fire there, Alt combos still do. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}
