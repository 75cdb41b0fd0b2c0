import {
  ACTION_CARD_INPUTS,
  MAX_REFRESH_USER_IDS,
  buildActionCard,
  type ActionCardViewer,
} from '../../cards/action-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { DISCUSSION_CARD_VERBS, CARD_VERBS } from '../../cards/card-verbs';
import { DISCUSSION_CARD_INPUTS, buildDiscussionItemCard } from '../../cards/discussion-item-card';
import { buildErrorCard } from '../../cards/error-card';
import { buildMeetingCard } from '../../cards/meeting-card';
import {
  addUpdate,
  cancel,
  changeDueDate,
  createAction,
  markDone,
  reopen,
  type Action,
} from '../../core/action';
import { readNextActionPrefill } from '../../core/action-form';
import { ValidationError } from '../../core/errors';
import {
  createDiscussionItem,
  deleteDiscussionItem,
  editDiscussionItem,
} from '../../core/discussion-item';
import { parseDueDate } from '../../core/due-date';
import { createMeeting } from '../../core/meeting';
import { parseOwners } from '../../core/owner';
import { expectValidCard } from '../support/card-validator';

type Node = Record<string, unknown>;

const ada = { id: '29:ada', name: 'Ada Lovelace' };
const grace = { id: '29:grace', name: 'Grace Hopper' };
const t0 = new Date('2022-02-23T10:15:00Z');
const beforeDue = new Date('2022-03-01T09:00:00Z');
const afterDue = new Date('2022-03-24T09:00:00Z');
const everything: ActionCardViewer = { canUpdate: true, canCancel: true, canReopen: true };
const memberOnly: ActionCardViewer = { canUpdate: false, canCancel: false, canReopen: false };

function openAction(): Action {
  return createAction(
    {
      area: 'Smart Meters Act Powers',
      text: 'Present the seven steps for code drafting',
      owners: parseOwners('Ofgem (Andy MacFaul), Programme (Andrew Margan)'),
      due: parseDueDate('16/03/22 (to include in meeting papers)'),
    },
    { groupCode: 'CCAG', meetingNumber: 3, sequence: 2 },
    ada,
    t0,
  );
}

const buttonTitles = (card: AdaptiveCard): unknown[] =>
  (card.actions as Node[]).map((action) => action.title);
const runTexts = (card: AdaptiveCard): string =>
  cardNodes(card)
    .filter((node) => node.type === 'TextRun')
    .map((node) => String(node.text))
    .join('');
const textBlocks = (card: AdaptiveCard): string[] =>
  cardNodes(card)
    .filter((node) => node.type === 'TextBlock')
    .map((node) => String(node.text));

describe('the action card', () => {
  it('shows ref, state, area, action, owners, due date and the latest update', () => {
    const action = addUpdate(openAction(), 'Draft shared\nwith the PMO', ada, t0);
    const card = buildActionCard(action, {
      viewer: everything,
      now: beforeDue,
      meetingTitle: 'CCAG003',
      notice: 'Added by Ada Lovelace',
    });
    expectValidCard(card);
    // Only our own words are TextBlocks: the ref, the state, the date hint, the cancel warning.
    expect(textBlocks(card)).toEqual([
      'CCAG03-02',
      'Open',
      'DD/MM/YY, or e.g. next Tuesday, 15 Jan 2027, in 2 weeks, end of March',
      expect.stringMatching(/^Cancelling closes the action/),
    ]);
    const text = runTexts(card);
    for (const part of [
      'Area: Smart Meters Act Powers',
      'Action: Present the seven steps for code drafting',
      'Owner: Ofgem (Andy MacFaul), Programme (Andrew Margan)',
      'Due date: 16/03/22 (to include in meeting papers)',
      'Update: Draft shared\nwith the PMO',
      'Added by Ada Lovelace',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('flags an open action whose due date has passed in the group’s zone', () => {
    const card = buildActionCard(openAction(), { viewer: everything, now: afterDue });
    expect(textBlocks(card)).toContain('Open · Overdue');
    const done = buildActionCard(markDone(openAction(), ada, t0), {
      viewer: everything,
      now: afterDue,
    });
    expect(textBlocks(done)).toContain('Done');
  });

  it('an open action offers update, due date, done and, to a chair, cancel', () => {
    const card = buildActionCard(openAction(), { viewer: everything, now: beforeDue });
    expectValidCard(card);
    expect(buttonTitles(card)).toEqual([
      'Add update',
      'Change due date',
      'Mark done',
      'Cancel action…',
    ]);
    const owner = buildActionCard(openAction(), {
      viewer: { ...everything, canCancel: false },
      now: beforeDue,
    });
    expect(buttonTitles(owner)).toEqual(['Add update', 'Change due date', 'Mark done']);
  });

  it('a done action offers an update and Reopen, never Mark done', () => {
    const card = buildActionCard(markDone(openAction(), ada, t0), {
      viewer: everything,
      now: beforeDue,
    });
    expectValidCard(card);
    expect(buttonTitles(card)).toEqual(['Add update', 'Reopen']);
  });

  it('a cancelled action offers only Reopen, and only to whoever may reopen it', () => {
    const cancelled = cancel(openAction(), ada, t0, 'Superseded');
    expect(textBlocks(buildActionCard(cancelled, { viewer: everything, now: t0 }))).toContain(
      'Cancelled',
    );
    expect(buttonTitles(buildActionCard(cancelled, { viewer: everything, now: t0 }))).toEqual([
      'Reopen',
    ]);
    const member = buildActionCard(cancelled, { viewer: memberOnly, now: t0 });
    expectValidCard(member);
    expect(member.actions).toBeUndefined();
  });

  it('the small forms have labelled inputs and save with their own verb and the ref', () => {
    const card = buildActionCard(openAction(), { viewer: everything, now: beforeDue });
    const shown = (title: string): Node =>
      (card.actions as Node[]).find((action) => action.title === title)?.card as Node;
    const inputs = (title: string): unknown[] =>
      cardNodes(shown(title))
        .filter((node) => String(node.type).startsWith('Input.'))
        .map((node) => [node.id, node.label]);
    expect(inputs('Add update')).toEqual([[ACTION_CARD_INPUTS.updateText, 'Update']]);
    expect(inputs('Change due date')).toEqual([
      [ACTION_CARD_INPUTS.due, 'New due date'],
      [ACTION_CARD_INPUTS.dueReason, 'Reason'],
    ]);
    expect(inputs('Cancel action…')).toEqual([[ACTION_CARD_INPUTS.cancelReason, 'Reason']]);
    expect(
      executeActionsOf(card).map((action) => [action.title, action.verb, action.data]),
    ).toEqual([
      ['Refresh', CARD_VERBS.refreshAction, { ref: 'CCAG03-02' }],
      ['Save update', CARD_VERBS.addUpdate, { ref: 'CCAG03-02' }],
      ['Save due date', CARD_VERBS.changeDueDate, { ref: 'CCAG03-02' }],
      ['Mark done', CARD_VERBS.markDone, { ref: 'CCAG03-02' }],
      ['Yes, cancel CCAG03-02', CARD_VERBS.cancel, { ref: 'CCAG03-02' }],
    ]);
    const dueInput = cardNodes(shown('Change due date')).find((node) => node.id === 'due');
    expect(dueInput?.value).toBe('16/03/22 (to include in meeting papers)');
  });

  it('a refused change shows why and keeps the text the user typed', () => {
    const card = buildActionCard(openAction(), {
      viewer: everything,
      now: beforeDue,
      error: 'Update is too long: 4001 characters, at most 4000 allowed.',
      values: { updateText: 'my long update', due: '31/02/22', reason: 'slipped' },
    });
    expectValidCard(card);
    expect(runTexts(card)).toContain('Update is too long');
    const values = Object.fromEntries(
      cardNodes(card)
        .filter((node) => String(node.type).startsWith('Input.'))
        .map((node) => [node.id, node.value]),
    );
    expect(values).toEqual({
      updateText: 'my long update',
      due: '31/02/22',
      reason: 'slipped',
      cancelReason: undefined,
    });
  });

  it('answering Add action, it offers Add another: same meeting, area and due date', () => {
    const card = buildActionCard(openAction(), {
      viewer: everything,
      now: beforeDue,
      addAnother: true,
    });
    expectValidCard(card);
    // At the top, by the notice, where the note-taker looks after adding; the card's own
    // buttons stay as they are (Teams shows at most five).
    expect(buttonTitles(card)).not.toContain('Add another');
    expect((card.body as unknown as Node[])[1]).toMatchObject({ type: 'ActionSet' });
    expect(executeActionsOf(card).find((action) => action.title === 'Add another')).toEqual({
      type: 'Action.Execute',
      title: 'Add another',
      verb: CARD_VERBS.addAnother,
      data: {
        ref: 'CCAG03-02',
        meetingCode: 'CCAG003',
        area: 'Smart Meters Act Powers',
        due: '2022-03-16',
      },
      associatedInputs: 'none',
      style: 'positive',
    });
    const carried = readNextActionPrefill(
      executeActionsOf(card).find((action) => action.title === 'Add another')?.data ?? {},
    );
    expect(carried).toEqual({
      meetingCode: 'CCAG003',
      area: 'Smart Meters Act Powers',
      due: '2022-03-16',
    });
    // Elsewhere (a list, a reminder, the refresh) the card has no Add another.
    expect(
      buttonTitles(buildActionCard(openAction(), { viewer: everything, now: beforeDue })),
    ).not.toContain('Add another');
  });

  it('a forged Add another is refused', () => {
    for (const forged of [{}, { meetingCode: 'nope', area: 'x' }, { meetingCode: 'CCAG003' }]) {
      expect(() => readNextActionPrefill(forged)).toThrow(ValidationError);
    }
  });

  it('shows the history of changes, a due date change with its reason, in the group’s dates', () => {
    let action = changeDueDate(
      openAction(),
      parseDueDate('30/03/22'),
      grace,
      new Date('2022-03-14T23:30:00Z'),
      'Waiting for Ofgem',
    );
    action = markDone(action, grace, new Date('2022-03-20T12:00:00Z'));
    action = reopen(action, ada, new Date('2022-03-21T12:00:00Z'), 'Not finished');
    const card = buildActionCard(action, { viewer: everything, now: beforeDue });
    expectValidCard(card);
    const history = (card.body as unknown as Node[])
      .filter((node) => node.type === 'RichTextBlock')
      .map((node) => (node.inlines as Node[]).map((run) => run.text).join(''))
      .filter((line) => /^\d\d\/\d\d\/\d\d · /.test(line));
    expect(history).toEqual([
      // 23:30 UTC on 14 March is already the 14th in London (GMT): dates are the group's.
      '14/03/22 · Grace Hopper: due date 16/03/22 (to include in meeting papers) → 30/03/22 · reason: Waiting for Ofgem',
      '20/03/22 · Grace Hopper: marked done',
      '21/03/22 · Ada Lovelace: reopened · reason: Not finished',
    ]);
    expect(textBlocks(card)).toContain('History');
  });

  it('lists the five latest changes and says how many came before', () => {
    let action = openAction();
    for (let day = 1; day <= 7; day++) {
      action = changeDueDate(
        action,
        parseDueDate(`${String(day).padStart(2, '0')}/04/22`),
        ada,
        new Date(`2022-03-0${day}T12:00:00Z`),
      );
    }
    const card = buildActionCard(action, { viewer: everything, now: beforeDue });
    expect(textBlocks(card)).toContain('and 2 earlier');
  });

  it('a refused due date in the past brings the switch that keeps it', () => {
    const card = buildActionCard(openAction(), {
      viewer: everything,
      now: beforeDue,
      error: '23/02/22 is in the past (today is 01/03/22).',
      values: { due: '23/02/22', reason: 'typo?' },
    });
    expectValidCard(card);
    const toggle = cardNodes(card).find((node) => node.id === ACTION_CARD_INPUTS.dueConfirmPast);
    expect(toggle).toMatchObject({
      type: 'Input.Toggle',
      title: 'Yes, the date is in the past',
      value: 'false',
    });
    const future = buildActionCard(openAction(), {
      viewer: everything,
      now: beforeDue,
      error: 'Something else',
      values: { due: '23/03/22' },
    });
    expect(cardNodes(future).some((node) => node.id === ACTION_CARD_INPUTS.dueConfirmPast)).toBe(
      false,
    );
    // An overdue action's own date comes back with any refusal (Teams sends every input): no switch.
    const unchanged = buildActionCard(openAction(), {
      viewer: everything,
      now: afterDue,
      error: 'Update is too long.',
      values: { due: '16/03/22 (to include in meeting papers)', updateText: 'long' },
    });
    expect(cardNodes(unchanged).some((node) => node.id === ACTION_CARD_INPUTS.dueConfirmPast)).toBe(
      false,
    );
  });

  it('Edit has the people picker beside Owner, prefilled with the owners’ Teams users', () => {
    const andy = {
      id: '29:andy',
      aadObjectId: '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f',
      name: 'Andy MacFaul',
    };
    const owners = parseOwners('Ofgem (Andy MacFaul), Programme (Andrew Margan)').map(
      (owner, index) => (index === 0 ? { ...owner, teamsUsers: [andy] } : owner),
    );
    const action = createAction(
      { area: 'Smart Meters Act Powers', text: 'Present the seven steps', owners },
      { groupCode: 'CCAG', meetingNumber: 3, sequence: 2 },
      { ...ada, aadObjectId: 'aad-ada' },
      t0,
    );
    const card = buildActionCard(action, {
      viewer: { ...everything, canEdit: true },
      now: beforeDue,
    });
    expectValidCard(card);
    const edit = (card.actions as Node[]).find((node) => node.title === 'Edit')?.card;
    const fields = cardNodes(edit).filter((node) => String(node.type).startsWith('Input.'));
    expect(fields.map((node) => [node.id, node.label])).toEqual([
      [ACTION_CARD_INPUTS.editArea, 'Area'],
      [ACTION_CARD_INPUTS.editText, 'Action'],
      [ACTION_CARD_INPUTS.editOwner, 'Owner'],
      [ACTION_CARD_INPUTS.editPeople, 'People in this chat'],
    ]);
    const picker = fields.find((node) => node.id === ACTION_CARD_INPUTS.editPeople);
    expect(picker).toMatchObject({
      isMultiSelect: true,
      value: andy.aadObjectId,
      choices: [
        { title: 'Andy MacFaul', value: andy.aadObjectId },
        { title: 'Ada Lovelace', value: 'aad-ada' },
      ],
    });
  });

  it('refreshes for at most 60 users, with the refreshAction verb and the ref', () => {
    const ids = Array.from({ length: 75 }, (_, index) => `29:user-${index}`);
    const card = buildActionCard(openAction(), {
      viewer: everything,
      now: beforeDue,
      refreshUserIds: ids,
    });
    expectValidCard(card);
    expect(card.refresh?.action).toMatchObject({
      type: 'Action.Execute',
      verb: CARD_VERBS.refreshAction,
      data: { ref: 'CCAG03-02' },
    });
    expect(card.refresh?.userIds).toEqual(ids.slice(0, MAX_REFRESH_USER_IDS));
    expect(buildActionCard(openAction(), { viewer: memberOnly, now: t0 }).refresh?.userIds).toEqual(
      [],
    );
  });
});

describe('the discussion item card', () => {
  it('shows the area, paragraphs and bullets as typed', () => {
    const item = createDiscussionItem(
      {
        area: 'CCAG Feedback on M6 and M8',
        text: 'The CCAG raised comments including:\n- General support\n- Resourcing challenges\n\nClosing paragraph (action CCAG03-12-15)',
      },
      { meetingCode: 'CCAG003', order: 1 },
      ada,
      t0,
    );
    const card = buildDiscussionItemCard(item, { notice: 'Added by Ada Lovelace' });
    expectValidCard(card);
    const blocks = (card.body as unknown as Node[])
      .filter((node) => node.type === 'RichTextBlock')
      .map((node) => (node.inlines as Node[]).map((run) => run.text).join(''));
    expect(blocks).toEqual([
      'CCAG Feedback on M6 and M8',
      'Added by Ada Lovelace',
      'The CCAG raised comments including:',
      '•\u00A0General support',
      '•\u00A0Resourcing challenges',
      'Closing paragraph (action CCAG03-12-15)',
    ]);
  });
});

describe('the discussion item card’s Edit and Delete', () => {
  const item = () =>
    createDiscussionItem(
      { area: 'Horizon Scanning', text: 'The Programme updated on the process.' },
      { meetingCode: 'CCAG003', order: 5 },
      ada,
      t0,
    );

  it('shows Edit and Delete… to its author and the chairs, each naming the item', () => {
    const card = buildDiscussionItemCard(item(), { viewer: { canChange: true } });
    expectValidCard(card);
    expect(buttonTitles(card)).toEqual(['Edit', 'Delete…']);
    expect(
      executeActionsOf(card).map((action) => [action.title, action.verb, action.data]),
    ).toEqual([
      ['Save changes', DISCUSSION_CARD_VERBS.editDiscussion, { meetingCode: 'CCAG003', order: 5 }],
      [
        'Yes, delete this item',
        DISCUSSION_CARD_VERBS.deleteDiscussion,
        { meetingCode: 'CCAG003', order: 5 },
      ],
    ]);
    const edit = (card.actions as Node[]).find((node) => node.title === 'Edit')?.card;
    expect(
      cardNodes(edit)
        .filter((node) => String(node.type).startsWith('Input.'))
        .map((node) => [node.id, node.label, node.value]),
    ).toEqual([
      [DISCUSSION_CARD_INPUTS.editArea, 'Area', 'Horizon Scanning'],
      [DISCUSSION_CARD_INPUTS.editText, 'Discussion', 'The Programme updated on the process.'],
    ]);
    expect(buildDiscussionItemCard(item()).actions).toBeUndefined();
    expect(
      buildDiscussionItemCard(item(), { viewer: { canChange: false } }).actions,
    ).toBeUndefined();
  });

  it('a refused change keeps what was typed and says why', () => {
    const card = buildDiscussionItemCard(item(), {
      viewer: { canChange: true },
      error: "Only its author (Ada Lovelace) and the group's chairs may edit this discussion item.",
      values: { [DISCUSSION_CARD_INPUTS.editText]: 'my edit' },
    });
    expectValidCard(card);
    expect(runTexts(card)).toContain('Only its author (Ada Lovelace)');
    expect(cardNodes(card).find((node) => node.id === DISCUSSION_CARD_INPUTS.editText)?.value).toBe(
      'my edit',
    );
  });

  it('an edited item says who edited it; a deleted one says it is off the report, with no buttons', () => {
    const chair = { person: grace, isChair: true };
    const edited = editDiscussionItem(
      item(),
      { area: 'Horizon Scanning Log', text: 'Updated.' },
      chair,
      new Date('2022-02-24T09:00:00Z'),
    );
    expect(runTexts(buildDiscussionItemCard(edited))).toContain(
      'Edited by Grace Hopper on 24/02/22',
    );
    const deleted = deleteDiscussionItem(
      edited,
      chair,
      new Date('2022-02-25T09:00:00Z'),
      'Duplicate',
    );
    const card = buildDiscussionItemCard(deleted, { viewer: { canChange: true } });
    expectValidCard(card);
    expect(textBlocks(card)).toContain('Deleted: not in the headline report.');
    expect(runTexts(card)).toContain('Deleted by Grace Hopper on 25/02/22: Duplicate');
    expect(card.actions).toBeUndefined();
  });
});

describe('the meeting card', () => {
  it('shows the code, group, date and time, venue and classification', () => {
    const meeting = createMeeting({
      groupCode: 'CCAG',
      number: 3,
      start: '2022-02-23T10:00:00.000Z',
      end: '2022-02-23T12:00:00.000Z',
    });
    const card = buildMeetingCard(meeting, { groupName: 'MHHS Cross Code Advisory Group' });
    expectValidCard(card);
    expect(textBlocks(card)).toEqual(['Meeting CCAG003']);
    const text = runTexts(card);
    for (const part of [
      'Group: MHHS Cross Code Advisory Group',
      'Date and time: 23 February 2022 1000-1200',
      'Venue: Virtual – MS Teams',
      'Classification: Public',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('a meeting without a date says so', () => {
    const card = buildMeetingCard(createMeeting({ groupCode: 'CCAG', number: 4 }));
    expectValidCard(card);
    expect(runTexts(card)).toContain('Date and time: not set');
  });
});

describe('the error card', () => {
  it('shows the title and the reason as plain text', () => {
    const card = buildErrorCard({
      title: 'Not done',
      message: 'Only its owners (Grace Hopper) may mark CCAG03-17 done.',
    });
    expectValidCard(card);
    expect(runTexts(card)).toBe('Not doneOnly its owners (Grace Hopper) may mark CCAG03-17 done.');
    expectValidCard(buildErrorCard({ message: 'Unknown card action.' }));
  });
});
