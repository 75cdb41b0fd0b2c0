import type { DirectoryEntry, DirectoryStore } from '../../../core/people/directory';
import { scribbleOn, type OpenStore } from './contract-fixtures';

const ZOE: DirectoryEntry = {
  name: 'Zoë Lefèvre',
  organisation: 'Ofgem',
  email: 'zoe.lefevre@ofgem.example',
};
const ANDY: DirectoryEntry = { name: 'Andy MacFaul', organisation: 'Ofgem' };
const JUSTIN: DirectoryEntry = {
  name: 'Justin Andrews',
  organisation: 'Programme',
  email: 'justin@programme.example',
  aadObjectId: 'aad-justin',
  teamsUserId: '29:justin',
};

/** What every DirectoryStore does (core/people/directory.ts), run against each implementation. */
export function directoryStoreContract(
  implementation: string,
  open: OpenStore<DirectoryStore>,
): void {
  describe(`DirectoryStore contract: ${implementation}`, () => {
    let people: DirectoryStore;
    beforeEach(async () => {
      people = await open();
    });

    it('adds people and lists the group’s directory by name', async () => {
      expect(await people.listPeople('CCAG')).toEqual([]);
      expect(await people.savePeople('CCAG', [ZOE, ANDY, JUSTIN])).toEqual({
        added: 3,
        changed: 0,
      });
      expect(await people.listPeople('CCAG')).toEqual([ANDY, JUSTIN, ZOE]);
      expect(await people.listPeople('TAG')).toEqual([]);
    });

    it('saving the same people again changes nothing', async () => {
      await people.savePeople('CCAG', [ZOE, ANDY, JUSTIN]);
      expect(await people.savePeople('CCAG', [ZOE, ANDY, JUSTIN])).toEqual({
        added: 0,
        changed: 0,
      });
      expect(await people.listPeople('CCAG')).toHaveLength(3);
    });

    it('an entry with the same e-mail address replaces the one there, whatever its case', async () => {
      await people.savePeople('CCAG', [ZOE]);
      const moved = { ...ZOE, organisation: 'DESNZ', email: 'Zoe.Lefevre@Ofgem.example' };
      expect(await people.savePeople('CCAG', [moved])).toEqual({ added: 0, changed: 1 });
      expect(await people.listPeople('CCAG')).toEqual([moved]);
    });

    it('without an e-mail address a person is known by name and organisation', async () => {
      await people.savePeople('CCAG', [ANDY]);
      const elsewhere = { ...ANDY, organisation: 'Elexon' };
      const seen = { ...ANDY, teamsUserId: '29:andy' };
      expect(await people.savePeople('CCAG', [elsewhere, seen])).toEqual({
        added: 1,
        changed: 1,
      });
      expect(await people.listPeople('CCAG')).toEqual(expect.arrayContaining([elsewhere, seen]));
      expect(await people.listPeople('CCAG')).toHaveLength(2);
    });

    it('removes one person by their key, and says when there was nobody to remove', async () => {
      await people.savePeople('CCAG', [ZOE, ANDY]);
      expect(await people.removePerson('CCAG', ZOE)).toBe(true);
      expect(await people.removePerson('CCAG', ZOE)).toBe(false);
      expect(await people.removePerson('TAG', ANDY)).toBe(false);
      expect(await people.listPeople('CCAG')).toEqual([ANDY]);
    });

    it('two chairs saving different people at once keep both', async () => {
      await Promise.all([people.savePeople('CCAG', [ZOE]), people.savePeople('CCAG', [ANDY])]);
      expect(await people.listPeople('CCAG')).toEqual([ANDY, ZOE]);
    });

    it('a caller changing what it saved or got back never changes the directory', async () => {
      const entry = { ...JUSTIN };
      await people.savePeople('CCAG', [entry]);
      scribbleOn(entry);
      scribbleOn((await people.listPeople('CCAG'))[0]);
      expect(await people.listPeople('CCAG')).toEqual([JUSTIN]);
    });
  });
}
