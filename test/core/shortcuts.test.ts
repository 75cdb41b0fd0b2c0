import { ValidationError } from '../../core/errors';
import { readDueShortcut, parseShortcut } from '../../core/shortcuts';

const LONDON = 'Europe/London';

describe('plain-text shortcuts', () => {
  it.each([
    ['CCAG03-04 done', { ref: 'CCAG03-04', kind: 'done' }],
    ['ccag03-04 DONE', { ref: 'CCAG03-04', kind: 'done' }],
    ['CCAG03-04 reopen', { ref: 'CCAG03-04', kind: 'reopen' }],
    ['CCAG03-04', { ref: 'CCAG03-04', kind: 'show' }],
    [
      'CCAG03-04 update Shared with **the** PMO\nline two',
      { ref: 'CCAG03-04', kind: 'update', text: 'Shared with **the** PMO\nline two' },
    ],
    ['CCAG03-04 due 30/03/22', { ref: 'CCAG03-04', kind: 'due', text: '30/03/22' }],
    [
      'CCAG04-03 due next tuesday waiting for Ofgem',
      { ref: 'CCAG04-03', kind: 'due', text: 'next tuesday waiting for Ofgem' },
    ],
    [
      'CCAG03-04 due 16/03/22 (to include in meeting papers) papers moved',
      {
        ref: 'CCAG03-04',
        kind: 'due',
        text: '16/03/22 (to include in meeting papers) papers moved',
      },
    ],
  ])('reads %j', (text, expected) => {
    expect(parseShortcut(text)).toEqual(expected);
  });

  it.each(['help', 'CCAG3-4 done', 'done CCAG03-04', 'CCAG03-04 finished', ''])(
    'leaves %j alone',
    (text) => {
      expect(parseShortcut(text)).toBeUndefined();
    },
  );
});

describe('the due shortcut, read on the group’s calendar', () => {
  // Monday 28 March 2022, 00:30 in London, the day after the clocks went forward; UTC still says
  // Sunday 27 March.
  const now = new Date('2022-03-27T23:30:00Z');
  const read = (text: string, current?: { date: string }) =>
    readDueShortcut(
      { ref: 'CCAG04-03', text },
      { now, timeZone: LONDON, ...(current ? { current } : {}) },
    );

  it('reads natural dates and the reason', () => {
    expect(read('tuesday waiting for Ofgem')).toEqual({
      due: { date: '2022-03-29' },
      reason: 'waiting for Ofgem',
    });
    expect(read('15 Jan 2027')).toEqual({ due: { date: '2027-01-15' }, reason: '' });
    expect(read('today')).toEqual({ due: { date: '2022-03-28' }, reason: '' });
  });

  it('asks before a date that has passed in London, with the line to send to keep it', () => {
    // 27 March is still today in UTC, but yesterday in London.
    expect(() => read('27/03/22 waiting for Ofgem')).toThrow(
      new ValidationError(
        '27/03/22 is in the past (today is 28/03/22). If that is right, send ' +
          '"CCAG04-03 due 27/03/22 confirm waiting for Ofgem".',
        'due',
      ),
    );
    expect(() => read('yesterday')).toThrow(/27\/03\/22 is in the past/);
    expect(() => read('16/03/22 (papers)')).toThrow(
      /send "CCAG04-03 due 16\/03\/22 \(papers\) confirm"/,
    );
  });

  it('keeps a past date followed by "confirm", which is not part of the reason', () => {
    expect(read('27/03/22 confirm waiting for Ofgem')).toEqual({
      due: { date: '2022-03-27' },
      reason: 'waiting for Ofgem',
    });
    expect(read('16/03/22 (papers) CONFIRM')).toEqual({
      due: { date: '2022-03-16', note: 'papers' },
      reason: '',
    });
  });

  it('for a date to come, "confirm" is the reason’s own word; the date kept asks nothing', () => {
    expect(read('tuesday confirm with Ofgem first')).toEqual({
      due: { date: '2022-03-29' },
      reason: 'confirm with Ofgem first',
    });
    expect(read('16/03/22 (new note)', { date: '2022-03-16' })).toEqual({
      due: { date: '2022-03-16', note: 'new note' },
      reason: '',
    });
  });

  it('in autumn too: at 00:30 on the night the clocks go back, the day before is past', () => {
    const autumn = new Date('2022-10-29T23:30:00Z'); // 00:30 BST on Sunday 30 October
    expect(() =>
      readDueShortcut({ ref: 'CCAG04-03', text: '29/10/22' }, { now: autumn, timeZone: LONDON }),
    ).toThrow(/today is 30\/10\/22/);
    expect(
      readDueShortcut({ ref: 'CCAG04-03', text: 'tomorrow' }, { now: autumn, timeZone: LONDON }),
    ).toEqual({ due: { date: '2022-10-31' }, reason: '' });
  });
});
