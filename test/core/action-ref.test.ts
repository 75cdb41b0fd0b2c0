import {
  compareActionRefs,
  findActionRefs,
  formatActionRef,
  formatMeetingCode,
  isGroupCode,
  meetingCodeOfRef,
  parseActionRef,
  parseGroupCode,
  parseMeetingCode,
} from '../../core/action-ref';
import { ValidationError } from '../../core/errors';
import { seedActionRows } from '../fixtures/seed-report';

describe('action refs', () => {
  it('meeting CCAG003 numbers its first action CCAG03-01', () => {
    expect(formatActionRef({ groupCode: 'CCAG', meetingNumber: 3, sequence: 1 })).toBe('CCAG03-01');
  });

  it('widens the meeting number only when it overflows two digits', () => {
    expect(formatActionRef({ groupCode: 'CCAG', meetingNumber: 99, sequence: 1 })).toBe(
      'CCAG99-01',
    );
    expect(formatActionRef({ groupCode: 'CCAG', meetingNumber: 123, sequence: 1 })).toBe(
      'CCAG123-01',
    );
  });

  it('widens the sequence only when it overflows two digits', () => {
    expect(formatActionRef({ groupCode: 'CCAG', meetingNumber: 3, sequence: 99 })).toBe(
      'CCAG03-99',
    );
    expect(formatActionRef({ groupCode: 'CCAG', meetingNumber: 3, sequence: 100 })).toBe(
      'CCAG03-100',
    );
  });

  it('reads widened refs back to the same numbers', () => {
    expect(parseActionRef('CCAG123-01')).toEqual({
      groupCode: 'CCAG',
      meetingNumber: 123,
      sequence: 1,
    });
    expect(parseActionRef('CCAG03-100')).toEqual({
      groupCode: 'CCAG',
      meetingNumber: 3,
      sequence: 100,
    });
  });

  it('reads a ref whatever its case and returns the group code upper-case', () => {
    expect(parseActionRef(' ccag03-04 ')).toEqual({
      groupCode: 'CCAG',
      meetingNumber: 3,
      sequence: 4,
    });
  });

  it.each([
    '',
    'CCAG',
    'CCAG3-1',
    'CCAG03-00',
    'CCAG00-01',
    'CCAG03-01 done',
    '3CCAG03-01',
    'C03-01',
  ])('does not take %j for a ref', (text) => {
    expect(parseActionRef(text)).toBeUndefined();
  });

  it('all 18 refs of the seed parse, print back, and sort in the order written', () => {
    const written = seedActionRows().map((row) => row.ref);
    expect(written).toHaveLength(18);
    for (const ref of written) {
      const parsed = parseActionRef(ref);
      expect(parsed).toBeDefined();
      expect(formatActionRef(parsed!)).toBe(ref);
    }
    const shuffled = [...written].reverse();
    shuffled.push(shuffled.shift()!);
    expect(shuffled.sort(compareActionRefs)).toEqual(written);
  });

  it('sorts by meeting, then sequence, numerically rather than as text', () => {
    const refs = ['CCAG03-100', 'CCAG10-01', 'CCAG03-10', 'CCAG03-09', 'CCAG100-01', 'CCAG04-01'];
    expect(refs.sort(compareActionRefs)).toEqual([
      'CCAG03-09',
      'CCAG03-10',
      'CCAG03-100',
      'CCAG04-01',
      'CCAG10-01',
      'CCAG100-01',
    ]);
  });

  it('refuses to compare text that is not a ref', () => {
    expect(() => compareActionRefs('CCAG03-01', 'nonsense')).toThrow(ValidationError);
  });

  it('prints the group code upper-case whatever case it was given in', () => {
    expect(formatActionRef({ groupCode: 'ccag', meetingNumber: 3, sequence: 1 })).toBe('CCAG03-01');
    expect(formatMeetingCode('ccag', 3)).toBe('CCAG003');
  });

  it('refuses to print a ref with a sequence of 0', () => {
    expect(() => formatActionRef({ groupCode: 'CCAG', meetingNumber: 3, sequence: 0 })).toThrow(
      ValidationError,
    );
  });
});

describe('refs cited in text', () => {
  it('finds a single cited ref', () => {
    expect(findActionRefs('update at the next CCAG (action CCAG03-01).')).toEqual([
      { groupCode: 'CCAG', meetingNumber: 3, sequence: 1 },
    ]);
  });

  it('a range (action CCAG03-12-15) cites 12, 13, 14 and 15', () => {
    const refs = findActionRefs('submit any code modifications (action CCAG03-12-15)');
    expect(refs.map(formatActionRef)).toEqual(['CCAG03-12', 'CCAG03-13', 'CCAG03-14', 'CCAG03-15']);
  });

  it('lists each ref once, in order of first mention', () => {
    const refs = findActionRefs('see CCAG03-07, then CCAG03-02 and CCAG03-07 again');
    expect(refs.map(formatActionRef)).toEqual(['CCAG03-07', 'CCAG03-02']);
  });

  it('keeps only the first ref of a backwards range', () => {
    expect(findActionRefs('(action CCAG03-15-12)').map(formatActionRef)).toEqual(['CCAG03-15']);
  });

  it('ignores look-alikes of other groups when a group is given', () => {
    const text = 'COVID19-20 delayed CCAG03-04';
    expect(findActionRefs(text).map(formatActionRef)).toEqual(['COVID19-20', 'CCAG03-04']);
    expect(findActionRefs(text, { groupCode: 'ccag' }).map(formatActionRef)).toEqual(['CCAG03-04']);
  });

  it('does not take a ref out of a longer word or number', () => {
    expect(findActionRefs('1CCAG03-01 CCAG03-011x CCAG03-01-02-03')).toEqual([]);
  });
});

describe('meeting codes and group codes', () => {
  it('CCAG003 is group CCAG, meeting 3, and prints back', () => {
    expect(parseMeetingCode('ccag003')).toEqual({ groupCode: 'CCAG', meetingNumber: 3 });
    expect(formatMeetingCode('CCAG', 3)).toBe('CCAG003');
  });

  it('widens the meeting code only when the number overflows three digits', () => {
    expect(formatMeetingCode('CCAG', 999)).toBe('CCAG999');
    expect(formatMeetingCode('CCAG', 1234)).toBe('CCAG1234');
    expect(parseMeetingCode('CCAG1234')).toEqual({ groupCode: 'CCAG', meetingNumber: 1234 });
  });

  it('an action belongs to the meeting its ref names', () => {
    expect(meetingCodeOfRef(parseActionRef('CCAG03-01')!)).toBe('CCAG003');
  });

  it('accepts 2 to 10 letters or digits starting and ending with a letter', () => {
    expect(['CC', 'CCAG', 'M2G', 'ABCDEFGHIJ'].every(isGroupCode)).toBe(true);
    expect(['C', 'ABCDEFGHIJK', '2CC', 'CC2', 'CC-AG', 'ccag', ''].some(isGroupCode)).toBe(false);
  });

  it('reads a typed group code upper-case and explains a bad one', () => {
    expect(parseGroupCode(' ccag ')).toBe('CCAG');
    expect(() => parseGroupCode('CC AG')).toThrow(
      expect.objectContaining({ field: 'groupCode', code: 'ValidationFailed' }),
    );
  });
});
