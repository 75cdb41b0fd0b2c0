import type { TableClient } from '@azure/data-tables';
import { ConflictError } from '../../core/errors';
import type { DirectoryEntry } from '../../core/people/directory';
import { personKey } from '../../core/people/directory-entry';
import { savePerson } from '../../core/people/people-edits';
import { TableDirectoryStore } from '../../storage/table-directory-store';
import { freshTableStorage } from '../support/test-storage';

const ZOE: DirectoryEntry = {
  name: 'Zoë Lefèvre',
  organisation: 'Ofgem',
  email: 'zoe.lefevre@ofgem.gov.uk',
};
const ANDREW: DirectoryEntry = { name: 'Andrew Margan', organisation: 'Programme' };
const ANN: DirectoryEntry = { name: 'Ann Perry', organisation: 'REC', email: 'ann@rec.co.uk' };

async function directory(): Promise<{ people: TableDirectoryStore; table: TableClient }> {
  const storage = await freshTableStorage();
  const table = storage.table('groups');
  return { people: new TableDirectoryStore(table), table };
}

async function rows(table: TableClient): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for await (const row of table.listEntities()) found.push(row);
  return found;
}

describe('the people directory on Azurite', () => {
  it('keeps a group’s people in its partition, listed by name', async () => {
    const { people, table } = await directory();
    expect(await people.savePeople('CCAG', [ZOE, ANN, ANDREW])).toEqual({ added: 3, changed: 0 });
    await people.savePeople('TAG', [ANN]);

    expect(await people.listPeople('CCAG')).toEqual([ANDREW, ANN, ZOE]);
    expect(await people.listPeople('TAG')).toEqual([ANN]);
    const stored = await rows(table);
    expect(stored.map((row) => [row.partitionKey, row.rowKey]).sort()).toEqual([
      ['CCAG', 'person|email%3Aann%40rec.co.uk'],
      ['CCAG', 'person|email%3Azoe.lefevre%40ofgem.gov.uk'],
      ['CCAG', 'person|name%3Aandrew%20margan%7Cprogramme'],
      ['TAG', 'person|email%3Aann%40rec.co.uk'],
    ]);
    expect(stored.find((row) => row.name === 'Zoë Lefèvre')).toMatchObject({
      kind: 'person',
      organisation: 'Ofgem',
      email: 'zoe.lefevre@ofgem.gov.uk',
    });
  });

  it('saving the same people again writes nothing (every ETag unchanged)', async () => {
    const { people, table } = await directory();
    await people.savePeople('CCAG', [ZOE, ANDREW]);
    const before = await rows(table);

    expect(await people.savePeople('CCAG', [ANDREW, ZOE])).toEqual({ added: 0, changed: 0 });
    expect(await rows(table)).toEqual(before);
  });

  it('changes a person saved with new details, and adds a Teams id without a second entry', async () => {
    const { people } = await directory();
    await people.savePeople('CCAG', [ZOE]);
    const linked = { ...ZOE, aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' };
    expect(await people.savePeople('CCAG', [linked])).toEqual({ added: 0, changed: 1 });
    expect(await people.listPeople('CCAG')).toEqual([linked]);
  });

  it('a person known by name who gains an e-mail replaces their entry', async () => {
    const { people } = await directory();
    await people.savePeople('CCAG', [ANDREW]);
    const withMail = { ...ANDREW, email: 'andrew.margan@mhhsprogramme.co.uk' };
    expect(await people.savePeople('CCAG', [withMail])).toEqual({ added: 0, changed: 1 });
    expect(await people.listPeople('CCAG')).toEqual([withMail]);
  });

  it('keeps a person whose key is too long for a RowKey, under its hash', async () => {
    const { people } = await directory();
    const long: DirectoryEntry = { name: 'Ł'.repeat(150), organisation: 'Ø'.repeat(150) };
    await people.savePeople('CCAG', [long]);
    expect(await people.listPeople('CCAG')).toEqual([long]);
    expect(await people.removePerson('CCAG', long)).toBe(true);
    expect(await people.listPeople('CCAG')).toEqual([]);
  });

  it('saves more people than one transaction holds', async () => {
    const { people } = await directory();
    const many = Array.from({ length: 230 }, (_, index) => ({
      name: `Person ${index}`,
      email: `person${index}@example.org`,
    }));
    expect(await people.savePeople('CCAG', many)).toEqual({ added: 230, changed: 0 });
    expect(await people.listPeople('CCAG')).toHaveLength(230);
  });

  it('two chairs saving at once both keep their person', async () => {
    const { people } = await directory();
    await people.savePeople('CCAG', [ANDREW]);
    const results = await Promise.all([
      people.savePeople('CCAG', [ZOE]),
      people.savePeople('CCAG', [ANN]),
      people.savePeople('CCAG', [{ ...ANDREW, guest: true }]),
    ]);
    expect(results).toEqual([
      { added: 1, changed: 0 },
      { added: 1, changed: 0 },
      { added: 0, changed: 1 },
    ]);
    expect(await people.listPeople('CCAG')).toEqual([{ ...ANDREW, guest: true }, ANN, ZOE]);
  });

  it('removes one person, and says when there was nobody to remove', async () => {
    const { people } = await directory();
    await people.savePeople('CCAG', [ZOE, ANN]);
    expect(await people.removePerson('CCAG', { name: 'whoever', email: 'ANN@rec.co.uk' })).toBe(
      true,
    );
    expect(await people.removePerson('CCAG', ANN)).toBe(false);
    expect(await people.listPeople('CCAG')).toEqual([ZOE]);
  });
});

describe('a chair editing one person', () => {
  it('a new e-mail moves the person to it and keeps the Teams id the bot learnt', async () => {
    const { people } = await directory();
    await people.savePeople('CCAG', [{ ...ZOE, teamsUserId: '29:zoe' }]);
    const moved = { ...ZOE, email: 'zoe@ofgem.example' };

    expect(await savePerson(people, 'CCAG', moved, personKey(ZOE))).toBe('changed');
    expect(await people.listPeople('CCAG')).toEqual([{ ...moved, teamsUserId: '29:zoe' }]);
    expect(await savePerson(people, 'CCAG', moved, personKey(moved))).toBe('unchanged');
  });

  it('refuses to add someone who is there already, or to take another person’s e-mail', async () => {
    const { people } = await directory();
    await people.savePeople('CCAG', [ZOE, ANN]);
    await expect(savePerson(people, 'CCAG', { ...ZOE, name: 'Z. Lefèvre' })).rejects.toThrow(
      ConflictError,
    );
    await expect(
      savePerson(people, 'CCAG', { ...ANN, email: ZOE.email }, personKey(ANN)),
    ).rejects.toThrow(/Another person of the directory, Zoë Lefèvre, has the e-mail/);
    expect(await savePerson(people, 'CCAG', ANDREW)).toBe('added');
  });
});
