import { describe, expect, it } from '@jest/globals';
import { formatDuration, formatWhen } from './call-lines.js';
import { displayNameOf } from './call-views.js';

describe('what participants and threads show', () => {
  it('shows other participants a first name only, never a phone number or an email', () => {
    expect(displayNameOf({ name: 'Claire Dubois' }, 'Customer')).toBe('Claire');
    expect(displayNameOf({ name: '  Zhang   Wei ' }, 'Customer')).toBe('Zhang');
    expect(displayNameOf({ name: '+33 6 12 34 56 78' }, 'Customer')).toBe('Customer');
    expect(displayNameOf({ name: 'claire@example.test' }, 'Customer')).toBe('Customer');
    expect(displayNameOf({ name: null }, 'Customer')).toBe('Customer');
    expect(displayNameOf(null, 'Guest')).toBe('Guest');
  });

  it('words durations and times for activity lines', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(192)).toBe('3 min 12 s');
    expect(formatDuration(3720)).toBe('1 h 2 min');
    expect(formatWhen(new Date('2026-11-28T15:00:30Z'))).toBe('2026-11-28 15:00 UTC');
  });
});
