import {
  ACTION_CARD_INPUTS,
  MAX_REFRESH_USER_IDS,
  buildActionCard,
  type ActionCardViewer,
} from '../../cards/action-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildDiscussionItemCard } from '../../cards/discussion-item-card';
import { buildErrorCard } from '../../cards/error-card';
import { buildMeetingCard } from '../../cards/meeting-card';
import { addUpdate, cancel, createAction, markDone, type Action } from '../../core/action';
import { createDiscussionItem } from '../../core/discussion-item';
import { parseDueDate } from '../../core/due-date';
import { createMeeting } from '../../core/meeting';
import { parseOwners } from '../../core/owner';
import { expectValidCard } from '../support/card-validator';

type Node = Record<string, unknown>;

const ada = { id: '29:ada', name: 'Ada Lovelace' };
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
    // Only our own words are TextBlocks: the ref, the state and the date format hint.
    expect(textBlocks(card)).toEqual(['CCAG03-02', 'Open', 'DD/MM/YY']);
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
    expect(buttonTitles(card)).toEqual(['Add update', 'Change due date', 'Mark done', 'Cancel']);
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
    expect(inputs('Cancel')).toEqual([[ACTION_CARD_INPUTS.cancelReason, 'Reason']]);
    expect(
      executeActionsOf(card).map((action) => [action.title, action.verb, action.data]),
    ).toEqual([
      ['Refresh', CARD_VERBS.refreshAction, { ref: 'CCAG03-02' }],
      ['Save update', CARD_VERBS.addUpdate, { ref: 'CCAG03-02' }],
      ['Save due date', CARD_VERBS.changeDueDate, { ref: 'CCAG03-02' }],
      ['Mark done', CARD_VERBS.markDone, { ref: 'CCAG03-02' }],
      ['Cancel action', CARD_VERBS.cancel, { ref: 'CCAG03-02' }],
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
