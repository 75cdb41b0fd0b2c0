/**
 * How long the records of exactly-once requests are kept (operation records, add receipts). A
 * Teams retry of an invoke comes within seconds and a click on a stale card a few days later at
 * most; a repeat arriving after the window runs as a new request.
 */
export const DEFAULT_RETENTION_DAYS = 30;
/** Shorter would let a click on a card a few days old run twice. */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 24 * 3600_000;

/** The moment before which records are forgotten, `days` before `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Whether a recorded time (an ISO string or a Date) is before `cutoff`. A time that cannot be
 * read is not: a record whose age is unknown is kept.
 */
export function recordedBefore(recorded: unknown, cutoff: Date): boolean {
  const at = recorded instanceof Date ? recorded.getTime() : Date.parse(String(recorded ?? ''));
  return !Number.isNaN(at) && at < cutoff.getTime();
}
