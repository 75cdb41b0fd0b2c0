import fc from 'fast-check';
import { createAction } from '../../core/action';
import { validateActionDraft } from '../../core/action-form';
import { formatDueDate, parseDueDate } from '../../core/due-date';
import { ValidationError } from '../../core/errors';
import { formatOwners, parseOwners } from '../../core/owner';

// Ordinary text, any code point, and a mix weighted towards the characters that matter here:
// owner separators and brackets, line endings, tabs, control characters and broken surrogates.
const tricky = fc.constantFrom(
  '(',
  ')',
  ',',
  ', ',
  ' ',
  '\n',
  '\r',
  '\r\n',
  '\t',
  'a',
  'Z',
  'é',
  'Б',
  '会',
  '📅',
  '•',
  '-',
  '\u0000',
  '\u0007',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ud800',
  '\udc00',
);
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: tricky, maxLength: 40 }),
);
const tidyLine = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'B', ' ', 'é', '会', '📅', '/', '-', '&'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 30,
});

const by = { id: '29:someone', name: 'Someone' };
const now = new Date('2022-02-23T10:00:00Z');
const ref = { groupCode: 'CCAG', meetingNumber: 3, sequence: 1 };

/** Runs `read`; a ValidationError means the input was refused, anything else fails the property. */
function refusedOr<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
}

describe('random text', () => {
  it('owners text is refused or printed back with only white space around owners tidied', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const owners = refusedOr(() => parseOwners(text));
        if (owners === undefined) return;
        const printed = formatOwners(owners);
        expect(printed.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        expect(formatOwners(parseOwners(printed))).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });

  it('owners written the report’s way are refused or printed back exactly', () => {
    const part = tidyLine.map((value) => value.replace(/[(),]/g, ' ').trim()).filter(Boolean);
    const owner = fc
      .tuple(part, fc.option(fc.array(part, { minLength: 1, maxLength: 2 })))
      // A comma may sit inside the brackets (`Programme (Andrew Margan, PMO)`).
      .map(([name, people]) => (people ? `${name} (${people.join(', ')})` : name));
    fc.assert(
      fc.property(fc.array(owner, { minLength: 1, maxLength: 4 }), (owners) => {
        const text = owners.join(', ');
        const parsed = refusedOr(() => parseOwners(text));
        if (parsed === undefined) return;
        expect(parsed).toHaveLength(owners.length);
        expect(formatOwners(parsed)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('area and action text are refused or kept exactly, apart from line endings and outer space', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (area, text, update) => {
        const action = refusedOr(() =>
          createAction({ area, text, owners: parseOwners('PMO'), update }, ref, by, now),
        );
        if (action === undefined) return;
        const tidy = (value: string): string => value.replace(/\r\n?/g, '\n').trim();
        expect(action.area).toBe(tidy(area));
        expect(action.text).toBe(tidy(text));
        expect(action.updates.map((u) => u.text)).toEqual(tidy(update) ? [tidy(update)] : []);
        // What storage will do to it: JSON out and back in changes nothing.
        expect(JSON.parse(JSON.stringify(action))).toEqual(action);
      }),
      { numRuns: 500 },
    );
  });

  it('the action form never throws, whatever is posted', () => {
    const value = fc.oneof(anyText, fc.anything());
    fc.assert(
      fc.property(
        fc.record({ area: value, text: value, owner: value, due: value, update: value }),
        (raw) => {
          const result = validateActionDraft(raw);
          if (!result.ok) expect(Object.keys(result.errors).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a day, month and year are refused or printed back as dd/mm/yy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 99 }),
        (day, month, year) => {
          const pad = (n: number): string => String(n).padStart(2, '0');
          const text = `${pad(day)}/${pad(month)}/${pad(year)}`;
          const due = refusedOr(() => parseDueDate(text));
          const real = new Date(Date.UTC(2000 + year, month - 1, day));
          const exists = month >= 1 && month <= 12 && real.getUTCDate() === day;
          expect(due !== undefined).toBe(exists);
          if (due) expect(formatDueDate(due)).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
