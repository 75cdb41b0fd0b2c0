import { validateActionDraft } from '../../core/action-form';
import {
  PAST_DUE_CONFIRMATION,
  confirmDueDate,
  formatDueDate,
  parseDueDate,
  parseDueDateWithReason,
} from '../../core/due-date';
import { ValidationError } from '../../core/errors';

const LONDON = 'Europe/London';
const read = (text: string, now: Date, timeZone = LONDON) =>
  parseDueDate(text, { now, timeZone })?.date;

// In 2026 the UK's clocks go forward at 01:00 UTC on Sunday 29 March and back at 01:00 UTC on
// Sunday 25 October.
describe('due dates in words, in the group’s time zone', () => {
  describe('the night the clocks go forward (late March)', () => {
    // Saturday 28 March, 23:30 GMT: the last half hour of winter time.
    const saturdayNight = new Date('2026-03-28T23:30:00Z');
    // Monday 30 March, 00:30 BST in London, while UTC still says Sunday 29 March.
    const afterMidnight = new Date('2026-03-29T23:30:00Z');

    it.each([
      ['today', '2026-03-28'],
      ['tomorrow', '2026-03-29'],
      ['next Tuesday', '2026-03-31'],
      ['in 2 weeks', '2026-04-11'],
      ['end of March', '2026-03-31'],
      ['15 Jan 2027', '2027-01-15'],
    ])('%j on Saturday night is %s', (text, date) => {
      expect(read(text, saturdayNight)).toBe(date);
    });

    it('after midnight in summer time, "today" is already Monday in London', () => {
      expect(read('today', afterMidnight)).toBe('2026-03-30');
      expect(read('tomorrow', afterMidnight)).toBe('2026-03-31');
      // The same instant in UTC is still Sunday: the zone, not the server, decides.
      expect(read('today', afterMidnight, 'UTC')).toBe('2026-03-29');
    });
  });

  describe('the night the clocks go back (late October)', () => {
    // Sunday 25 October, 00:30 BST in London; Saturday 24 October 23:30 in UTC.
    const sundayMorning = new Date('2026-10-24T23:30:00Z');

    it.each([
      ['today', '2026-10-25'],
      ['tomorrow', '2026-10-26'],
      ['next Tuesday', '2026-10-27'],
      ['in 2 weeks', '2026-11-08'],
      ['end of March', '2027-03-31'],
      ['15 Jan 2027', '2027-01-15'],
      ['by end of March', '2027-03-31'],
    ])('%j is %s', (text, date) => {
      expect(read(text, sundayMorning)).toBe(date);
    });

    it('in New York the same moment is still Saturday evening', () => {
      expect(read('tomorrow', sundayMorning, 'America/New_York')).toBe('2026-10-25');
    });
  });

  it('keeps today’s DD/MM/YY forms and their notes exactly', () => {
    const now = new Date('2026-10-24T23:30:00Z');
    for (const text of ['23/03/22', '16/03/22 (to include in meeting papers)']) {
      expect(formatDueDate(parseDueDate(text, { now }))).toBe(text);
    }
  });

  it('takes a note after a date in words in brackets or after a comma', () => {
    const now = new Date('2026-10-24T23:30:00Z');
    expect(parseDueDate('next Tuesday (after the board)', { now })).toEqual({
      date: '2026-10-27',
      note: 'after the board',
    });
    expect(parseDueDate('next Tuesday, after the board', { now })).toEqual({
      date: '2026-10-27',
      note: 'after the board',
    });
  });

  it('refuses words that are not one day, saying how to write a date', () => {
    const now = new Date('2026-10-24T23:30:00Z');
    expect(() => parseDueDate('March', { now })).toThrow(
      expect.objectContaining({ field: 'due', message: expect.stringMatching(/which day/) }),
    );
    // Not Friday with a note "week": a note after words needs brackets.
    expect(() => parseDueDate('Friday week', { now })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/in brackets/) }),
    );
    expect(() => parseDueDate('when we can', { now })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/15 Jan 2027, next Tuesday/) }),
    );
  });
});

describe('a due date with the reason it moves (the due shortcut)', () => {
  const now = new Date('2026-10-24T23:30:00Z');

  it('reads "next tuesday waiting for Ofgem" as the date and the reason', () => {
    expect(
      parseDueDateWithReason('next tuesday waiting for Ofgem', { now, timeZone: LONDON }),
    ).toEqual({
      due: { date: '2026-10-27' },
      reason: 'waiting for Ofgem',
    });
  });

  it('keeps a bracketed note with the date and the rest as the reason', () => {
    expect(
      parseDueDateWithReason('16/03/22 (to include in meeting papers) papers go out early', {
        now,
      }),
    ).toEqual({
      due: { date: '2022-03-16', note: 'to include in meeting papers' },
      reason: 'papers go out early',
    });
    expect(parseDueDateWithReason('30/03/22', { now })).toEqual({
      due: { date: '2022-03-30' },
      reason: '',
    });
  });

  it('nothing after "due" removes the date', () => {
    expect(parseDueDateWithReason('  ', { now })).toEqual({ reason: '' });
  });

  it('refuses text that does not start with a date', () => {
    expect(() => parseDueDateWithReason('soon, hopefully', { now })).toThrow(ValidationError);
  });
});

describe('a due date in the past is confirmed before it is saved', () => {
  // 00:30 on Tuesday 31 March in London (summer time); UTC still says Monday 30 March.
  const now = new Date('2026-03-30T23:30:00Z');
  const ask =
    (date: string, confirmed = false) =>
    () =>
      confirmDueDate(
        { date },
        { now, timeZone: LONDON, confirmed, field: 'confirmPast', button: 'Add action' },
      );

  it('asks about a date before today in London, naming the switch and the button', () => {
    expect(ask('2026-03-30')).toThrow(
      new ValidationError(
        `30/03/26 is in the past (today is 31/03/26). If that is right, turn on ` +
          `"${PAST_DUE_CONFIRMATION}" and select Add action again.`,
        'confirmPast',
      ),
    );
  });

  it('today and later dates, and a confirmed past date, pass', () => {
    expect(ask('2026-03-31')).not.toThrow();
    expect(ask('2027-01-15')).not.toThrow();
    expect(ask('2022-03-23', true)).not.toThrow();
  });

  it('the action form asks on confirmPast, keeps the date, and adds once confirmed', () => {
    const form = {
      area: 'Other',
      text: 'Re-issue the slides',
      owner: 'Programme (PMO)',
      due: '23/03/22',
    };
    const asked = validateActionDraft(form, { now, timeZone: LONDON });
    expect(asked).toEqual({
      ok: false,
      errors: { confirmPast: expect.stringContaining('23/03/22 is in the past') },
    });
    expect(validateActionDraft({ ...form, confirmPast: 'true' }, { now })).toMatchObject({
      ok: true,
      value: { due: { date: '2022-03-23' } },
    });
    // An import of an old log passes no clock: its past dates are simply read.
    expect(validateActionDraft(form).ok).toBe(true);
  });

  it('the action form reads natural dates from its clock and zone', () => {
    const draft = validateActionDraft(
      { area: 'Other', text: 'x', owner: 'PMO', due: 'next Tuesday' },
      { now, timeZone: LONDON },
    );
    expect(draft).toMatchObject({ ok: true, value: { due: { date: '2026-04-07' } } });
  });
});
