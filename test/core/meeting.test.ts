import { ValidationError } from '../../core/errors';
import { createGroup, isGroupChair } from '../../core/group';
import {
  changeMeetingState,
  createMeeting,
  formatMeetingDateTime,
  parseMeetingNumber,
  validateMeetingForm,
} from '../../core/meeting';
import { SEED_TEXT } from '../fixtures/seed-report';

describe('groups', () => {
  it('a group defaults to London time and no named chairs', () => {
    expect(createGroup({ code: 'ccag', name: 'MHHS Cross Code Advisory Group' })).toEqual({
      code: 'CCAG',
      name: 'MHHS Cross Code Advisory Group',
      timeZone: 'Europe/London',
      chairs: [],
    });
  });

  it('recognises a named chair by Teams id or Entra object id', () => {
    const group = createGroup({
      code: 'CCAG',
      name: 'CCAG',
      chairs: [{ id: '29:chair', aadObjectId: 'aad-chair', name: 'Chair' }],
    });
    expect(isGroupChair(group, { id: '29:chair' })).toBe(true);
    expect(isGroupChair(group, { id: '29:x', aadObjectId: 'aad-chair' })).toBe(true);
    expect(isGroupChair(group, { id: '29:x' })).toBe(false);
  });

  it('refuses an unknown time zone and an empty name', () => {
    expect(() => createGroup({ code: 'CCAG', name: 'x', timeZone: 'Nowhere/Land' })).toThrow(
      expect.objectContaining({ field: 'timeZone' }),
    );
    expect(() => createGroup({ code: 'CCAG', name: ' ' })).toThrow(
      new ValidationError('Group name is required.', 'groupName'),
    );
  });
});

describe('meetings', () => {
  it('CCAG003 has the seed header defaults: Virtual – MS Teams, Public, planned', () => {
    const meeting = createMeeting({ groupCode: 'CCAG', number: 3 });
    expect(meeting).toEqual({
      groupCode: 'CCAG',
      number: 3,
      code: 'CCAG003',
      venue: 'Virtual – MS Teams',
      classification: 'Public',
      state: 'planned',
    });
    expect(SEED_TEXT).toContain(`Meeting Number\t${meeting.code}\tVenue\t${meeting.venue}`);
    expect(SEED_TEXT).toContain(`Classification\t${meeting.classification}`);
  });

  it('prints the date and time as the seed header does', () => {
    const meeting = createMeeting({
      groupCode: 'CCAG',
      number: 3,
      start: '2022-02-23T10:00:00Z',
      end: '2022-02-23T12:00:00Z',
    });
    const printed = formatMeetingDateTime(meeting, 'Europe/London');
    expect(printed).toBe('23 February 2022 1000-1200');
    expect(SEED_TEXT).toContain(`Meeting Date and Time\t${printed}\t`);
  });

  it('moves forward through its states and not back', () => {
    const planned = createMeeting({ groupCode: 'CCAG', number: 3 });
    const reported = changeMeetingState(
      changeMeetingState(changeMeetingState(planned, 'inProgress'), 'ended'),
      'reportIssued',
    );
    expect(reported.state).toBe('reportIssued');
    expect(changeMeetingState(reported, 'reportIssued').state).toBe('reportIssued');
    expect(() => changeMeetingState(reported, 'inProgress')).toThrow(
      'Meeting CCAG003 is reported; it cannot become in progress.',
    );
  });

  it('reads a meeting number typed as 3, 003 or CCAG003', () => {
    expect(parseMeetingNumber('3')).toBe(3);
    expect(parseMeetingNumber('003', 'CCAG')).toBe(3);
    expect(parseMeetingNumber('ccag003', 'CCAG')).toBe(3);
    expect(() => parseMeetingNumber('TAG003', 'CCAG')).toThrow(
      new ValidationError('Meeting number must be a number, e.g. 3 for CCAG003.', 'number'),
    );
    expect(() => parseMeetingNumber('0')).toThrow(ValidationError);
  });
});

describe('the meeting form', () => {
  it('reads the form, turning the date and times in the group zone into UTC instants', () => {
    const result = validateMeetingForm({
      groupCode: 'ccag',
      groupName: 'MHHS Cross Code Advisory Group',
      number: '3',
      date: '2022-06-23',
      startTime: '10:00',
      endTime: '1200',
      venue: '',
      classification: '',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        groupCode: 'CCAG',
        groupName: 'MHHS Cross Code Advisory Group',
        number: 3,
        start: '2022-06-23T09:00:00.000Z',
        end: '2022-06-23T11:00:00.000Z',
        venue: 'Virtual – MS Teams',
        classification: 'Public',
      },
    });
  });

  it('returns every field error at once', () => {
    const result = validateMeetingForm(
      {
        groupCode: 'C',
        number: 'x',
        date: '2022-02-30',
        startTime: '25:00',
        endTime: '10:00',
        classification: 'c'.repeat(51),
      },
      { requireGroupName: true },
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(
      ['classification', 'date', 'groupCode', 'groupName', 'number', 'startTime'].sort(),
    );
  });

  it('an end before the start is an error on the end time', () => {
    const result = validateMeetingForm({
      groupCode: 'CCAG',
      number: '3',
      date: '2022-02-23',
      startTime: '12:00',
      endTime: '10:00',
    });
    expect(result).toEqual({
      ok: false,
      errors: { endTime: 'The meeting must end after it starts.' },
    });
  });

  it('a time without a date asks for the date', () => {
    const result = validateMeetingForm({ groupCode: 'CCAG', number: '3', startTime: '10:00' });
    expect(result).toEqual({
      ok: false,
      errors: { date: 'Give the meeting date as well as its time.' },
    });
  });
});
