import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  label: ReactNode;
  /** Accessible name when the label is an icon. */
  ariaLabel?: string;
  className?: string;
  buttonClassName?: string;
  testId?: string;
  align?: 'left' | 'right';
  /** Bump to open from outside (keyboard shortcut). */
  openSignal?: number;
  children: (close: () => void) => ReactNode;
}

/** A disclosure button with a floating panel; Escape or a click outside closes it and returns focus. */
export function Popover({ label, ariaLabel, className, buttonClassName = 'btn btn-small', testId, align = 'left', openSignal, children }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (openSignal) setOpen(true);
  }, [openSignal]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onDown);
    root.current?.addEventListener('keydown', onKey);
    const el = root.current;
    // Focus the first control in the panel so keyboard users land inside it.
    requestAnimationFrame(() => el?.querySelector<HTMLElement>('.popover-panel input, .popover-panel button, .popover-panel select, .popover-panel a')?.focus());
    return () => {
      document.removeEventListener('pointerdown', onDown);
      el?.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className={`popover ${className ?? ''}`} ref={root}>
      <button
        ref={button}
        type="button"
        className={buttonClassName}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        {label}
      </button>
      {open && (
        <div id={id} className={`popover-panel popover-${align}`}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
