import { NotFoundError, ValidationError } from '../../../core/errors';
import { createGroup, type Group } from '../../../core/group';
import { createMeeting } from '../../../core/meeting';
import type { GroupStore, MeetingStore } from '../../../core/stores';
import { ADA, GRACE, scribbleOn, type OpenStore } from './contract-fixtures';

/** What every GroupStore & MeetingStore does (core/stores.ts), run against each implementation. */
export function groupStoreContract(
  implementation: string,
  open: OpenStore<GroupStore & MeetingStore>,
): void {
  describe(`GroupStore and MeetingStore contract: ${implementation}`, () => {
    let groups: GroupStore & MeetingStore;
    beforeEach(async () => {
      groups = await open();
    });

    it('sets a group up once when two members race to do it', async () => {
      const [a, b] = await Promise.all([
        groups.createGroupIfMissing(
          createGroup({ code: 'CCAG', name: 'First name', chairs: [ADA] }),
        ),
        groups.createGroupIfMissing(
          createGroup({ code: 'CCAG', name: 'Second name', chairs: [GRACE] }),
        ),
      ]);
      expect(a).toEqual(b);
      expect(await groups.getGroup('CCAG')).toEqual(a);
    });

    it('answers an unknown group or meeting with nothing, and refuses to update it', async () => {
      expect(await groups.getGroup('CCAG')).toBeUndefined();
      expect(await groups.getMeeting('CCAG', 3)).toBeUndefined();
      await expect(groups.updateGroup('CCAG', (g) => g)).rejects.toBeInstanceOf(NotFoundError);
      await expect(groups.updateMeeting('CCAG', 3, (m) => m)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps both of two concurrent group edits', async () => {
      await groups.createGroupIfMissing(createGroup({ code: 'CCAG', name: 'CCAG', chairs: [] }));
      await Promise.all([
        groups.updateGroup('CCAG', (g) => ({ ...g, chairs: [...g.chairs, ADA] })),
        groups.updateGroup('CCAG', (g) => ({ ...g, chairs: [...g.chairs, GRACE] })),
      ]);
      const chairs = (await groups.getGroup('CCAG'))?.chairs.map((chair) => chair.name);
      expect(chairs?.sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    });

    it('a change that throws stops the update and leaves the group as it was', async () => {
      const group = await groups.createGroupIfMissing(
        createGroup({ code: 'CCAG', name: 'CCAG', chairs: [ADA] }),
      );
      const refusal = new ValidationError('not allowed');
      await expect(
        groups.updateGroup('CCAG', () => {
          throw refusal;
        }),
      ).rejects.toBe(refusal);
      expect(await groups.getGroup('CCAG')).toEqual(group);
    });

    it('lists every group by code', async () => {
      for (const code of ['TAG', 'CCAG', 'AB']) {
        await groups.createGroupIfMissing(createGroup({ code, name: `${code} group` }));
      }
      await groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 3 }));
      expect((await groups.listGroups()).map((group) => group.code)).toEqual(['AB', 'CCAG', 'TAG']);
    });

    it('keeps both of two concurrent meeting edits, and lists meetings by number', async () => {
      await groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 3 }));
      await Promise.all([
        groups.updateMeeting('CCAG', 3, (m) => ({ ...m, title: 'CCAG003' })),
        groups.updateMeeting('CCAG', 3, (m) => ({ ...m, venue: 'Room 1' })),
      ]);
      expect(await groups.getMeeting('CCAG', 3)).toMatchObject({
        title: 'CCAG003',
        venue: 'Room 1',
      });
      for (const number of [10, 1, 9]) {
        await groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number }));
      }
      await groups.createMeetingIfMissing(createMeeting({ groupCode: 'TAG', number: 2 }));
      expect((await groups.listMeetings('CCAG')).map((m) => m.number)).toEqual([1, 3, 9, 10]);
    });

    it('setting up a meeting that exists returns it unchanged', async () => {
      const first = await groups.createMeetingIfMissing(
        createMeeting({ groupCode: 'CCAG', number: 3, venue: 'Room 1' }),
      );
      const again = await groups.createMeetingIfMissing(
        createMeeting({ groupCode: 'CCAG', number: 3, venue: 'Room 2' }),
      );
      expect(again).toEqual(first);
      expect((await groups.getMeeting('CCAG', 3))?.venue).toBe('Room 1');
    });

    it('records a report issue date once, and an edit of the meeting keeps it', async () => {
      await groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 3 }));
      expect(await groups.getReportIssueDate('CCAG', 3)).toBeUndefined();
      expect(await groups.recordReportIssueDateIfMissing('CCAG', 3, '2022-02-25')).toBe(
        '2022-02-25',
      );
      expect(await groups.recordReportIssueDateIfMissing('CCAG', 3, '2022-03-01')).toBe(
        '2022-02-25',
      );
      await groups.updateMeeting('CCAG', 3, (m) => ({ ...m, venue: 'Room 1' }));
      expect(await groups.getReportIssueDate('CCAG', 3)).toBe('2022-02-25');
      expect(await groups.getReportIssueDate('CCAG', 4)).toBeUndefined();
    });

    it('a caller changing what it passed in or got back never changes the stored group', async () => {
      const input: Group = createGroup({ code: 'CCAG', name: 'CCAG', chairs: [ADA] });
      const created = await groups.createGroupIfMissing(input);
      scribbleOn(input);
      scribbleOn(created);
      scribbleOn(await groups.getGroup('CCAG'));
      scribbleOn((await groups.listGroups())[0]);
      scribbleOn(await groups.updateGroup('CCAG', (g) => ({ ...g, name: 'Renamed' })));
      expect(await groups.getGroup('CCAG')).toEqual({
        ...createGroup({ code: 'CCAG', name: 'CCAG', chairs: [ADA] }),
        name: 'Renamed',
      });
    });
  });
}
