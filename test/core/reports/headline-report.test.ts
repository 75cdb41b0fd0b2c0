import { addUpdate, cancel, createAction, markDone, type Action } from '../../../core/action';
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

  it('groups consecutive actions of one area in ref order, whatever order they arrive in', () => {
    const built = report([
      action(3, 10, 'Other'),
      action(3, 2, 'Smart Meters Act Powers'),
      action(3, 1, 'Minutes and actions review'),
      action(3, 3, 'Smart Meters Act Powers'),
      action(3, 4, 'Minutes and actions review'),
    ]);
    expect(
      built.actionGroups.map((group) => [group.area, group.rows.map((row) => row.ref)]),
    ).toEqual([
      ['Minutes and actions review', ['CCAG03-01']],
      ['Smart Meters Act Powers', ['CCAG03-02', 'CCAG03-03']],
      ['Minutes and actions review', ['CCAG03-04']],
      ['Other', ['CCAG03-10']],
    ]);
  });

  it('leaves cancelled actions out and keeps done ones with their latest update', () => {
    const done = markDone(addUpdate(action(3, 1, 'Other'), 'Shared alongside', by, now), by, now);
    const cancelled = cancel(action(3, 2, 'Other'), by, now, 'Duplicate');
    const built = report([done, cancelled, addUpdate(action(3, 3, 'Other'), 'First', by, now)]);
    expect(reportRows(built)).toEqual([
      {
        ref: 'CCAG03-01',
        action: 'Action 1',
        owner: 'Programme (PMO)',
        due: '',
        update: 'Update: Shared alongside',
      },
      {
        ref: 'CCAG03-03',
        action: 'Action 3',
        owner: 'Programme (PMO)',
        due: '',
        update: 'Update: First',
      },
    ]);
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
