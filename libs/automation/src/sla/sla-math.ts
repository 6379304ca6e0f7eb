import type { Schedule } from '../hours/business-hours.js';

export type SlaState = 'none' | 'running' | 'paused' | 'warning' | 'breached' | 'met' | 'missed' | 'done';

/** Due date of a target counted in business time only (null: no target, or the inbox never opens). */
export function dueAt(schedule: Schedule, startedAt: Date, targetMinutes: number | null): Date | null {
  return targetMinutes === null ? null : schedule.addBusinessMs(startedAt, targetMinutes * 60_000);
}

/**
 * The state of one clock at `now`: paused while the inbox is closed, a warning once the business time
 * left is at most `warnBeforeMinutes`, breached at the due date; met or missed once done.
 */
export function slaState(schedule: Schedule, now: Date, due: Date | null, warnBeforeMinutes: number, doneAt: Date | null): SlaState {
  if (doneAt) return due ? (doneAt.getTime() <= due.getTime() ? 'met' : 'missed') : 'done';
  if (!due) return 'none';
  if (now.getTime() >= due.getTime()) return 'breached';
  if (schedule.businessMs(now, due) <= warnBeforeMinutes * 60_000) return 'warning';
  return schedule.isOpen(now) ? 'running' : 'paused';
}

/** Nearest-rank percentile of whole seconds (null for no samples). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
