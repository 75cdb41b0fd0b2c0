import { ValidationError } from '../../core/errors';
import {
  checkOwners,
  formatOwners,
  isOwnedBy,
  ownerForTeamsUser,
  parseOwners,
  sameOwners,
} from '../../core/owner';
import { seedActionRows } from '../fixtures/seed-report';

describe('owners', () => {
  it('every owner text of the seed is read and printed back exactly', () => {
    const texts = [...new Set(seedActionRows().map((row) => row.owner))];
    expect(texts).toHaveLength(11);
    for (const text of texts) expect(formatOwners(parseOwners(text))).toBe(text);
  });

  it('reads Organisation (Person) into its parts', () => {
    expect(parseOwners('Programme (Justin Andrews)')).toEqual([
      {
        display: 'Programme (Justin Andrews)',
        organisation: 'Programme',
        person: 'Justin Andrews',
      },
    ]);
  });

  it('two owners joined by a comma are two owners', () => {
    const owners = parseOwners('Ofgem (Andy MacFaul), Programme (Andrew Margan)');
    expect(owners.map((owner) => [owner.organisation, owner.person])).toEqual([
      ['Ofgem', 'Andy MacFaul'],
      ['Programme', 'Andrew Margan'],
    ]);
  });

  it('an owner with a comma inside brackets stays one owner', () => {
    expect(parseOwners('Programme (Andrew Margan, PMO)')).toEqual([
      {
        display: 'Programme (Andrew Margan, PMO)',
        organisation: 'Programme',
        person: 'Andrew Margan, PMO',
      },
    ]);
  });

  it('keeps a slash inside brackets as part of the person', () => {
    expect(parseOwners('Programme (Jason Brogden /PMO)')[0]?.person).toBe('Jason Brogden /PMO');
  });

  it('a person or a body without brackets is kept as written, with no parts guessed', () => {
    expect(parseOwners('Chris Welby')).toEqual([{ display: 'Chris Welby' }]);
    expect(parseOwners('Code bodies')).toEqual([{ display: 'Code bodies' }]);
  });

  it('drops only the white space around the text and around each owner', () => {
    expect(formatOwners(parseOwners('  Ofgem (Andy MacFaul) ,Code bodies  '))).toBe(
      'Ofgem (Andy MacFaul), Code bodies',
    );
  });

  it('an unclosed bracket keeps the rest as one owner, printed back unchanged', () => {
    const owners = parseOwners('Programme (PMO, Ofgem');
    expect(owners).toHaveLength(1);
    expect(formatOwners(owners)).toBe('Programme (PMO, Ofgem');
  });

  it.each([
    ['', 'Owner is required.'],
    ['Ofgem, , Code bodies', 'Owner has an empty name between commas.'],
    ['Ofgem,', 'Owner has an empty name between commas.'],
    ['Ofgem\nCode bodies', 'Owner must be a single line (no line breaks or tabs).'],
    ['Ofgem\u0007', 'Owner contains a character that cannot be shown (a control character).'],
    ['x'.repeat(1001), 'Owner is too long: 1001 characters, at most 1000 allowed.'],
  ])('refuses %j with a message for the owner field', (text, message) => {
    expect(() => parseOwners(text)).toThrow(
      expect.objectContaining({ name: 'ValidationError', message, field: 'owner' }),
    );
  });
});

describe('owners and Teams users', () => {
  const andy = { id: '29:andy', aadObjectId: 'aad-andy', name: 'Andy MacFaul' };

  it('an owner made for a Teams user shows their name and remembers them', () => {
    expect(ownerForTeamsUser(andy)).toEqual({ display: 'Andy MacFaul', teamsUsers: [andy] });
  });

  it('recognises an owner by Teams id or by Entra object id', () => {
    const owners = [{ ...parseOwners('Ofgem (Andy MacFaul)')[0]!, teamsUsers: [andy] }];
    expect(isOwnedBy(owners, { id: '29:andy' })).toBe(true);
    expect(isOwnedBy(owners, { id: '29:other-app-id', aadObjectId: 'aad-andy' })).toBe(true);
    expect(isOwnedBy(owners, { id: '29:someone-else' })).toBe(false);
    expect(isOwnedBy(parseOwners('Ofgem (Andy MacFaul)'), { id: '29:andy' })).toBe(false);
  });

  it('checking split owners keeps their Teams users and a comma in a directory name', () => {
    const welby = { id: '29:cw', name: 'Welby, Chris' };
    const owners = checkOwners([ownerForTeamsUser(welby), { display: ' Code bodies ' }]);
    expect(owners).toEqual([
      { display: 'Welby, Chris', teamsUsers: [welby] },
      { display: 'Code bodies' },
    ]);
  });

  it('owners differ when the Teams users behind them differ', () => {
    const plain = parseOwners('Andy MacFaul');
    expect(sameOwners(plain, parseOwners('Andy MacFaul'))).toBe(true);
    expect(sameOwners(plain, [ownerForTeamsUser(andy)])).toBe(false);
  });

  it('refuses an empty list of owners', () => {
    expect(() => checkOwners([])).toThrow(new ValidationError('Owner is required.', 'owner'));
  });
});
