import {
  addUpdate,
  cancel,
  changeDueDate,
  createAction,
  markDone,
  reopen,
  type Action,
} from '../../../core/action';
import { createDiscussionItem } from '../../../core/discussion-item';
import { createGroup } from '../../../core/group';
import {
  actionSections,
  buildHeadlineReport,
  reportRows,
} from '../../../core/reports/headline-report';
import { createMeeting } from '../../../core/meeting';
import { parseOwners } from '../../../core/owner';

const by = { id: '29:sec', name: 'Secretariat' };
const now = new Date('2022-02-23T11:00:00Z');
const later = new Date('2022-03-01T11:00:00Z');
const group = createGroup({ code: 'CCAG', name: 'MHHS Cross Code Advisory Group' });
const meeting = createMeeting({
  groupCode: 'CCAG',
  number: 3,
  start: '2022-02-23T10:00:00Z',
  end: '2022-02-23T12:00:00Z',
});

function action(meetingNumber: number, sequence: number, area: string): Action {
  return createAction(
    { area, text: `Action ${sequence}`, owners: parseOwners('Programme (PMO)') },
    { groupCode: 'CCAG', meetingNumber, sequence },
    by,
    now,
  );
}

function report(actions: Action[], carriedForward?: Action[]) {
  return buildHeadlineReport({
    group,
    meeting,
    actions,
    discussionItems: [],
    issueDate: '2022-02-24',
    ...(carriedForward ? { carriedForward } : {}),
  });
}

describe('the headline report model', () => {
  it("prints the header as the seed does, the meeting time in the group's zone", () => {
    const built = report([]);
    expect(built).toMatchObject({
      title: 'MHHS Cross Code Advisory Group Headline Report',
      issueDate: '24/02/22',
      meetingCode: 'CCAG003',
      venue: 'Virtual – MS Teams',
      meetingDateTime: '23 February 2022 1000-1200',
      classification: 'Public',
      carriedForward: [],
      version: 1,
    });
  });

  it('groups each area once, in the order areas first appear, refs ascending within an area', () => {
    const built = report([
      action(3, 10, 'Other'),
      action(3, 2, 'Smart Meters Act Powers'),
      action(3, 1, 'Minutes and actions review'),
      action(3, 3, 'Smart Meters Act Powers'),
      action(3, 4, 'Minutes and actions review'),
      action(3, 5, 'smart meters  act powers'),
    ]);
    expect(
      built.actionGroups.map((group) => [group.area, group.rows.map((row) => row.ref)]),
    ).toEqual([
      ['Minutes and actions review', ['CCAG03-01', 'CCAG03-04']],
      ['Smart Meters Act Powers', ['CCAG03-02', 'CCAG03-03', 'CCAG03-05']],
      ['Other', ['CCAG03-10']],
    ]);
  });

  it('keeps every action, cancelled ones too, and marks done and cancelled in the Update cell', () => {
    const done = markDone(
      addUpdate(action(3, 1, 'Other'), 'Shared alongside', by, now),
      by,
      new Date('2022-03-05T00:30:00Z'),
    );
    const cancelled = cancel(action(3, 2, 'Other'), by, now, 'duplicate of CCAG03-04');
    const cancelledWithoutReason = cancel(action(3, 4, 'Other'), by, now);
    const built = report([
      done,
      cancelled,
      addUpdate(action(3, 3, 'Other'), 'First', by, now),
      cancelledWithoutReason,
    ]);
    expect(reportRows(built)).toEqual([
      {
        ref: 'CCAG03-01',
        action: 'Action 1',
        owner: 'Programme (PMO)',
        due: '',
        // 00:30 UTC on 5 March is 5 March in London.
        update: 'Done 05/03/22\nUpdate: Shared alongside',
        state: 'done',
      },
      {
        ref: 'CCAG03-02',
        action: 'Action 2',
        owner: 'Programme (PMO)',
        due: '',
        update: 'Cancelled: duplicate of CCAG03-04',
        state: 'cancelled',
      },
      {
        ref: 'CCAG03-03',
        action: 'Action 3',
        owner: 'Programme (PMO)',
        due: '',
        update: 'Update: First',
        state: 'open',
      },
      {
        ref: 'CCAG03-04',
        action: 'Action 4',
        owner: 'Programme (PMO)',
        due: '',
        update: 'Cancelled 23/02/22',
        state: 'cancelled',
      },
    ]);
  });

  it("shows why the due date moved while that is the action's latest change", () => {
    const due = { date: '2022-03-23' };
    const base = createAction(
      { area: 'Other', text: 'Action 1', owners: parseOwners('Programme (PMO)'), due },
      { groupCode: 'CCAG', meetingNumber: 3, sequence: 1 },
      by,
      now,
    );
    const moved = changeDueDate(base, { date: '2022-03-30' }, by, now, 'papers are late');
    expect(reportRows(report([moved]))[0]).toMatchObject({
      due: '30/03/22',
      update: 'Due date moved from 23/03/22: papers are late',
    });
    const movedWithoutReason = changeDueDate(base, { date: '2022-03-30' }, by, now);
    expect(reportRows(report([movedWithoutReason]))[0]?.update).toBe('');
    const updatedSince = addUpdate(moved, 'Papers circulated', by, later);
    expect(reportRows(report([updatedSince]))[0]?.update).toBe('Update: Papers circulated');
    const reopened = reopen(markDone(moved, by, later), by, later, 'not finished after all');
    expect(reportRows(report([reopened]))[0]).toMatchObject({
      state: 'open',
      update: 'Reopened: not finished after all',
    });
  });

  it('carries forward only open actions from earlier meetings of the group', () => {
    const earlierOpen = action(2, 5, 'Horizon Scanning');
    const earlierDone = markDone(action(2, 6, 'Horizon Scanning'), by, now);
    const thisMeeting = action(3, 1, 'Other');
    const built = report([thisMeeting], [thisMeeting, earlierDone, earlierOpen]);
    expect(built.carriedForward).toEqual([
      { area: 'Horizon Scanning', rows: [expect.objectContaining({ ref: 'CCAG02-05' })] },
    ]);
    expect(actionSections(built).map((section) => section.title)).toEqual([
      'Actions',
      'Actions Carried Forward',
    ]);
    expect(actionSections(report([thisMeeting])).map((section) => section.title)).toEqual([
      'Actions',
    ]);
  });

  it('lays out discussion items in their order as paragraphs and bullets', () => {
    const item = (order: number, text: string) =>
      createDiscussionItem(
        { area: `Area ${order}`, text },
        { meetingCode: 'CCAG003', order },
        by,
        now,
      );
    const built = buildHeadlineReport({
      group,
      meeting,
      actions: [],
      discussionItems: [item(2, 'Comments:\n- one\n- two'), item(1, 'Plain')],
      issueDate: '2022-02-24',
    });
    expect(built.discussion).toEqual([
      { area: 'Area 1', blocks: [{ kind: 'paragraph', text: 'Plain' }] },
      {
        area: 'Area 2',
        blocks: [
          { kind: 'paragraph', text: 'Comments:' },
          { kind: 'bulletList', items: ['one', 'two'] },
        ],
      },
    ]);
  });

  it('refuses an issue date that is not yyyy-mm-dd and a version below 1', () => {
    expect(() =>
      buildHeadlineReport({
        group,
        meeting,
        actions: [],
        discussionItems: [],
        issueDate: '24/02/22',
      }),
    ).toThrow(expect.objectContaining({ code: 'ValidationFailed' }));
    expect(() =>
      buildHeadlineReport({
        group,
        meeting,
        actions: [],
        discussionItems: [],
        issueDate: '2022-02-24',
        version: 0,
      }),
    ).toThrow(expect.objectContaining({ field: 'version' }));
  });
});
