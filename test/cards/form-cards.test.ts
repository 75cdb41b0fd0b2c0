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
const textBlockTexts = (card: AdaptiveCard): string[] =>
  cardNodes(card)
    .filter((node) => node.type === 'TextBlock')
    .map((node) => String(node.text));
/** The element that follows the input with `id` in the card's body. */
const afterInput = (card: AdaptiveCard, id: string): Node | undefined => {
  const body = card.body as unknown as Node[];
  return body[body.findIndex((node) => node.id === id) + 1];
};

const ANDY = { aadObjectId: '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f', name: 'Andy MacFaul' };

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
    // The due date is picked; cards and the report still print it DD/MM/YY.
    expect(inputById(card, 'due')).toMatchObject({ type: 'Input.Date', label: 'Due date' });
    for (const id of ['area', 'text']) {
      expect(inputById(card, id)).toMatchObject({
        isRequired: true,
        errorMessage: expect.any(String),
      });
    }
    // Owner is not required on the client: people picked beside it are owners too.
    expect(inputById(card, 'owner')?.isRequired).toBeUndefined();
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        title: 'Add action',
        verb: CARD_VERBS.addAction,
        associatedInputs: 'auto',
      }),
    ]);
  });

  it('once the meeting has areas, Area is a filtered choice of them with New area beside it', () => {
    const card = buildActionFormCard({
      areasInMeeting: ['Smart Meters Act Powers', 'Code Drafting'],
      values: { text: 'from the add command' },
    });
    expectValidCard(card);
    expect(labels(card)).toEqual(['Area', 'New area', 'Action', 'Owner', 'Due date', 'Update']);
    expect(inputById(card, 'area')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'filtered',
      choices: [
        { title: 'Smart Meters Act Powers', value: 'Smart Meters Act Powers' },
        { title: 'Code Drafting', value: 'Code Drafting' },
      ],
      // The last one is chosen: most actions follow the one before.
      value: 'Code Drafting',
    });
    expect(inputById(card, 'newArea')).toMatchObject({ type: 'Input.Text' });
    expect(inputById(card, 'newArea')?.value).toBeUndefined();
    expect(inputById(card, 'text')?.value).toBe('from the add command');
  });

  it('an area the meeting has is chosen; one it has not is kept under New area', () => {
    const areas = ['Other', 'Horizon Scanning'];
    const chosen = buildActionFormCard({ areasInMeeting: areas, values: { area: 'Other' } });
    expect(inputById(chosen, 'area')?.value).toBe('Other');
    const typed = buildActionFormCard({ areasInMeeting: areas, values: { area: 'New one' } });
    expect(inputById(typed, 'area')?.value).toBe('Horizon Scanning');
    expect(inputById(typed, 'newArea')?.value).toBe('New one');
    const first = buildActionFormCard({ values: { area: 'First area' } });
    expect(inputById(first, 'area')).toMatchObject({ type: 'Input.Text', value: 'First area' });
  });

  it('beside Owner, People in this chat is the Teams people picker, several at once', () => {
    const card = buildActionFormCard({
      meeting: { code: 'CCAG003' },
      people: [ANDY, { ...ANDY }, { aadObjectId: 'x', name: ' ' }],
      values: { people: ANDY.aadObjectId },
    });
    expectValidCard(card);
    expect(labels(card)).toEqual([
      'Area',
      'Action',
      'Owner',
      'People in this chat',
      'Due date',
      'Update',
    ]);
    expect(inputById(card, 'people')).toEqual({
      type: 'Input.ChoiceSet',
      id: 'people',
      label: 'People in this chat',
      isMultiSelect: true,
      choices: [{ title: 'Andy MacFaul', value: ANDY.aadObjectId }],
      'choices.data': {
        type: 'Data.Query',
        dataset: 'graph.microsoft.com/users?scope=currentContext',
      },
      value: ANDY.aadObjectId,
    });
    // With nobody to offer, the picker is left out (the official parser needs one choice).
    expect(inputById(buildActionFormCard(), 'people')).toBeUndefined();
  });

  it('a date in digits is shown picked; anything else is kept as typed for its error', () => {
    const due = (text: string) => inputById(buildActionFormCard({ values: { due: text } }), 'due');
    expect(due('23/03/22')?.value).toBe('2022-03-23');
    expect(due('2022-03-23')?.value).toBe('2022-03-23');
    expect(due('31/02/22')?.value).toBe('31/02/22');
    expect(due('next Tuesday')?.value).toBe('next Tuesday');
  });

  it('a due date in the past brings the switch that confirms it, and keeps it on', () => {
    const now = new Date('2026-03-30T23:30:00Z');
    const typed = { area: 'Other', text: 'x', owner: 'PMO', due: '2022-03-23' };
    const result = validateActionDraft(typed, { now });
    if (result.ok) throw new Error('expected the form to ask');
    const card = buildActionFormCard({ values: typed, errors: result.errors });
    expectValidCard(card);
    expect(inputById(card, 'confirmPast')).toEqual({
      type: 'Input.Toggle',
      id: 'confirmPast',
      title: 'Yes, the date is in the past',
      value: 'false',
      valueOn: 'true',
      valueOff: 'false',
    });
    expect(afterInput(card, 'confirmPast')).toMatchObject({
      inlines: [{ text: expect.stringContaining('23/03/22 is in the past'), color: 'attention' }],
    });
    // Turned on, it stays when the form comes back for another reason.
    const again = buildActionFormCard({
      values: { ...typed, confirmPast: 'true' },
      errors: { text: 'Action is required.' },
    });
    expect(inputById(again, 'confirmPast')?.value).toBe('true');
    expect(inputById(buildActionFormCard({ values: typed }), 'confirmPast')).toBeUndefined();
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
    expect(labels(card)).toEqual(['Area', 'New area', 'Discussion']);
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
    expect(runTexts(card).concat(textBlockTexts(card))).toContain('Set up the meeting');
  });

  it('is titled for editing once the meeting exists', () => {
    const card = buildMeetingFormCard({ editingMeetingCode: 'CCAG003' });
    expectValidCard(card);
    expect(textBlockTexts(card)[0]).toBe('Edit meeting CCAG003');
    expect(executeActionsOf(card)[0]?.title).toBe('Save meeting');
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
