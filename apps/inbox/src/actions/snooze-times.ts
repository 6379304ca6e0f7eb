/** Snooze presets in the agent's local time. */
export function snoozePresets(now = new Date()): { key: string; until: Date }[] {
  const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000);
  const at9 = (daysAhead: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + daysAhead);
    d.setHours(9, 0, 0, 0);
    return d;
  };
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  return [
    { key: 'oneHour', until: inHours(1) },
    { key: 'threeHours', until: inHours(3) },
    { key: 'tomorrow', until: at9(1) },
    { key: 'nextWeek', until: at9(daysToMonday) },
  ];
}

/** `<input type="datetime-local">` value (local time, minutes) for a date. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
