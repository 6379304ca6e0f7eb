import { createStore } from './store.js';

/** Per-browser preferences (not secrets): localStorage. */
export type SoundPref = 'none' | 'mine' | 'all';

export interface Prefs {
  locale: string;
  sound: SoundPref;
  sidebar: boolean;
}

const KEY = 'concierge.inbox.prefs';

function read(): Partial<Prefs> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
  } catch {
    return {};
  }
}

const stored = read();
export const prefs = createStore<Prefs>({
  locale: typeof stored.locale === 'string' ? stored.locale : navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en',
  sound: stored.sound === 'none' || stored.sound === 'all' ? stored.sound : 'mine',
  sidebar: stored.sidebar !== false,
});

prefs.subscribe(() => {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs.get()));
  } catch {
    /* private mode */
  }
});

export function setPref<K extends keyof Prefs>(key: K, value: Prefs[K]): void {
  prefs.set((p) => ({ ...p, [key]: value }));
}
