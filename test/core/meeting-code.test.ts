import { createMeeting, findMeetingByCode, meetingNumberForCode } from '../../core/meeting';

const meetings = [3, 4].map((number) => createMeeting({ groupCode: 'CCAG', number }));

describe('the meeting a command names (report CCAG003, list CCAG003)', () => {
  it('reads the meeting code of the group, in any case, or the number alone', () => {
    expect(meetingNumberForCode('CCAG003', 'CCAG')).toBe(3);
    expect(meetingNumberForCode(' ccag003 ', 'CCAG')).toBe(3);
    expect(meetingNumberForCode('3', 'CCAG')).toBe(3);
    expect(meetingNumberForCode('004', 'ccag')).toBe(4);
  });

  it('finds that meeting among the group’s, not the current one', () => {
    expect(findMeetingByCode('CCAG003', 'CCAG', meetings).code).toBe('CCAG003');
  });

  it('refuses text that is not a meeting code, saying what one looks like', () => {
    expect(() => meetingNumberForCode('latest', 'CCAG')).toThrow(
      expect.objectContaining({
        code: 'ValidationFailed',
        field: 'meeting',
        message: '"latest" is not a meeting code like CCAG003.',
      }),
    );
    expect(() => meetingNumberForCode('0', 'CCAG')).toThrow(
      expect.objectContaining({ code: 'ValidationFailed' }),
    );
  });

  it("refuses another group's meeting without saying anything about that group", () => {
    expect(() => findMeetingByCode('XYZ003', 'CCAG', meetings)).toThrow(
      expect.objectContaining({
        code: 'ValidationFailed',
        message:
          'XYZ003 is not a CCAG meeting: this conversation follows CCAG, so name one of its meetings, like CCAG003.',
      }),
    );
  });

  it('refuses a meeting the group does not have, naming those it has', () => {
    expect(() => findMeetingByCode('CCAG009', 'CCAG', meetings)).toThrow(
      expect.objectContaining({
        code: 'NotFound',
        message: 'CCAG has no meeting CCAG009; its meetings are CCAG003 and CCAG004.',
      }),
    );
    expect(() => findMeetingByCode('CCAG001', 'CCAG', [])).toThrow(
      'CCAG has no meeting CCAG001; it has no meetings yet.',
    );
  });
});
