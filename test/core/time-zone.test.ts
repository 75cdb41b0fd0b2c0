import { ValidationError } from '../../core/errors';
import { DEFAULT_TIME_ZONE, localDate, parseTimeZone } from '../../core/time-zone';

describe('time zones', () => {
  it('an empty zone means the UK', () => {
    expect(parseTimeZone('  ')).toBe(DEFAULT_TIME_ZONE);
  });

  it('a zone the database knows is accepted every time it is asked (the answer is kept)', () => {
    expect(parseTimeZone('America/New_York')).toBe('America/New_York');
    expect(parseTimeZone(' America/New_York ')).toBe('America/New_York');
    expect(localDate(new Date('2022-03-01T03:00:00Z'), 'America/New_York')).toBe('2022-02-28');
  });

  it('an unknown zone is refused every time, naming the field', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      let refusal: unknown;
      try {
        parseTimeZone('Fantasia/Castle', 'zone');
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(ValidationError);
      expect(refusal).toMatchObject({
        field: 'zone',
        message: '"Fantasia/Castle" is not a time zone; use a name like Europe/London.',
      });
    }
  });
});
