import type { DirectoryEntry } from '../../../core/people/directory';
import {
  describeOwnerResolution,
  resolveOwner,
  resolveOwners,
} from '../../../core/people/owner-resolution';
import { parseOwners } from '../../../core/owner';

const ZOE: DirectoryEntry = {
  name: 'Zoë Lefèvre',
  organisation: 'Ofgem',
  email: 'zoe.lefevre@ofgem.gov.uk',
};
const ANDREW: DirectoryEntry = { name: 'Andrew Margan', organisation: 'Programme' };
const JASON: DirectoryEntry = { name: 'Jason Brogden', organisation: 'Programme' };
const CHRIS_ELEXON: DirectoryEntry = {
  name: 'Chris Welby',
  organisation: 'Elexon',
  email: 'chris.welby@elexon.co.uk',
};
const CHRIS_OFGEM: DirectoryEntry = {
  name: 'Chris Welby',
  organisation: 'Ofgem',
  email: 'chris.welby@ofgem.gov.uk',
};
const ADA: DirectoryEntry = {
  name: 'Ada Lovelace',
  organisation: 'Programme',
  aadObjectId: '00000000-0000-0000-0000-00000000a0a0',
};
const DIRECTORY = [ZOE, ANDREW, JASON, CHRIS_ELEXON, CHRIS_OFGEM, ADA];

const owner = (text: string) => {
  const [first] = parseOwners(text);
  if (!first) throw new Error(`no owner in ${text}`);
  return first;
};

describe('typed owners resolved against the directory', () => {
  it('Ofgem (Zoë Lefèvre) is Zoë Lefèvre, with accents and case ignored', () => {
    for (const text of ['Ofgem (Zoë Lefèvre)', 'ofgem (zoe lefevre)', 'OFGEM (ZOE  LEFÈVRE)']) {
      const resolution = resolveOwner(owner(text), DIRECTORY);
      expect(resolution).toMatchObject({
        status: 'resolved',
        people: [{ entry: ZOE, organisationMatches: true }],
        unmatched: [],
      });
    }
  });

  it('a bare name is the person of that name', () => {
    expect(resolveOwner(owner('Zoe Lefevre'), DIRECTORY)).toMatchObject({
      status: 'resolved',
      people: [{ entry: ZOE, typed: 'Zoe Lefevre' }],
    });
  });

  it('a body with no person names nobody, and says whether the directory knows the body', () => {
    expect(resolveOwner(owner('Code bodies'), DIRECTORY)).toMatchObject({
      status: 'noPerson',
      reason: 'notInDirectory',
    });
    expect(resolveOwner(owner('Programme (PMO)'), DIRECTORY)).toMatchObject({
      status: 'noPerson',
      reason: 'organisation',
      unmatched: ['PMO'],
    });
    expect(resolveOwner(owner('Ofgem'), DIRECTORY)).toMatchObject({
      status: 'noPerson',
      reason: 'organisation',
    });
  });

  it('a person and a role inside the brackets name the person (the seed’s owners)', () => {
    expect(resolveOwner(owner('Programme (Andrew Margan, PMO)'), DIRECTORY)).toMatchObject({
      status: 'resolved',
      people: [{ entry: ANDREW }],
      unmatched: ['PMO'],
    });
    expect(resolveOwner(owner('Programme (Jason Brogden /PMO)'), DIRECTORY)).toMatchObject({
      status: 'resolved',
      people: [{ entry: JASON }],
    });
  });

  it('an ambiguous name returns the candidates, never a guess', () => {
    const resolution = resolveOwner(owner('Chris Welby'), DIRECTORY);
    expect(resolution).toEqual({
      status: 'ambiguous',
      owner: owner('Chris Welby'),
      ambiguous: [{ typed: 'Chris Welby', candidates: [CHRIS_ELEXON, CHRIS_OFGEM] }],
      people: [],
      unmatched: [],
    });
    expect(describeOwnerResolution(resolution)).toBe(
      'Chris Welby: Chris Welby could be Chris Welby (Elexon) or Chris Welby (Ofgem); ' +
        'write the organisation too, e.g. Elexon (Chris Welby)',
    );
  });

  it('the organisation settles an ambiguous name', () => {
    expect(resolveOwner(owner('Elexon (Chris Welby)'), DIRECTORY)).toMatchObject({
      status: 'resolved',
      people: [{ entry: CHRIS_ELEXON, organisationMatches: true }],
    });
    // An organisation that is neither of theirs settles nothing.
    expect(resolveOwner(owner('DCUSA (Chris Welby)'), DIRECTORY)).toMatchObject({
      status: 'ambiguous',
      ambiguous: [{ candidates: [CHRIS_ELEXON, CHRIS_OFGEM] }],
    });
  });

  it('two people of one name in one organisation stay ambiguous and ask for a pick or an e-mail', () => {
    const twin: DirectoryEntry = { ...CHRIS_ELEXON, email: 'c.welby2@elexon.co.uk' };
    const resolution = resolveOwner(owner('Elexon (Chris Welby)'), [...DIRECTORY, twin]);
    expect(resolution).toMatchObject({
      status: 'ambiguous',
      ambiguous: [{ candidates: [CHRIS_ELEXON, twin] }],
    });
    expect(describeOwnerResolution(resolution)).toMatch(
      /pick the person in Teams, or write their e-mail/,
    );
    expect(
      resolveOwner(owner('Elexon (c.welby2@elexon.co.uk)'), [...DIRECTORY, twin]),
    ).toMatchObject({ status: 'resolved', people: [{ entry: twin }] });
  });

  it('one person of the name at another organisation is them, flagged for the chair', () => {
    const resolution = resolveOwner(owner('Elexon (Zoë Lefèvre)'), DIRECTORY);
    expect(resolution).toMatchObject({
      status: 'resolved',
      people: [{ entry: ZOE, organisationMatches: false }],
    });
    expect(describeOwnerResolution(resolution)).toBe(
      'Elexon (Zoë Lefèvre): Zoë Lefèvre, Ofgem, zoe.lefevre@ofgem.gov.uk (the directory has them at Ofgem)',
    );
  });

  it('a picked Teams user is found by their Entra object id whatever the text says', () => {
    const picked = {
      display: 'Ada L.',
      teamsUsers: [{ id: '29:ada', aadObjectId: ADA.aadObjectId, name: 'Ada L.' }],
    };
    expect(resolveOwner(picked, DIRECTORY)).toMatchObject({
      status: 'resolved',
      people: [{ entry: ADA }],
      unmatched: [],
    });
  });

  it('an owners text resolves owner by owner', () => {
    const resolutions = resolveOwners(
      parseOwners('Ofgem (Zoë Lefèvre), Programme (Andrew Margan), Code bodies'),
      DIRECTORY,
    );
    expect(resolutions.map((resolution) => resolution.status)).toEqual([
      'resolved',
      'resolved',
      'noPerson',
    ]);
    expect(resolutions.map(describeOwnerResolution)).toEqual([
      'Ofgem (Zoë Lefèvre): Zoë Lefèvre, Ofgem, zoe.lefevre@ofgem.gov.uk',
      'Programme (Andrew Margan): Andrew Margan, Programme',
      'Code bodies: nobody in the directory',
    ]);
  });

  it('names the person a typed owner names but the directory lacks', () => {
    const resolution = resolveOwner(owner('Ofgem (Andy MacFaul)'), DIRECTORY);
    expect(resolution).toMatchObject({ status: 'noPerson', reason: 'organisation' });
    expect(describeOwnerResolution(resolution)).toBe(
      'Ofgem (Andy MacFaul): nobody in the directory is called Andy MacFaul',
    );
  });
});
