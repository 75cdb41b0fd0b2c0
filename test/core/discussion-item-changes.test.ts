import {
  createDiscussionItem,
  deleteDiscussionItem,
  discussionItemKey,
  editDiscussionItem,
  mayChangeDiscussionItem,
  readDiscussionItemKey,
  type DiscussionItem,
} from '../../core/discussion-item';
import { NotFoundError, PermissionDeniedError, ValidationError } from '../../core/errors';
import { createGroup } from '../../core/group';
import { createMeeting } from '../../core/meeting';
import type { Actor } from '../../core/permissions';
import { ReportService } from '../../core/reports/report-service';
import { discussionRow } from '../../storage/group-partition';
import { TableActionStore } from '../../storage/table-action-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableGroupStore } from '../../storage/table-group-store';
import { encodeKey } from '../../storage/table-keys';
import { TableReportStore } from '../../storage/table-report-store';
import { freshTableStorage } from '../support/test-storage';

const SECRETARY = { id: '29:sec', name: 'Secretariat', aadObjectId: 'aad-sec' };
const ADA = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
const author: Actor = { person: SECRETARY, isChair: false };
const chair: Actor = { person: ADA, isChair: true };
const member: Actor = { person: { id: '29:bob', name: 'Bob' }, isChair: false };
const t0 = new Date('2022-02-23T11:00:00Z');
const t1 = new Date('2022-02-24T09:00:00Z');

function item(order = 1): DiscussionItem {
  return createDiscussionItem(
    { area: 'Smart Meter Act Powers', text: 'Andy MacFaul presented an update.' },
    { meetingCode: 'CCAG003', order },
    SECRETARY,
    t0,
  );
}

describe('editing and deleting a key discussion item', () => {
  it('its author and the chairs may change it; other members may not, and are told who may', () => {
    expect(mayChangeDiscussionItem(author, item())).toBe(true);
    expect(mayChangeDiscussionItem(chair, item())).toBe(true);
    expect(mayChangeDiscussionItem(member, item())).toBe(false);
    const draft = { area: 'Smart Meter Act Powers', text: 'Changed' };
    expect(() => editDiscussionItem(item(), draft, member, t1)).toThrow(
      new PermissionDeniedError(
        "Only its author (Secretariat) and the group's chairs may edit this discussion item.",
      ),
    );
    expect(() => deleteDiscussionItem(item(), member, t1)).toThrow(PermissionDeniedError);
  });

  it('an edit keeps both versions in the history', () => {
    const edited = editDiscussionItem(
      item(),
      { area: ' Smart Meters Act Powers ', text: 'Andy MacFaul (Ofgem) presented SMAP.' },
      chair,
      t1,
    );
    expect(edited).toMatchObject({
      area: 'Smart Meters Act Powers',
      text: 'Andy MacFaul (Ofgem) presented SMAP.',
      createdBy: SECRETARY,
      history: [
        {
          at: '2022-02-24T09:00:00.000Z',
          by: ADA,
          change: {
            kind: 'edited',
            from: { area: 'Smart Meter Act Powers', text: 'Andy MacFaul presented an update.' },
            to: { area: 'Smart Meters Act Powers', text: 'Andy MacFaul (Ofgem) presented SMAP.' },
          },
        },
      ],
    });
    expect(() =>
      editDiscussionItem(edited, { area: edited.area, text: edited.text }, chair, t1),
    ).toThrow(new ValidationError('Nothing was changed.', 'text'));
  });

  it('a deleted item is kept, marked deleted, with who, when and why; it cannot change again', () => {
    const deleted = deleteDiscussionItem(item(), author, t1, 'Duplicate of item 2');
    expect(deleted.state).toBe('deleted');
    expect(deleted.text).toBe('Andy MacFaul presented an update.');
    expect(deleted.history).toEqual([
      {
        at: '2022-02-24T09:00:00.000Z',
        by: SECRETARY,
        change: { kind: 'deleted', reason: 'Duplicate of item 2' },
      },
    ]);
    expect(() => deleteDiscussionItem(deleted, chair, t1)).toThrow(/was deleted/);
    expect(() => editDiscussionItem(deleted, { area: 'x', text: 'y' }, chair, t1)).toThrow(
      /was deleted/,
    );
  });

  it('a card button names the item by meeting and order; anything else is refused', () => {
    expect(discussionItemKey(item(4))).toEqual({
      groupCode: 'CCAG',
      meetingNumber: 3,
      meetingCode: 'CCAG003',
      order: 4,
    });
    expect(readDiscussionItemKey({ meetingCode: 'ccag003', order: '4' }).order).toBe(4);
    for (const forged of [
      {},
      { meetingCode: 'CCAG003', order: 0 },
      { meetingCode: 'x', order: 1 },
    ]) {
      expect(() => readDiscussionItemKey(forged)).toThrow(ValidationError);
    }
  });
});

describe('discussion items changed in Table Storage (Azurite)', () => {
  async function stores() {
    const table = (await freshTableStorage()).table('groups');
    return {
      table,
      discussion: new TableDiscussionStore(table),
      groups: new TableGroupStore(table),
      actions: new TableActionStore(table),
      reports: new TableReportStore(table),
    };
  }

  it('an edit and a deletion are stored with their history; lists and the report omit it', async () => {
    const { discussion, groups, actions, reports } = await stores();
    const group = createGroup({ code: 'CCAG', name: 'Cross Code Advisory Group', chairs: [ADA] });
    const meeting = createMeeting({ groupCode: 'CCAG', number: 3 });
    await groups.createGroupIfMissing(group);
    await groups.createMeetingIfMissing(meeting);
    for (const area of ['Minutes', 'Smart Meter Act Powers']) {
      await discussion.addDiscussionItem('CCAG', 3, (order) =>
        createDiscussionItem(
          { area, text: `About ${area}` },
          { meetingCode: 'CCAG003', order },
          SECRETARY,
          t0,
        ),
      );
    }
    const edited = await discussion.updateDiscussionItem('CCAG', 3, 2, (current) =>
      editDiscussionItem(current, { area: 'Smart Meters Act Powers', text: 'SMAP' }, chair, t1),
    );
    expect(edited.area).toBe('Smart Meters Act Powers');
    await discussion.updateDiscussionItem('CCAG', 3, 1, (current) =>
      deleteDiscussionItem(current, author, t1, 'Said twice'),
    );

    const standing = await discussion.listDiscussionItems('CCAG', 3);
    expect(standing.map((entry) => [entry.order, entry.area])).toEqual([
      [2, 'Smart Meters Act Powers'],
    ]);
    const all = await discussion.listDiscussionItems('CCAG', 3, { includeDeleted: true });
    expect(
      all.map((entry) => [entry.order, entry.state ?? 'standing', entry.history?.length]),
    ).toEqual([
      [1, 'deleted', 1],
      [2, 'standing', 1],
    ]);

    const report = await new ReportService({ groups, actions, discussion, reports }).preview(
      { group, meeting },
      t1,
    );
    expect(report.discussion.map((entry) => entry.area)).toEqual(['Smart Meters Act Powers']);

    // The next item still takes the next position: a deleted item keeps its place.
    const third = await discussion.addDiscussionItem('CCAG', 3, (order) =>
      createDiscussionItem(
        { area: 'Other', text: 'AOB' },
        { meetingCode: 'CCAG003', order },
        ADA,
        t1,
      ),
    );
    expect(third.order).toBe(3);
  });

  it('two chairs editing at once both land, one after the other, in the history', async () => {
    const { discussion } = await stores();
    await discussion.addDiscussionItem('CCAG', 3, (order) =>
      createDiscussionItem(
        { area: 'A', text: 'start' },
        { meetingCode: 'CCAG003', order },
        ADA,
        t0,
      ),
    );
    await Promise.all(
      ['first', 'second'].map((text) =>
        discussion.updateDiscussionItem('CCAG', 3, 1, (current) =>
          editDiscussionItem(
            current,
            { area: current.area, text: `${current.text} ${text}` },
            chair,
            t1,
          ),
        ),
      ),
    );
    const [stored] = await discussion.listDiscussionItems('CCAG', 3);
    expect(stored?.history).toHaveLength(2);
    expect(stored?.text).toMatch(/^start (first second|second first)$/);
  });

  it('an item written by the previous version (one JSON column) is read and rewritten', async () => {
    const { table, discussion } = await stores();
    const old = item(1);
    await table.createEntity({
      partitionKey: encodeKey('CCAG'),
      rowKey: discussionRow(3, 1),
      kind: 'discussion',
      schema: 1,
      json: JSON.stringify(old),
    });
    expect(await discussion.listDiscussionItems('CCAG', 3)).toEqual([old]);
    const deleted = await discussion.updateDiscussionItem('CCAG', 3, 1, (current) =>
      deleteDiscussionItem(current, chair, t1),
    );
    expect(await discussion.listDiscussionItems('CCAG', 3, { includeDeleted: true })).toEqual([
      deleted,
    ]);
  });

  it('an item the meeting does not have is not found', async () => {
    const { discussion } = await stores();
    await expect(
      discussion.updateDiscussionItem('CCAG', 3, 9, (current) => current),
    ).rejects.toThrow(NotFoundError);
  });
});
