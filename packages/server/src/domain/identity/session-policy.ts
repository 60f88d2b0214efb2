/** How long sessions live and when accounts lock: one place to read (and tune) the rules. */

export interface SessionPolicy {
  /** A session ends this long after sign-in, whatever the activity. */
  readonly absoluteMs: number;
  /** A session ends after this long without a request. */
  readonly idleMs: number;
  /** `last_seen_at` is written at most this often, to spare the database on every request. */
  readonly touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { absoluteMs: 12 * 3600_000, idleMs: 2 * 3600_000, touchEveryMs: 60_000 };

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };
