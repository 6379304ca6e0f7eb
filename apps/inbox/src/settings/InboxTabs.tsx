import { useRef, type KeyboardEvent } from 'react';

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; the panel is labelled by its tab. */
export function InboxTabs<T extends string>({ tabs, current, onChange, idBase, label }: { tabs: { id: T; label: string }[]; current: T; onChange: (tab: T) => void; idBase: string; label: string }) {
  const list = useRef<HTMLDivElement>(null);
  function onKeyDown(e: KeyboardEvent) {
    const index = tabs.findIndex((x) => x.id === current);
    const next = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onChange(tab.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(`${idBase}-tab-${tab.id}`)}`)?.focus();
  }
  return (
    <div ref={list} role="tablist" aria-label={label} className="settings-tabs" onKeyDown={onKeyDown}>
      {tabs.map((x) => (
        <button
          key={x.id}
          type="button"
          role="tab"
          id={`${idBase}-tab-${x.id}`}
          aria-selected={x.id === current}
          aria-controls={`${idBase}-panel`}
          tabIndex={x.id === current ? 0 : -1}
          className="settings-tab"
          onClick={() => onChange(x.id)}
          data-testid={`inbox-tab-${x.id}`}
        >
          {x.label}
        </button>
      ))}
    </div>
  );
}
