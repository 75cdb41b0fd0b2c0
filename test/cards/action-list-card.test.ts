import {
  MAX_LIST_CARD_BYTES,
  buildActionListCard,
  cardBytes,
  type ActionListCardOptions,
} from '../../cards/action-list-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { CARD_VERBS } from '../../cards/card-verbs';
import { createAction, markDone, type Action } from '../../core/action';
import { parseDueDate } from '../../core/due-date';
import { parseOwners } from '../../core/owner';
import { expectValidCard } from '../support/card-validator';

type Node = Record<string, unknown>;

const by = { id: '29:ada', name: 'Ada Lovelace' };
const t0 = new Date('2022-02-23T10:15:00Z');
const now = new Date('2022-03-20T09:00:00Z');

function action(sequence: number, area: string, text = `Action ${sequence}`, due = ''): Action {
  return createAction(
    { area, text, owners: parseOwners('Programme (Justin Andrews)'), due: parseDueDate(due) },
    { groupCode: 'CCAG', meetingNumber: 3, sequence },
    by,
    t0,
  );
}

const list = (options: Partial<ActionListCardOptions>): AdaptiveCard =>
  buildActionListCard({
    title: 'Open actions of CCAG',
    actions: [],
    now,
    filter: 'open',
    emptyText: 'No open actions.',
    ...options,
  });

/** Each body block's text runs joined, e.g. "CCAG03-01  Action 1\nProgramme (Justin Andrews)". */
const lines = (card: AdaptiveCard): string[] =>
  (card.body as unknown as Node[]).map((node) =>
    node.type === 'RichTextBlock'
      ? (node.inlines as Node[]).map((run) => run.text).join('')
      : String(node.text),
  );

describe('the action list card', () => {
  it('groups by area, the area written once, groups in first-ref order, refs in order within', () => {
    const card = list({
      actions: [
        action(3, 'Smart Meters Act Powers'),
        action(1, 'Smart Meters Act Powers', 'First', '16/03/22'),
        action(2, 'Other', 'Second', '23/03/22 (to include in meeting papers)'),
        markDone(action(4, 'Other'), by, t0),
      ],
    });
    expectValidCard(card);
    expect(lines(card)).toEqual([
      'Open actions of CCAG',
      'Smart Meters Act Powers',
      'CCAG03-01  First\nProgramme (Justin Andrews) · Due 16/03/22 · Overdue',
      'CCAG03-03  Action 3\nProgramme (Justin Andrews)',
      'Other',
      'CCAG03-02  Second\nProgramme (Justin Andrews) · Due 23/03/22 (to include in meeting papers)',
      'CCAG03-04  Action 4\nProgramme (Justin Andrews) · Done',
    ]);
    expect(card.actions).toBeUndefined();
  });

  it('says so when there is nothing to list', () => {
    const card = list({ emptyText: 'No overdue actions.' });
    expectValidCard(card);
    expect(lines(card)).toEqual(['Open actions of CCAG', 'No overdue actions.']);
  });

  it('cuts long text with an ellipsis', () => {
    const card = list({ actions: [action(1, 'Other', 'x'.repeat(1000))] });
    const row = lines(card)[2] ?? '';
    expect(row).toMatch(/^CCAG03-01 {2}x{199}…\n/);
  });

  it('pages a long list with Previous page and Next page that send the filter and page', () => {
    const actions = Array.from({ length: 60 }, (_, index) => action(index + 1, 'Other'));
    const first = list({ actions, filter: 'mine' });
    expectValidCard(first);
    expect(lines(first)).toContain('Page 1 of 3 · 60 actions');
    expect(lines(first).filter((line) => line.startsWith('CCAG03-'))).toHaveLength(25);
    expect(
      executeActionsOf(first).map((button) => [button.title, button.verb, button.data]),
    ).toEqual([['Next page', CARD_VERBS.listPage, { filter: 'mine', page: 2 }]]);
    const middle = list({ actions, filter: 'mine', page: 2 });
    expect(executeActionsOf(middle).map((button) => [button.title, button.data])).toEqual([
      ['Previous page', { filter: 'mine', page: 1 }],
      ['Next page', { filter: 'mine', page: 3 }],
    ]);
    const last = list({ actions, filter: 'mine', page: 99 });
    expect(lines(last)).toContain('Page 3 of 3 · 60 actions');
    expect(lines(last).filter((line) => line.startsWith('CCAG03-'))).toHaveLength(10);
    expect(lines(last)[1]).toBe('Other');
    expect(executeActionsOf(last).map((button) => button.title)).toEqual(['Previous page']);
  });

  /** 200 actions with every text at or near its limit, each in an area of its own. */
  function longActions(character: string): Action[] {
    const long = (length: number): string => character.repeat(length);
    return Array.from({ length: 200 }, (_, index) =>
      createAction(
        {
          area: `${index} ${long(190)}`,
          text: `"${long(3990)}"`,
          owners: parseOwners(
            Array.from({ length: 12 }, (_, owner) => `Org${owner} (${long(60)})`).join(', '),
          ),
          due: parseDueDate(`16/03/22 (${long(190)})`),
        },
        { groupCode: 'CCAG', meetingNumber: 3, sequence: index + 1 },
        by,
        t0,
      ),
    );
  }
  const refsOn = (card: AdaptiveCard): Node[] =>
    cardNodes(card).filter(
      (node) => node.type === 'TextRun' && /^CCAG03-\d+$/.test(String(node.text)),
    );

  it('keeps every page of 200 long actions under the size limit, each with 25 rows', () => {
    // Characters that take 3 bytes in UTF-8 force the shorter cuts.
    for (const actions of [longActions('a'), longActions('區')]) {
      for (let page = 1; page <= 8; page++) {
        const card = list({ actions, page });
        expect(cardBytes(card)).toBeLessThan(MAX_LIST_CARD_BYTES);
        expect(refsOn(card)).toHaveLength(25);
      }
      expectValidCard(list({ actions, page: 3 }));
    }
  });

  it('long Latin text fits at the longest cut', () => {
    const card = list({ actions: longActions('a') });
    expect(lines(card)[2]).toMatch(/^CCAG03-01 {2}"a{198}…\n/);
  });
});
