import { ValidationError } from '../../../core/errors';
import { planDirectorySave, mergeImportedEntry } from '../../../core/people/directory-changes';
import {
  checkDirectoryEntry,
  personKey,
  readDirectoryEntry,
} from '../../../core/people/directory-entry';
import { foldName } from '../../../core/people/name-matching';

describe('a directory entry', () => {
  it('is tidied: spaces dropped, the object id lower-cased, empty parts left out', () => {
    expect(
      checkDirectoryEntry({
        name: '  Zoë Lefèvre ',
        organisation: ' ',
        email: 'Zoe.Lefevre@Ofgem.gov.uk',
        aadObjectId: '3F2504E0-4F89-11D3-9A0C-0305E82C3301',
        guest: 'yes',
      }),
    ).toEqual({
      name: 'Zoë Lefèvre',
      email: 'Zoe.Lefevre@Ofgem.gov.uk',
      aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      guest: true,
    });
  });

  it('reports every bad field at once, by field', () => {
    const result = readDirectoryEntry({
      name: '',
      email: 'zoe at ofgem',
      aadObjectId: '29:abc',
      guest: 'perhaps',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Name is required.',
        email: expect.stringMatching(/"zoe at ofgem" is not an e-mail address/),
        aadObjectId: expect.stringMatching(/is not an Entra object id/),
        guest: expect.stringMatching(/yes or no/),
      },
    });
    expect(() => checkDirectoryEntry({ name: 'A', email: 'x' })).toThrow(ValidationError);
  });

  it('is keyed by e-mail with case ignored, else by name and organisation with accents ignored', () => {
    expect(personKey({ name: 'Zoë', email: 'Zoe@Ofgem.gov.uk' })).toBe(
      personKey({ name: 'Someone else', email: 'zoe@ofgem.gov.uk' }),
    );
    expect(personKey({ name: 'Zoë Lefèvre', organisation: 'Ofgem' })).toBe(
      personKey({ name: 'zoe lefevre', organisation: 'OFGEM' }),
    );
    expect(personKey({ name: 'Zoë Lefèvre', organisation: 'Ofgem' })).not.toBe(
      personKey({ name: 'Zoë Lefèvre', organisation: 'Elexon' }),
    );
  });

  it('names fold accents, ligatures, curly apostrophes and spacing, nothing else', () => {
    expect(foldName('  Zoë   Lefèvre ')).toBe('zoe lefevre');
    expect(foldName('Søren Ødegård')).toBe('soren odegard');
    expect(foldName('Seán O’Brien')).toBe("sean o'brien");
    expect(foldName('Straße')).toBe('strasse');
    expect(foldName('Zoe Lefevre-Smith')).not.toBe(foldName('Zoe Lefevre'));
  });
});

describe('saving entries', () => {
  const ZOE = { name: 'Zoë Lefèvre', organisation: 'Ofgem', email: 'zoe@ofgem.gov.uk' };

  it('adds new people, changes known ones and leaves identical ones alone', () => {
    const stored = [ZOE, { name: 'Andrew Margan', organisation: 'Programme' }];
    const changes = planDirectorySave(stored, [
      ZOE,
      { ...stored[1]!, email: undefined, guest: true },
      { name: 'Ann Perry', organisation: 'REC' },
    ]);
    expect(changes.map((change) => [change.entry.name, change.outcome])).toEqual([
      ['Andrew Margan', 'changed'],
      ['Ann Perry', 'added'],
    ]);
  });

  it('a person known by name who gains an e-mail is replaced, not added twice', () => {
    const byName = { name: 'Zoë Lefèvre', organisation: 'Ofgem' };
    const [change, ...others] = planDirectorySave([byName], [ZOE]);
    expect(others).toEqual([]);
    expect(change).toEqual({ entry: ZOE, outcome: 'changed', replaces: byName });
  });

  it('an import adds and changes but never erases, and keeps the Teams id the bot learnt', () => {
    const stored = [
      { ...ZOE, aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', teamsUserId: '29:zoe' },
    ];
    expect(mergeImportedEntry(stored, { name: 'Zoë Lefèvre', email: 'zoe@ofgem.gov.uk' })).toEqual(
      stored[0],
    );
    expect(
      mergeImportedEntry(stored, { name: 'Zoë Lefèvre', email: 'ZOE@ofgem.gov.uk', guest: true }),
    ).toEqual({ ...stored[0], email: 'ZOE@ofgem.gov.uk', guest: true });
  });
});
