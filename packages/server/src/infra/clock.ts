/** The clock port: every use case reads time through it so tests control time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock tests can move by hand. */
export interface ManualClock extends Clock {
  set(time: Date | string): void;
  advance(ms: number): void;
}

export function manualClock(start: Date | string = '2026-01-01T00:00:00.000Z'): ManualClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as ManualClock;
  clock.set = (time) => {
    now = new Date(time).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** Timestamps are stored as ISO-8601 UTC strings of fixed width: they sort and compare as text on both databases. */
export function isoTime(date: Date): string {
  return date.toISOString();
}
