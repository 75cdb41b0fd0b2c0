import { DateTime } from 'luxon';
import type { Action } from '../action';
import { ValidationError } from '../errors';
import { parseTimeZone } from '../time-zone';

/**
 * When a group's owners are reminded of their actions. Every reminder goes out at `sendAt` in the
 * group's time zone, so "09:00" stays 09:00 on the wall clock across the summer time change.
 */
export interface ReminderPolicy {
  /** Days before the due date, e.g. [7, 1]. */
  readonly daysBefore: readonly number[];
  readonly onDueDate: boolean;
  /** Every this many days while overdue (the first one this many days after the due date); 0: never. */
  readonly overdueEveryDays: number;
  /** Local time of day, `HH:mm`. */
  readonly sendAt: string;
  /** False: a reminder falling on a Saturday or Sunday moves to the Monday. */
  readonly weekends: boolean;
  /**
   * After this many reminders while overdue the owner is no longer reminded: the action is
   * listed for the chairs in the channel digest instead. 0: owners are reminded for ever.
   * Absent (a policy saved before this setting existed): {@link DEFAULT_STOP_AFTER_OVERDUE}.
   */
  readonly stopAfterOverdue?: number;
}

export const DEFAULT_STOP_AFTER_OVERDUE = 4;

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  daysBefore: [7, 1],
  onDueDate: true,
  overdueEveryDays: 7,
  sendAt: '09:00',
  weekends: false,
  stopAfterOverdue: DEFAULT_STOP_AFTER_OVERDUE,
};

/**
 * How far ahead a reminder can reach. The due index is read up to today plus this many days,
 * so a policy may not ask for more.
 */
export const MAX_DAYS_BEFORE = 14;

/** Per action: an owner's choice to stop reminders, or to hold them until a date. */
export interface ActionReminderSettings {
  /** ISO timestamp: reminders for this action stopped then. */
  readonly mutedAt?: string;
  /** `yyyy-mm-dd`: no reminder before `sendAt` on this date. */
  readonly snoozedUntil?: string;
}

/** Which rule a reminder comes from: `before-7`, `before-1`, `on-due`, `overdue`, `snoozed`, `nudge`. */
export type ReminderRuleId = `before-${number}` | 'on-due' | 'overdue' | 'snoozed' | 'nudge';

/** A reminder that is due: the rule, the local date it belongs to and the key that names it. */
export interface DueReminder {
  readonly ruleId: ReminderRuleId;
  /** The local date it is scheduled for (after any move off a weekend). */
  readonly date: string;
  /** Unique per action: `2022-03-16:before-7`. The claim of a reminder is keyed by it. */
  readonly occurrence: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Checks a policy a chair supplied: whole days from 1 to {@link MAX_DAYS_BEFORE}, an interval of
 * 0 to 28 days, a `HH:mm` time.
 *
 * @throws ValidationError naming the field.
 */
export function checkReminderPolicy(policy: ReminderPolicy): ReminderPolicy {
  const days = [...new Set(policy.daysBefore)].sort((a, b) => b - a);
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > MAX_DAYS_BEFORE) {
      throw new ValidationError(
        `Days before must be whole numbers from 1 to ${MAX_DAYS_BEFORE}.`,
        'daysBefore',
      );
    }
  }
  const every = policy.overdueEveryDays;
  if (!Number.isInteger(every) || every < 0 || every > 28) {
    throw new ValidationError(
      'Repeat while overdue must be a whole number of days from 0 (never) to 28.',
      'overdueEveryDays',
    );
  }
  if (!TIME.test(policy.sendAt)) {
    throw new ValidationError('Send at must be a time like 09:00.', 'sendAt');
  }
  const stop = policy.stopAfterOverdue ?? DEFAULT_STOP_AFTER_OVERDUE;
  if (!Number.isInteger(stop) || stop < 0 || stop > 52) {
    throw new ValidationError(
      'Stop reminding after must be a whole number of overdue reminders from 0 (never stop) to 52.',
      'stopAfterOverdue',
    );
  }
  return {
    daysBefore: days,
    onDueDate: Boolean(policy.onDueDate),
    overdueEveryDays: every,
    sendAt: policy.sendAt,
    weekends: Boolean(policy.weekends),
    stopAfterOverdue: stop,
  };
}

/**
 * Reads the policy form: days before as `7, 1`, the interval and time as typed, the two yes/no
 * choices as `true`/`false`.
 *
 * @throws ValidationError naming the field.
 */
export function parseReminderPolicy(form: Readonly<Record<string, unknown>>): ReminderPolicy {
  const text = (field: string) =>
    typeof form[field] === 'string' ? String(form[field]).trim() : '';
  const daysText = text('daysBefore');
  const daysBefore =
    daysText === ''
      ? []
      : daysText
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((part) => Number(part));
  if (daysBefore.some((day) => Number.isNaN(day))) {
    throw new ValidationError(
      'Days before must be numbers separated by commas, e.g. 7, 1.',
      'daysBefore',
    );
  }
  const every = text('overdueEveryDays');
  const stop = text('stopAfterOverdue');
  return checkReminderPolicy({
    daysBefore,
    onDueDate: text('onDueDate') === 'true',
    overdueEveryDays: every === '' ? 0 : Number(every),
    sendAt: text('sendAt') || DEFAULT_REMINDER_POLICY.sendAt,
    weekends: text('weekends') === 'true',
    stopAfterOverdue: stop === '' ? DEFAULT_STOP_AFTER_OVERDUE : Number(stop),
  });
}

/**
 * True when the owner is no longer reminded of this overdue action: more than the policy's
 * `stopAfterOverdue` reminders have fallen due since the due date (counting today's). The
 * chairs see it listed instead.
 */
export function isPastOverdueReminders(
  dueDate: string,
  policy: ReminderPolicy,
  now: Date,
  timeZone: string,
): boolean {
  const stop = policy.stopAfterOverdue ?? DEFAULT_STOP_AFTER_OVERDUE;
  if (stop === 0 || policy.overdueEveryDays <= 0) return false;
  const daysOverdue = -daysUntilDue(dueDate, now, timeZone);
  return Math.floor(daysOverdue / policy.overdueEveryDays) > stop;
}

/**
 * The reminder due for `action` at `now`, or undefined. A reminder becomes due at `sendAt` on its
 * date in the group's zone and stays due until a later one supersedes it (the sweep may run at
 * any interval, and a reminder already sent is skipped by its claim): the latest scheduled
 * reminder at or before `now` is the one returned. None for a closed, undated or muted action.
 */
export function dueReminder(
  action: Pick<Action, 'state' | 'due'> & { readonly reminders?: ActionReminderSettings },
  policy: ReminderPolicy,
  now: Date,
  timeZone: string,
): DueReminder | undefined {
  if (action.state !== 'open' || !action.due || action.reminders?.mutedAt) return undefined;
  const zone = parseTimeZone(timeZone);
  const due = DateTime.fromISO(action.due.date, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const candidates: Array<{ ruleId: ReminderRuleId; date: DateTime; rank: number }> = [];
  for (const days of policy.daysBefore) {
    candidates.push({ ruleId: `before-${days}`, date: due.minus({ days }), rank: -days });
  }
  if (policy.onDueDate) candidates.push({ ruleId: 'on-due', date: due, rank: 0 });
  if (policy.overdueEveryDays > 0) {
    const every = policy.overdueEveryDays;
    const elapsed = Math.floor(today.diff(due, 'days').days);
    // The last repeat on or before today, and the one after in case today's moved off a weekend.
    const last = Math.max(1, Math.floor(elapsed / every));
    for (const k of [last - 1, last, last + 1].filter((n) => n >= 1)) {
      candidates.push({ ruleId: 'overdue', date: due.plus({ days: k * every }), rank: k });
    }
  }
  const scheduled = candidates
    .map((candidate) => ({
      ...candidate,
      date: policy.weekends ? candidate.date : weekday(candidate.date),
    }))
    .filter((candidate) => sendTime(candidate.date, policy).toMillis() <= now.getTime());
  const snooze = action.reminders?.snoozedUntil;
  let latest = pickLatest(scheduled);
  if (snooze && latest) {
    const until = DateTime.fromISO(snooze, { zone });
    const end = policy.weekends ? until : weekday(until);
    if (sendTime(latest.date, policy) < sendTime(end, policy)) {
      // Held back: the reminder comes again once the snooze ends.
      if (sendTime(end, policy).toMillis() > now.getTime()) return undefined;
      latest = { ruleId: 'snoozed', date: end, rank: Number.MAX_SAFE_INTEGER };
    }
  }
  if (!latest) return undefined;
  const date = latest.date.toISODate() ?? '';
  const ruleId = latest.ruleId;
  return { ruleId, date, occurrence: `${date}:${ruleId}` };
}

/** The day after `date` (yyyy-mm-dd) plus `days`, as yyyy-mm-dd; for horizons of index queries. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? date;
}

function pickLatest<T extends { date: DateTime; rank: number }>(items: T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    const better =
      !best ||
      item.date > best.date ||
      (item.date.toMillis() === best.date.toMillis() && item.rank > best.rank);
    if (better) best = item;
  }
  return best;
}

function weekday(date: DateTime): DateTime {
  // luxon: 6 = Saturday, 7 = Sunday.
  if (date.weekday === 6) return date.plus({ days: 2 });
  if (date.weekday === 7) return date.plus({ days: 1 });
  return date;
}

// Wall-clock time in the zone: luxon resolves 09:00 to the right UTC instant on either side of
// a summer time change.
function sendTime(date: DateTime, policy: ReminderPolicy): DateTime {
  const [hour = 9, minute = 0] = policy.sendAt.split(':').map(Number);
  return date.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The group's policy, or the defaults. */
export function reminderPolicyOf(group: {
  readonly reminderPolicy?: ReminderPolicy;
}): ReminderPolicy {
  return group.reminderPolicy ?? DEFAULT_REMINDER_POLICY;
}

/** The last millisecond of the local day `now` falls on, in the zone. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const zone = parseTimeZone(timeZone);
  return DateTime.fromJSDate(now, { zone }).endOf('day').toJSDate();
}

/** Whole days from today (in the zone) to the due date: 0 on the day, negative once overdue. */
export function daysUntilDue(dueDate: string, now: Date, timeZone: string): number {
  const zone = parseTimeZone(timeZone);
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  return Math.round(DateTime.fromISO(dueDate, { zone }).diff(today, 'days').days);
}
