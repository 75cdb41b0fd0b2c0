import { ACTION_FORM_FIELDS, validateActionDraft } from '../../core/action-form';

describe('the action form', () => {
  it('reads a filled form into a draft', () => {
    const result = validateActionDraft({
      area: ' Other ',
      text: 'Update and re-issue the slides',
      owner: 'Programme (PMO)',
      due: '24/02/22',
      update: '',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        area: 'Other',
        text: 'Update and re-issue the slides',
        owners: [{ display: 'Programme (PMO)', organisation: 'Programme', person: 'PMO' }],
        due: { date: '2022-02-24' },
      },
    });
  });

  it('the date picker value and an empty due date are both accepted', () => {
    const base = { area: 'Other', text: 'x', owner: 'PMO' };
    expect(validateActionDraft({ ...base, due: '2022-03-23' })).toMatchObject({
      ok: true,
      value: { due: { date: '2022-03-23' } },
    });
    const noDue = validateActionDraft({ ...base, due: '' });
    expect(noDue.ok && 'due' in noDue.value).toBe(false);
  });

  it('returns every field error at once so the card can show them all', () => {
    const result = validateActionDraft({
      area: '',
      text: 'y'.repeat(4001),
      owner: 'Ofgem, ',
      due: '31/02/22',
      update: 'bad\u0000',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        area: 'Area is required.',
        text: 'Action is too long: 4001 characters, at most 4000 allowed.',
        owner: 'Owner has an empty name between commas.',
        due: '31/02/22 is not a date: February 2022 has 28 days.',
        update: 'Update contains a character that cannot be shown (a control character).',
      },
    });
  });

  it('a forged payload with values that are not text gets field errors, not a crash', () => {
    const result = validateActionDraft({
      area: 1,
      newArea: 2,
      text: ['x'],
      owner: { a: 1 },
      people: 7,
      due: 5,
      update: {},
    });
    expect(result.ok).toBe(false);
    // One error per input sent; confirmPast is asked only about a date that was read.
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(
      ACTION_FORM_FIELDS.filter((field) => !['area', 'confirmPast'].includes(field)).sort(),
    );
  });

  it('a missing form is missing its required fields only', () => {
    expect(validateActionDraft({})).toEqual({
      ok: false,
      errors: {
        area: 'Area is required.',
        text: 'Action is required.',
        owner: 'Name at least one owner, or pick people in this chat.',
      },
    });
  });
});
