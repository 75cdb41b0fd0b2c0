import {
  checkDueDate,
  formatDueDate,
  formatShortDate,
  isOverdue,
  parseDueDate,
} from '../../core/due-date';
import { ValidationError } from '../../core/errors';
import { seedActionRows } from '../fixtures/seed-report';

describe('due dates', () => {
  it('every due date of the seed is read and printed back exactly', () => {
    const texts = [...new Set(seedActionRows().map((row) => row.due))];
    expect(texts.sort()).toEqual([
      '02/03/22',
      '16/03/22 (to include in meeting papers)',
      '23/03/22',
      '24/02/22',
    ]);
    for (const text of texts) expect(formatDueDate(parseDueDate(text))).toBe(text);
  });

  it('keeps the note written after the date', () => {
    expect(parseDueDate('16/03/22 (to include in meeting papers)')).toEqual({
      date: '2022-03-16',
      note: 'to include in meeting papers',
    });
  });

  it.each([
    ['23/03/22', '2022-03-23'],
    ['23/03/2022', '2022-03-23'],
    ['2022-03-23', '2022-03-23'],
    ['1/3/22', '2022-03-01'],
    [' 23/03/22 ', '2022-03-23'],
  ])('reads %j as %s', (text, date) => {
    expect(parseDueDate(text)).toEqual({ date });
  });

  it('two-digit years are in this century', () => {
    expect(parseDueDate('01/01/99')?.date).toBe('2099-01-01');
    expect(parseDueDate('01/01/00')?.date).toBe('2000-01-01');
  });

  it('reads a date and time as the day it falls on in the group time zone', () => {
    // 23:30 UTC on 28 June is already 29 June in London (BST).
    expect(parseDueDate('2022-06-28T23:30:00Z', { timeZone: 'Europe/London' })?.date).toBe(
      '2022-06-29',
    );
    expect(parseDueDate('2022-06-28T23:30:00Z', { timeZone: 'America/New_York' })?.date).toBe(
      '2022-06-28',
    );
  });

  it('empty text means no due date', () => {
    expect(parseDueDate('')).toBeUndefined();
    expect(parseDueDate('   ')).toBeUndefined();
    expect(formatDueDate(undefined)).toBe('');
  });

  it('31/02/22 is refused because February 2022 has 28 days', () => {
    expect(() => parseDueDate('31/02/22')).toThrow(
      new ValidationError('31/02/22 is not a date: February 2022 has 28 days.', 'due'),
    );
  });

  it('29 February exists only in leap years', () => {
    expect(parseDueDate('29/02/24')?.date).toBe('2024-02-29');
    expect(() => parseDueDate('29/02/23')).toThrow(ValidationError);
  });

  it.each(['13/13/22', '2022-02-30', 'someday', 'Friday week', 'March', '00/03/22', '23/03/1999'])(
    'refuses %j on the due date field',
    (text) => {
      expect(() => parseDueDate(text)).toThrow(expect.objectContaining({ field: 'due' }));
    },
  );

  it('refuses an unknown time zone', () => {
    expect(() => parseDueDate('23/03/22', { timeZone: 'Mars/Olympus' })).toThrow(ValidationError);
  });

  it('prints an ISO date as the report does', () => {
    expect(formatShortDate('2022-02-24')).toBe('24/02/22');
  });

  it('checks a stored due date and drops an empty note', () => {
    expect(checkDueDate({ date: '2022-03-23', note: ' ' })).toEqual({ date: '2022-03-23' });
    expect(() => checkDueDate({ date: '2022-02-31' })).toThrow(ValidationError);
  });
});

describe('overdue', () => {
  const due = { date: '2022-03-23' };

  it('is not overdue on the due day itself, in the group time zone', () => {
    expect(isOverdue(due, new Date('2022-03-23T23:59:00Z'), 'Europe/London')).toBe(false);
  });

  it('is overdue from the first moment of the next day in the group time zone', () => {
    // 24 March 00:30 in Tokyo is still 23 March in London.
    const now = new Date('2022-03-23T15:30:00Z');
    expect(isOverdue(due, now, 'Asia/Tokyo')).toBe(true);
    expect(isOverdue(due, now, 'Europe/London')).toBe(false);
    expect(isOverdue(due, new Date('2022-03-24T00:00:00Z'))).toBe(true);
  });

  it('after the clocks go forward, midnight comes an hour earlier in UTC', () => {
    const dueInSummer = { date: '2022-06-01' };
    expect(isOverdue(dueInSummer, new Date('2022-06-01T23:00:00Z'), 'Europe/London')).toBe(true);
    expect(isOverdue(dueInSummer, new Date('2022-06-01T22:59:00Z'), 'Europe/London')).toBe(false);
  });

  it('an action with no due date is never overdue', () => {
    expect(isOverdue(undefined, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});
