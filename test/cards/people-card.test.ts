import { cardBytes, MAX_LIST_CARD_BYTES } from '../../cards/action-list-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { PEOPLE_CARD_VERBS } from '../../cards/card-verbs';
import { buildPeopleCard, PEOPLE_CARD_INPUTS, PEOPLE_PAGE_SIZE } from '../../cards/people-card';
import { parseOwners } from '../../core/owner';
import type { DirectoryEntry } from '../../core/people/directory';
import { personKey, readDirectoryEntry } from '../../core/people/directory-entry';
import { resolveOwners } from '../../core/people/owner-resolution';
import { expectValidCard } from '../support/card-validator';

type Node = Record<string, unknown>;

const ZOE: DirectoryEntry = {
  name: 'Zoë Lefèvre',
  organisation: 'Ofgem',
  email: 'zoe.lefevre@ofgem.gov.uk',
  guest: true,
};
const CHRIS: DirectoryEntry = {
  name: 'Chris Welby',
  organisation: 'Elexon',
  email: 'chris.welby@elexon.co.uk',
  aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
};
const ANDREW: DirectoryEntry = { name: 'Andrew Margan', organisation: 'Programme' };

const inputs = (card: AdaptiveCard): Node[] =>
  cardNodes(card).filter((node) => String(node.type).startsWith('Input.'));
const runTexts = (card: AdaptiveCard): string[] =>
  cardNodes(card)
    .filter((node) => node.type === 'TextRun')
    .map((node) => String(node.text));
const tableRows = (card: AdaptiveCard): Node[][] =>
  (cardNodes(card).find((node) => node.type === 'Table')?.rows as { cells: Node[] }[]).map(
    (row) => row.cells,
  );
const buttons = (card: AdaptiveCard) =>
  executeActionsOf(card).map((action) => [action.title, action.verb, action.data]);

/** What Teams sends for Save: the card's inputs with their values, over the button's data. */
function submitted(card: AdaptiveCard): Record<string, string> {
  return Object.fromEntries(inputs(card).map((input) => [input.id, String(input.value ?? '')]));
}

describe('the people card', () => {
  it('lists the directory: name, organisation, e-mail and whether they are a Teams user or guest', () => {
    const card = buildPeopleCard({
      groupCode: 'CCAG',
      people: [ANDREW, CHRIS, ZOE],
      canEdit: false,
    });
    expectValidCard(card);
    const rows = tableRows(card);
    expect(rows).toHaveLength(4);
    const text = (cells: Node[]) => cells.map((cell) => JSON.stringify(cell));
    expect(text(rows[0] ?? []).join()).toMatch(/Name.*Organisation.*E-mail.*Teams/);
    expect(runTexts(card)).toEqual(
      expect.arrayContaining(['Zoë Lefèvre', 'Ofgem', 'zoe.lefevre@ofgem.gov.uk', 'Chris Welby']),
    );
    expect(JSON.stringify(rows[1])).toContain('—');
    expect(JSON.stringify(rows[2])).toContain('"Yes"');
    expect(JSON.stringify(rows[3])).toContain('Guest (not linked)');
    // Some clients drop an empty cell and shift the row: every cell has something in it.
    for (const cells of rows) for (const cell of cells) expect(cell.items).not.toEqual([]);
  });

  it('others than chairs see the list without the form or any button', () => {
    const card = buildPeopleCard({ groupCode: 'CCAG', people: [ZOE], canEdit: false });
    expect(inputs(card)).toEqual([]);
    expect(executeActionsOf(card)).toEqual([]);
  });

  it('chairs get Edit on every row and a form to add a person, read back by the directory', () => {
    const card = buildPeopleCard({ groupCode: 'CCAG', people: [ANDREW, ZOE], canEdit: true });
    expectValidCard(card);
    expect(inputs(card).map((input) => [input.id, input.label ?? input.title])).toEqual([
      ['name', 'Name'],
      ['organisation', 'Organisation'],
      ['email', 'E-mail'],
      ['aadObjectId', 'Teams user (Entra object id)'],
      ['guest', 'A guest of the organisation (from outside)'],
    ]);
    expect(buttons(card)).toEqual([
      ['Edit', 'editPerson', { groupCode: 'CCAG', page: 1, key: personKey(ANDREW) }],
      ['Edit', 'editPerson', { groupCode: 'CCAG', page: 1, key: personKey(ZOE) }],
      ['Save person', 'savePerson', { groupCode: 'CCAG', page: 1 }],
    ]);
    expect(JSON.stringify(card)).toContain('Add a person');
  });

  it('Edit fills the form with the person, and Save sends back exactly them', () => {
    const card = buildPeopleCard({
      groupCode: 'CCAG',
      people: [CHRIS, ZOE],
      canEdit: true,
      editing: ZOE,
    });
    expectValidCard(card);
    expect(runTexts(card).join('')).toContain('Change Zoë Lefèvre');
    expect(readDirectoryEntry(submitted(card))).toEqual({ ok: true, value: ZOE });
    const key = personKey(ZOE);
    expect(buttons(card).slice(2)).toEqual([
      ['Save person', 'savePerson', { groupCode: 'CCAG', page: 1, key }],
      ['Remove', 'removePerson', { groupCode: 'CCAG', page: 1, key }],
      ['Cancel', 'peoplePage', { groupCode: 'CCAG', page: 1 }],
    ]);
  });

  it('a refused save shows each message under its input and keeps what was typed', () => {
    const values = { name: 'Andy MacFaul', email: 'andy at ofgem', guest: 'false' };
    const result = readDirectoryEntry(values);
    if (result.ok) throw new Error('expected the e-mail to be refused');
    const card = buildPeopleCard({
      groupCode: 'CCAG',
      people: [],
      canEdit: true,
      values,
      errors: result.errors,
      message: 'Nothing was saved.',
    });
    expectValidCard(card);
    const body = card.body as unknown as Node[];
    const email = body.findIndex((node) => node.id === PEOPLE_CARD_INPUTS.email);
    expect(body[email]).toMatchObject({ value: 'andy at ofgem' });
    expect(JSON.stringify(body[email + 1])).toContain('is not an e-mail address');
    expect(runTexts(card)).toContain('Nothing was saved.');
  });

  it('shows what people typed as text, never as markdown or a mention', () => {
    const hostile = { name: '**Zoë** [x](https://evil.example) <at>Grace</at>', email: 'z@o.e' };
    const json = JSON.stringify(
      buildPeopleCard({ groupCode: 'CCAG', people: [hostile], canEdit: true }),
    );
    expect(json).not.toMatch(/"type":"TextBlock","text":"[^"]*\*\*Zo/);
    expect(json).toContain(
      '"type":"TextRun","text":"**Zoë** [x](https://evil.example) <\u2060at>Grace',
    );
  });

  it('pages a long directory and stays under the card size Teams takes', () => {
    const people = Array.from({ length: 45 }, (_, index) => ({
      name: `${'Ł'.repeat(190)} ${index}`,
      organisation: 'Ø'.repeat(200),
      email: `${'x'.repeat(230)}${String(index).padStart(2, '0')}@example.org`,
      aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    }));
    const first = buildPeopleCard({ groupCode: 'CCAG', people, canEdit: true });
    expect(tableRows(first)).toHaveLength(PEOPLE_PAGE_SIZE + 1);
    expect(buttons(first).at(-1)).toEqual([
      'Next page',
      'peoplePage',
      { groupCode: 'CCAG', page: 2 },
    ]);
    expect(cardBytes(first)).toBeLessThan(MAX_LIST_CARD_BYTES);
    const last = buildPeopleCard({ groupCode: 'CCAG', people, canEdit: true, page: 9 });
    expect(tableRows(last)).toHaveLength(5 + 1);
    expect(JSON.stringify(last)).toContain('Page 3 of 3 · 45 people');
    expect(buttons(last).at(-1)).toEqual([
      'Previous page',
      'peoplePage',
      { groupCode: 'CCAG', page: 2 },
    ]);
  });

  it('shows the chair the owners the directory cannot settle', () => {
    const twin = { ...CHRIS, organisation: 'Ofgem', email: 'c.welby@ofgem.gov.uk' };
    const card = buildPeopleCard({
      groupCode: 'CCAG',
      people: [CHRIS, twin],
      canEdit: true,
      ownersToCheck: resolveOwners(parseOwners('Chris Welby'), [CHRIS, twin]),
    });
    expectValidCard(card);
    expect(runTexts(card)).toContain(
      'Chris Welby: Chris Welby could be Chris Welby (Elexon) or Chris Welby (Ofgem); ' +
        'write the organisation too, e.g. Elexon (Chris Welby)',
    );
  });

  it('sends only the people verbs', () => {
    const card = buildPeopleCard({
      groupCode: 'CCAG',
      people: Array.from({ length: 30 }, (_, index) => ({ name: `P ${index}` })),
      canEdit: true,
      editing: { name: 'P 1' },
      page: 2,
    });
    const sent = new Set(executeActionsOf(card).map((action) => action.verb));
    expect([...sent].sort()).toEqual(Object.values(PEOPLE_CARD_VERBS).sort());
  });
});
