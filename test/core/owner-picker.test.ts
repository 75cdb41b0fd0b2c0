import { validateActionDraft } from '../../core/action-form';
import { ValidationError } from '../../core/errors';
import {
  MAX_PICKED_PEOPLE,
  combineOwners,
  formatOwners,
  parseOwners,
  parsePickedPeople,
  readOwnerInputs,
  type PickedPerson,
} from '../../core/owner';

const ANDY = '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f';
const ZOE = '1d2e3f4a-4444-4b5c-9d6e-7f8091a2b3c4';
const STRANGER = '99999999-9999-4999-9999-999999999999';

/** The roster as the lead's cached lookup would give it. */
const ROSTER: Record<string, PickedPerson> = {
  [ANDY]: { id: '29:andy', name: 'Andy MacFaul' },
  [ZOE]: { id: '29:zoe', name: 'Zoë Lefèvre', organisation: 'Ofgem' },
};
const lookup = (aadObjectId: string) => ROSTER[aadObjectId];

describe('the people picker’s value', () => {
  it('is the Entra object ids picked, comma separated, each once, in the order picked', () => {
    expect(parsePickedPeople(`${ZOE}, ${ANDY.toUpperCase()},${ZOE}`)).toEqual([ZOE, ANDY]);
    expect(parsePickedPeople('')).toEqual([]);
    expect(parsePickedPeople(undefined)).toEqual([]);
  });

  it('refuses anything that is not a list of object ids, on the picker’s field', () => {
    for (const forged of ['29:andy', `${ANDY},<at>x</at>`, 'Andy MacFaul']) {
      expect(() => parsePickedPeople(forged)).toThrow(expect.objectContaining({ field: 'people' }));
    }
    expect(() => parsePickedPeople(['a'])).toThrow(ValidationError);
    const many = Array.from(
      { length: MAX_PICKED_PEOPLE + 1 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    ).join(',');
    expect(() => parsePickedPeople(many)).toThrow(/at most 20 people/);
  });
});

describe('owners typed and people picked together', () => {
  it('a picked person becomes an owner with their ids, shown Organisation (Name) when known', () => {
    const owners = combineOwners(parseOwners('Code bodies'), [ZOE, ANDY], lookup);
    expect(formatOwners(owners)).toBe('Code bodies, Ofgem (Zoë Lefèvre), Andy MacFaul');
    expect(owners[1]).toEqual({
      display: 'Ofgem (Zoë Lefèvre)',
      organisation: 'Ofgem',
      person: 'Zoë Lefèvre',
      teamsUsers: [{ id: '29:zoe', aadObjectId: ZOE, name: 'Zoë Lefèvre' }],
    });
  });

  it('a person both typed and picked is one owner: the typed text, with the ids', () => {
    const owners = combineOwners(
      parseOwners('Ofgem (Andy MacFaul), ofgem (zoe lefevre)'),
      [ANDY, ZOE],
      lookup,
    );
    expect(formatOwners(owners)).toBe('Ofgem (Andy MacFaul), ofgem (zoe lefevre)');
    expect(owners.map((owner) => owner.teamsUsers?.map((user) => user.id))).toEqual([
      ['29:andy'],
      ['29:zoe'],
    ]);
  });

  it('refuses a picked person the conversation’s members do not include', () => {
    expect(() => combineOwners([], [ANDY, STRANGER], lookup)).toThrow(
      expect.objectContaining({ field: 'people', message: expect.stringMatching(/One person/) }),
    );
  });

  it('either field may be used, not neither; without a lookup a pick is refused, not dropped', () => {
    const fields = { owner: 'owner', people: 'people' };
    expect(formatOwners(readOwnerInputs({ owner: '', people: ANDY }, fields, lookup))).toBe(
      'Andy MacFaul',
    );
    expect(formatOwners(readOwnerInputs({ owner: 'Code bodies' }, fields, undefined))).toBe(
      'Code bodies',
    );
    expect(() => readOwnerInputs({ owner: ' ', people: '' }, fields, lookup)).toThrow(
      new ValidationError('Name at least one owner, or pick people in this chat.', 'owner'),
    );
    expect(() => readOwnerInputs({ people: ANDY }, fields, undefined)).toThrow(
      expect.objectContaining({ field: 'people' }),
    );
  });

  it('the edit form’s own input ids carry its errors', () => {
    const fields = { owner: 'editOwner', people: 'editPeople' };
    expect(() => readOwnerInputs({ editOwner: 'A, , B' }, fields, lookup)).toThrow(
      expect.objectContaining({ field: 'editOwner' }),
    );
    expect(() => readOwnerInputs({ editPeople: 'x' }, fields, lookup)).toThrow(
      expect.objectContaining({ field: 'editPeople' }),
    );
  });

  it('the action form stores the typed owners and the picked people', () => {
    const draft = validateActionDraft(
      { area: 'Other', text: 'Share the pack', owner: 'Code bodies', people: ANDY },
      { lookupPerson: lookup },
    );
    expect(draft).toMatchObject({
      ok: true,
      value: {
        owners: [
          { display: 'Code bodies' },
          { display: 'Andy MacFaul', teamsUsers: [{ id: '29:andy', aadObjectId: ANDY }] },
        ],
      },
    });
    const unknown = validateActionDraft(
      { area: 'Other', text: 'x', owner: '', people: STRANGER },
      { lookupPerson: lookup },
    );
    expect(unknown).toEqual({
      ok: false,
      errors: { people: expect.stringMatching(/type their name under Owner/) },
    });
  });
});
