// Clocks (base layer). Time is passed in so the kernel and scheduler are tested with a
// virtual clock. Anyone may import this.

/** Milliseconds since the epoch (or since a virtual origin). */
export interface Clock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests and simulations. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  /** Moves time forward by ms (never backwards). */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('ManualClock cannot go backwards');
    this.t += ms;
  }
}
