import { buildActionFormCard } from '../../cards/action-form-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildDiscussionFormCard } from '../../cards/discussion-form-card';
import { buildMeetingFormCard } from '../../cards/meeting-form-card';
import { validateActionDraft } from '../../core/action-form';
import { validateMeetingForm } from '../../core/meeting';
import { expectValidCard } from '../support/card-validator';

type Node = Record<string, unknown>;

const inputs = (card: AdaptiveCard): Node[] =>
  cardNodes(card).filter((node) => String(node.type).startsWith('Input.'));
const inputById = (card: AdaptiveCard, id: string): Node | undefined =>
  inputs(card).find((node) => node.id === id);
const labels = (card: AdaptiveCard): unknown[] => inputs(card).map((node) => node.label);
const runTexts = (card: AdaptiveCard): string[] =>
  cardNodes(card)
    .filter((node) => node.type === 'TextRun')
    .map((node) => String(node.text));
/** The element that follows the input with `id` in the card's body. */
const afterInput = (card: AdaptiveCard, id: string): Node | undefined => {
  const body = card.body as unknown as Node[];
  return body[body.findIndex((node) => node.id === id) + 1];
};

describe('the action form', () => {
  it('asks for Area, Action, Owner, Due date and Update and submits with Add action', () => {
    const card = buildActionFormCard({ meeting: { code: 'CCAG003' } });
    expectValidCard(card);
    expect(labels(card)).toEqual(['Area', 'Action', 'Owner', 'Due date', 'Update']);
    expect(inputs(card).map((node) => node.id)).toEqual(['area', 'text', 'owner', 'due', 'update']);
    expect(inputById(card, 'text')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(inputById(card, 'update')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    // Examples sit under the inputs, not in placeholders, which renderers make the accessible name.
    expect(inputs(card).some((node) => 'placeholder' in node)).toBe(false);
    expect(JSON.stringify(card)).toContain('Programme (Justin Andrews), Ofgem (Andy MacFaul)');
    // A date picker cannot carry "(to include in meeting papers)".
    expect(inputById(card, 'due')).toMatchObject({ type: 'Input.Text' });
    expect(JSON.stringify(card)).toContain('DD/MM/YY');
    for (const id of ['area', 'text', 'owner']) {
      expect(inputById(card, id)).toMatchObject({
        isRequired: true,
        errorMessage: expect.any(String),
      });
    }
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        title: 'Add action',
        verb: CARD_VERBS.addAction,
        associatedInputs: 'auto',
      }),
    ]);
  });

  it('offers the areas already used in the meeting and prefills the last one', () => {
    const card = buildActionFormCard({
      areasInMeeting: ['Smart Meters Act Powers', 'Code Drafting'],
      values: { text: 'from the add command' },
    });
    expectValidCard(card);
    expect(inputById(card, 'area')?.value).toBe('Code Drafting');
    expect(inputById(card, 'text')?.value).toBe('from the add command');
    expect(runTexts(card)).toContain('Smart Meters Act Powers · Code Drafting');
  });

  it('a value the user typed wins over the last area', () => {
    const card = buildActionFormCard({ areasInMeeting: ['Other'], values: { area: 'New area' } });
    expect(inputById(card, 'area')?.value).toBe('New area');
  });

  it('shows each server error under its input and keeps everything the user typed', () => {
    const typed = {
      area: 'Smart Meters Act Powers',
      text: 'Present the seven steps\nfor code drafting',
      owner: 'Ofgem (Andy MacFaul), , Programme',
      due: '31/02/22 (to include in meeting papers)',
      update: 'Started',
    };
    const result = validateActionDraft(typed);
    if (result.ok) throw new Error('expected errors');
    const card = buildActionFormCard({ values: typed, errors: result.errors });
    expectValidCard(card);
    for (const [id, value] of Object.entries(typed)) expect(inputById(card, id)?.value).toBe(value);
    for (const id of ['owner', 'due'] as const) {
      expect(afterInput(card, id)).toMatchObject({
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: result.errors[id], color: 'attention' }],
      });
    }
    // The date error quotes what was typed, so it is user text, never a TextBlock.
    expect(result.errors.due).toContain('31/02/22');
    // No error under Action: what follows it is its example, then the next input.
    expect(afterInput(card, 'text')?.type).not.toBe('RichTextBlock');
  });

  it('shows a message about the whole form at the top, input kept', () => {
    const card = buildActionFormCard({
      message: 'Nothing was saved: storage is unavailable. Try again in a minute.',
      values: { text: 'Keep me' },
    });
    expectValidCard(card);
    expect(runTexts(card)[0]).toBe(
      'Nothing was saved: storage is unavailable. Try again in a minute.',
    );
    expect(inputById(card, 'text')?.value).toBe('Keep me');
  });

  it('with no meeting set up also asks for Group code and Meeting number, prefilled', () => {
    const card = buildActionFormCard({
      meeting: { needsSetup: true, groupCode: 'CCAG', meetingNumber: '3' },
      errors: { meetingNumber: 'Meeting number must be a number, e.g. 3 for CCAG003.' },
    });
    expectValidCard(card);
    expect(labels(card)).toEqual([
      'Group code',
      'Meeting number',
      'Area',
      'Action',
      'Owner',
      'Due date',
      'Update',
    ]);
    expect(inputById(card, 'groupCode')?.value).toBe('CCAG');
    expect(inputById(card, 'meetingNumber')?.value).toBe('3');
    expect(afterInput(card, 'meetingNumber')).toMatchObject({ type: 'RichTextBlock' });
  });

  it('without a meeting named, it has no setup inputs', () => {
    const card = buildActionFormCard();
    expectValidCard(card);
    expect(inputById(card, 'groupCode')).toBeUndefined();
  });
});

describe('the discussion form', () => {
  it('asks for Area and Discussion and submits with Add discussion item', () => {
    const card = buildDiscussionFormCard({ meetingCode: 'CCAG003', areasInMeeting: ['Other'] });
    expectValidCard(card);
    expect(labels(card)).toEqual(['Area', 'Discussion']);
    expect(inputById(card, 'text')).toMatchObject({ isMultiline: true, isRequired: true });
    expect(inputById(card, 'area')?.value).toBe('Other');
    expect(runTexts(card).join('\n')).toMatch(/blank line.*"- ".*\(action CCAG03-01\)/s);
    expect(executeActionsOf(card)).toEqual([
      expect.objectContaining({ title: 'Add discussion item', verb: CARD_VERBS.addDiscussion }),
    ]);
  });

  it('shows errors under their inputs and keeps the text typed', () => {
    const text = 'Para one\n\n- bullet\n- another';
    const card = buildDiscussionFormCard({
      values: { area: '', text },
      errors: { area: 'Area is required.' },
      message: 'Nothing was saved: storage is unavailable.',
    });
    expectValidCard(card);
    expect(inputById(card, 'text')?.value).toBe(text);
    expect(afterInput(card, 'area')).toMatchObject({
      inlines: [{ text: 'Area is required.', color: 'attention' }],
    });
    expect(runTexts(card)).toContain('Nothing was saved: storage is unavailable.');
  });
});

describe('the meeting form', () => {
  it('has one labelled input per meeting field and submits with Save meeting', () => {
    const card = buildMeetingFormCard();
    expectValidCard(card);
    expect(labels(card)).toEqual([
      'Group code',
      'Group name',
      'Meeting number',
      'Title',
      'Date',
      'Start time',
      'End time',
      'Venue',
      'Classification',
    ]);
    expect(inputById(card, 'date')?.type).toBe('Input.Date');
    expect(inputById(card, 'startTime')?.type).toBe('Input.Time');
    expect(inputById(card, 'endTime')?.type).toBe('Input.Time');
    expect(inputById(card, 'groupName')?.isRequired).toBeUndefined();
    expect(executeActionsOf(card)).toEqual([
      expect.objectContaining({ title: 'Save meeting', verb: CARD_VERBS.saveMeeting }),
    ]);
  });

  it('is prefilled, requires the name of a new group, and shows errors with input kept', () => {
    const typed = {
      groupCode: 'CCAG',
      groupName: '',
      number: 'three',
      title: 'Cross Code Advisory Group',
      date: '2022-02-23',
      startTime: '12:00',
      endTime: '10:00',
      venue: 'Virtual – MS Teams',
      classification: 'Public',
    };
    const result = validateMeetingForm(typed, { requireGroupName: true });
    if (result.ok) throw new Error('expected errors');
    const card = buildMeetingFormCard({
      values: typed,
      errors: result.errors,
      requireGroupName: true,
    });
    expectValidCard(card);
    expect(inputById(card, 'groupName')?.isRequired).toBe(true);
    for (const [id, value] of Object.entries(typed)) {
      expect(inputById(card, id)?.value).toBe(value === '' ? undefined : value);
    }
    for (const id of ['groupName', 'number', 'endTime']) {
      expect(afterInput(card, id)).toMatchObject({ inlines: [{ color: 'attention' }] });
    }
  });
});
