import { useEffect, useRef, type ReactNode } from 'react';

/** A native modal <dialog>: the browser traps focus, Escape closes, the backdrop blocks the page. */
export function Dialog({ open, onClose, title, className, testId, children }: { open: boolean; onClose: () => void; title: string; className?: string; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-label={title}
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
      data-testid={testId}
    >
      {open && children}
    </dialog>
  );
}
