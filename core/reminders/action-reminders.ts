import type { Action } from '../action';
import { ValidationError } from '../errors';
import { checkPerson, type Person } from '../person';
import { toTimestamp } from '../time-zone';

/**
 * An owner's say over an action's reminders, recorded in its history like any other change.
 * Both stop at a closed action: a done or cancelled action gets no reminders anyway.
 */

/** Holds reminders until `until` (yyyy-mm-dd); the next one comes that day at the policy's time. */
export function snoozeReminders(action: Action, until: string, by: Person, now: Date): Action {
  refuseUnlessOpen(action);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) {
    throw new ValidationError(`"${until}" is not a yyyy-mm-dd date.`, 'snoozedUntil');
  }
  const { mutedAt: _muted, ...rest } = action.reminders ?? {};
  return withChange({ ...action, reminders: { ...rest, snoozedUntil: until } }, by, now, {
    snoozedUntil: until,
  });
}

/** Stops reminders for this action until an owner turns them on again. */
export function muteReminders(action: Action, by: Person, now: Date): Action {
  refuseUnlessOpen(action);
  if (action.reminders?.mutedAt) {
    throw new ValidationError(`Reminders for ${action.ref} are muted already.`, 'reminders');
  }
  const at = toTimestamp(now);
  return withChange({ ...action, reminders: { mutedAt: at } }, by, now, { muted: true });
}

/** Turns reminders back on (clears a mute and a snooze). */
export function unmuteReminders(action: Action, by: Person, now: Date): Action {
  refuseUnlessOpen(action);
  if (!action.reminders?.mutedAt && !action.reminders?.snoozedUntil) {
    throw new ValidationError(`Reminders for ${action.ref} are on already.`, 'reminders');
  }
  const { reminders: _reminders, ...rest } = action;
  return withChange(rest, by, now, { muted: false });
}

function withChange(
  action: Action,
  by: Person,
  now: Date,
  change: { muted?: boolean; snoozedUntil?: string },
): Action {
  const at = toTimestamp(now);
  return {
    ...action,
    history: [
      ...action.history,
      { at, by: checkPerson(by), change: { kind: 'remindersChanged', ...change } },
    ],
  };
}

function refuseUnlessOpen(action: Action): void {
  if (action.state !== 'open') {
    throw new ValidationError(`${action.ref} is ${action.state}: it gets no reminders.`, 'state');
  }
}
