import {
  addUpdate,
  cancel,
  changeDueDate,
  createAction,
  markDone,
  type Action,
} from '../../core/action';
import { createDiscussionItem, type DiscussionItem } from '../../core/discussion-item';
import { createGroup } from '../../core/group';
import { createMeeting } from '../../core/meeting';
import { parseOwners } from '../../core/owner';
import { buildHeadlineReport, type HeadlineReport } from '../../core/reports/headline-report';

/**
 * CCAG004 as members really capture it live: areas in any order (`Design baseline > Smart data >
 * Design baseline > Other > Smart data > Other > design baseline`, the last typed in lower case),
 * actions with no update or no due date, then between the first issue and the re-issue one done,
 * one cancelled as a duplicate, one due date moved with a reason, an update added, an action
 * added, and an action carried forward from CCAG003 closed.
 */
export const SECRETARY = { id: '29:secretary', name: 'Grace Hopper' };
export const GROUP = createGroup({ code: 'CCAG', name: 'MHHS Cross Code Advisory Group' });
export const MEETING = createMeeting({
  groupCode: 'CCAG',
  number: 4,
  start: '2022-03-23T10:00:00Z',
  end: '2022-03-23T12:00:00Z',
});
const DURING = new Date('2022-03-23T10:30:00Z');

/** The areas in the order the report must print them. */
export const AREAS_IN_ORDER = ['Design baseline', 'Smart data', 'Other'];

interface Capture {
  readonly area: string;
  readonly text: string;
  readonly owner: string;
  readonly due?: string;
  readonly update?: string;
}

const CAPTURED: readonly Capture[] = [
  {
    area: 'Design baseline',
    text: 'Circulate the design baseline change log',
    owner: 'Programme (PMO)',
    due: '2022-03-30',
  },
  {
    area: 'Smart data',
    text: 'Confirm who owns each smart data interface',
    owner: 'Ofgem (Andy MacFaul)',
    due: '2022-04-06',
    update: 'Owners confirmed for two of three interfaces',
  },
  {
    area: 'Design baseline',
    text: 'Review the baseline against the M6 change request',
    owner: 'Code bodies',
    due: '2022-03-30',
  },
  { area: 'Other', text: 'Book a room for the April meeting', owner: 'Programme (PMO)' },
  {
    area: 'Smart data',
    text: 'Share the draft data catalogue with members',
    owner: 'BSC (Elliot Harper)',
    due: '2022-04-06',
  },
  {
    area: 'Other',
    text: 'Arrange the April meeting and its room',
    owner: 'Programme (PMO)',
    due: '2022-04-13',
  },
];

function captured(sequence: number, capture: Capture, meetingNumber = 4): Action {
  return createAction(
    {
      area: capture.area,
      text: capture.text,
      owners: parseOwners(capture.owner),
      ...(capture.due ? { due: { date: capture.due } } : {}),
      ...(capture.update ? { update: capture.update } : {}),
    },
    { groupCode: 'CCAG', meetingNumber, sequence },
    SECRETARY,
    DURING,
  );
}

/** CCAG003's actions still open when CCAG004 met. */
function carriedFromCcag003(): Action[] {
  return [
    captured(
      2,
      {
        area: 'Smart Meters Act Powers',
        text: 'Present the seven steps for code drafting and code approval',
        owner: 'Ofgem (Andy MacFaul)',
        due: '2022-03-23',
      },
      3,
    ),
    captured(
      5,
      {
        area: 'Smart Meters Act Powers',
        text: 'Update on how consequential changes are captured in SMAP',
        owner: 'Ofgem (Andy MacFaul)',
        due: '2022-03-23',
      },
      3,
    ),
  ];
}

function discussion(): DiscussionItem[] {
  const item = (order: number, area: string, text: string) =>
    createDiscussionItem({ area, text }, { meetingCode: 'CCAG004', order }, SECRETARY, DURING);
  return [
    item(1, 'Design baseline', 'The group reviewed the change log (action CCAG04-01).'),
    item(2, 'Smart data', 'Interfaces were discussed:\n- ownership\n- data catalogue'),
    item(3, 'design baseline', 'The M6 change request affects the baseline (action CCAG04-03).'),
    item(4, 'Other', 'The April meeting needs a room.'),
  ];
}

/** What the first issue (v1, 24 March) was built from. */
export function firstIssueInput() {
  return {
    group: GROUP,
    meeting: MEETING,
    actions: CAPTURED.map((capture, index) => captured(index + 1, capture)),
    discussionItems: discussion(),
    carriedForward: carriedFromCcag003(),
    issueDate: '2022-03-24',
  };
}

/** When each change between the issues was made (Europe/London dates in the report). */
export const CHANGED_AT = {
  done: new Date('2022-03-28T09:00:00Z'),
  cancelled: new Date('2022-03-28T09:05:00Z'),
  moved: new Date('2022-03-29T16:00:00Z'),
  updated: new Date('2022-03-29T16:30:00Z'),
};

/** What the re-issue (v2, 30 March) is built from: the same meeting after a week of changes. */
export function reissueInput() {
  const first = firstIssueInput();
  const [a1, a2, a3, a4, a5, a6] = first.actions as [
    Action,
    Action,
    Action,
    Action,
    Action,
    Action,
  ];
  const actions = [
    markDone(a1, SECRETARY, CHANGED_AT.done),
    addUpdate(a2, 'All three owners confirmed', SECRETARY, CHANGED_AT.updated),
    changeDueDate(
      a3,
      { date: '2022-04-13' },
      SECRETARY,
      CHANGED_AT.moved,
      'waiting for the M6 change request decision',
    ),
    cancel(a4, SECRETARY, CHANGED_AT.cancelled, 'duplicate of CCAG04-06'),
    a5,
    a6,
    captured(7, {
      area: 'design baseline',
      text: 'Publish a one-page summary of the baseline',
      owner: 'REC (Ann Perry)',
      due: '2022-04-13',
    }),
  ];
  const [carried2, carried5] = first.carriedForward as [Action, Action];
  return {
    ...first,
    actions,
    // CCAG03-05 was closed meanwhile, so it is no longer among the open actions.
    carriedForward: [carried2, markDone(carried5, SECRETARY, CHANGED_AT.done)],
    issueDate: '2022-03-30',
  };
}

export function firstIssue(): HeadlineReport {
  return buildHeadlineReport(firstIssueInput());
}

/** v2, compared with v1. */
export function reissue(): HeadlineReport {
  return buildHeadlineReport({ ...reissueInput(), version: 2, previous: firstIssue() });
}
