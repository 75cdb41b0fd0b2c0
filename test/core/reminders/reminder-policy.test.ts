import { DateTime } from 'luxon';
import type { Action } from '../../../core/action';
import {
  DEFAULT_REMINDER_POLICY,
  dueReminder,
  parseReminderPolicy,
  type ReminderPolicy,
} from '../../../core/reminders/reminder-policy';

const LONDON = 'Europe/London';

function action(
  due: string,
  extra: Partial<Action> = {},
): Pick<Action, 'state' | 'due' | 'reminders'> {
  return { state: 'open', due: { date: due }, ...extra };
}

/** Every occurrence that becomes due over the month, sweeping every 30 minutes (a fake clock). */
function sentOver(
  subject: Pick<Action, 'state' | 'due' | 'reminders'>,
  from: string,
  to: string,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): Array<{ occurrence: string; at: string }> {
  const sent = new Map<string, string>();
  let clock = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(to, { zone: 'utc' });
  while (clock < end) {
    const due = dueReminder(subject, policy, clock.toJSDate(), LONDON);
    if (due && !sent.has(due.occurrence)) {
      sent.set(due.occurrence, clock.setZone(LONDON).toFormat('ccc yyyy-MM-dd HH:mm'));
    }
    clock = clock.plus({ minutes: 30 });
  }
  return [...sent].map(([occurrence, at]) => ({ occurrence, at }));
}

describe('reminder policy (fake clock, Europe/London)', () => {
  it('reminds 7 days and 1 day before, on the day and weekly after, at 09:00 local across the March clock change', () => {
    // Due Wednesday 30 March 2022; clocks go forward on Sunday 27 March.
    expect(sentOver(action('2022-03-30'), '2022-03-10T00:00:00Z', '2022-04-20T00:00:00Z')).toEqual([
      { occurrence: '2022-03-23:before-7', at: 'Wed 2022-03-23 09:00' },
      { occurrence: '2022-03-29:before-1', at: 'Tue 2022-03-29 09:00' },
      { occurrence: '2022-03-30:on-due', at: 'Wed 2022-03-30 09:00' },
      { occurrence: '2022-04-06:overdue', at: 'Wed 2022-04-06 09:00' },
      { occurrence: '2022-04-13:overdue', at: 'Wed 2022-04-13 09:00' },
    ]);
  });

  it('keeps 09:00 on the wall clock across the October change (08:00 UTC before, 09:00 UTC after)', () => {
    // Due Monday 31 October 2022; clocks go back on Sunday 30 October. Weekly overdue on Mondays.
    const sent = sentOver(action('2022-10-24'), '2022-10-10T00:00:00Z', '2022-11-10T00:00:00Z');
    expect(sent.map((entry) => entry.at)).toEqual([
      'Mon 2022-10-17 09:00',
      // 1 day before falls on Sunday 23rd: moved to Monday, where the due date's reminder wins.
      'Mon 2022-10-24 09:00',
      'Mon 2022-10-31 09:00',
      'Mon 2022-11-07 09:00',
    ]);
    expect(sent[1]?.occurrence).toBe('2022-10-24:on-due');
    const before = dueReminder(
      action('2022-10-24'),
      DEFAULT_REMINDER_POLICY,
      new Date('2022-10-17T07:59:00Z'),
      LONDON,
    );
    const at = dueReminder(
      action('2022-10-24'),
      DEFAULT_REMINDER_POLICY,
      new Date('2022-10-17T08:00:00Z'),
      LONDON,
    );
    expect(before).toBeUndefined();
    expect(at?.occurrence).toBe('2022-10-17:before-7');
    const winter = dueReminder(
      action('2022-10-24'),
      DEFAULT_REMINDER_POLICY,
      new Date('2022-11-07T08:59:00Z'),
      LONDON,
    );
    expect(winter?.occurrence).toBe('2022-10-31:overdue');
    expect(
      dueReminder(
        action('2022-10-24'),
        DEFAULT_REMINDER_POLICY,
        new Date('2022-11-07T09:00:00Z'),
        LONDON,
      )?.occurrence,
    ).toBe('2022-11-07:overdue');
  });

  it('moves weekend reminders to Monday unless the group allows weekends', () => {
    // Due Saturday 19 March 2022.
    expect(
      sentOver(action('2022-03-19'), '2022-03-01T00:00:00Z', '2022-03-31T00:00:00Z').map(
        (e) => e.occurrence,
      ),
    ).toEqual([
      '2022-03-14:before-7',
      '2022-03-18:before-1',
      '2022-03-21:on-due',
      '2022-03-28:overdue',
    ]);
    const weekends = { ...DEFAULT_REMINDER_POLICY, weekends: true };
    expect(
      sentOver(action('2022-03-19'), '2022-03-01T00:00:00Z', '2022-03-31T00:00:00Z', weekends).map(
        (e) => e.occurrence,
      ),
    ).toEqual([
      '2022-03-12:before-7',
      '2022-03-18:before-1',
      '2022-03-19:on-due',
      '2022-03-26:overdue',
    ]);
  });

  it('a reminder stays due until superseded, so a sweep that runs late still sends it', () => {
    const late = dueReminder(
      action('2022-03-30'),
      DEFAULT_REMINDER_POLICY,
      new Date('2022-03-25T16:00:00Z'),
      LONDON,
    );
    expect(late?.occurrence).toBe('2022-03-23:before-7');
  });

  it('sends nothing for done, cancelled, undated or muted actions', () => {
    const at = new Date('2022-03-30T12:00:00Z');
    expect(
      dueReminder(
        { state: 'done', due: { date: '2022-03-30' } },
        DEFAULT_REMINDER_POLICY,
        at,
        LONDON,
      ),
    ).toBeUndefined();
    expect(
      dueReminder(
        { state: 'cancelled', due: { date: '2022-03-30' } },
        DEFAULT_REMINDER_POLICY,
        at,
        LONDON,
      ),
    ).toBeUndefined();
    expect(dueReminder({ state: 'open' }, DEFAULT_REMINDER_POLICY, at, LONDON)).toBeUndefined();
    expect(
      dueReminder(
        action('2022-03-30', { reminders: { mutedAt: '2022-03-01T00:00:00Z' } }),
        DEFAULT_REMINDER_POLICY,
        at,
        LONDON,
      ),
    ).toBeUndefined();
  });

  it('holds reminders while snoozed and sends one when the snooze ends', () => {
    const snoozed = action('2022-03-30', { reminders: { snoozedUntil: '2022-04-01' } });
    expect(
      sentOver(snoozed, '2022-03-20T00:00:00Z', '2022-04-10T00:00:00Z').map((e) => e.occurrence),
    ).toEqual([
      // Snoozed from the start: 7 days and 1 day before are held back.
      '2022-04-01:snoozed',
      '2022-04-06:overdue',
    ]);
  });

  it('reads the chairs form and refuses what it cannot use', () => {
    expect(
      parseReminderPolicy({
        daysBefore: '3, 10',
        onDueDate: 'false',
        overdueEveryDays: '2',
        sendAt: '08:30',
        weekends: 'true',
      }),
    ).toEqual({
      daysBefore: [10, 3],
      onDueDate: false,
      overdueEveryDays: 2,
      sendAt: '08:30',
      weekends: true,
      stopAfterOverdue: 4,
    });
    expect(() => parseReminderPolicy({ daysBefore: '30' })).toThrow(/1 to 14/);
    expect(() => parseReminderPolicy({ daysBefore: '7', sendAt: '25:00' })).toThrow(/09:00/);
  });
});
