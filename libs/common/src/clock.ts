/** Time is a port so business hours, SLA and customer windows are testable without sleeps. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A controllable clock for tests; lives here (not in testing) because specs of pure libs use it too. */
export class FixedClock extends Clock {
  constructor(private current: Date = new Date('2026-01-05T10:00:00Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(date: Date | string): void {
    this.current = new Date(date);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
