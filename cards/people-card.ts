import type { FieldErrors } from '../core/form-result';
import type { DirectoryEntry } from '../core/people/directory';
import { DIRECTORY_FIELDS, personKey, type DirectoryField } from '../core/people/directory-entry';
import { describeOwnerResolution, type OwnerResolution } from '../core/people/owner-resolution';
import {
  adaptiveCard,
  executeAction,
  heading,
  textBlock,
  type ActionExecute,
  type AdaptiveCard,
  type CardElement,
} from './adaptive-card';
import { MAX_LIST_CARD_BYTES, cardBytes, truncate } from './action-list-card';
import { PEOPLE_CARD_VERBS } from './card-verbs';
import { fieldError, formInput, formMessage } from './form-input';
import { table, tableRow } from './table-element';
import { richTextBlock, userText, userTextRun } from './user-text';

/** The ids of the person form's inputs, as `readDirectoryEntry` reads them. */
export const PEOPLE_CARD_INPUTS = DIRECTORY_FIELDS;

export const PEOPLE_PAGE_SIZE = 20;

/** How much of each cell the table shows, tried in turn until the card fits. */
interface CellLimits {
  readonly name: number;
  readonly organisation: number;
  readonly email: number;
}
const CELL_LIMITS: readonly CellLimits[] = [
  { name: 200, organisation: 200, email: 254 },
  { name: 60, organisation: 40, email: 60 },
  { name: 30, organisation: 20, email: 30 },
];
/** Owners listed under "Owners to check" at most; the rest are counted. */
export const MAX_OWNERS_TO_CHECK = 10;

/** Options for {@link buildPeopleCard}. */
export interface PeopleCardOptions {
  readonly groupCode: string;
  /** The group's directory, in the order to list it. */
  readonly people: readonly DirectoryEntry[];
  /** Whether the viewer chairs the group: others see the list without the form or buttons. */
  readonly canEdit: boolean;
  /** From 1; clamped to the pages there are. */
  readonly page?: number;
  /** The person whose details fill the form (after Edit); absent: the form adds a person. */
  readonly editing?: DirectoryEntry;
  /** Good news at the top, e.g. "Zoë Lefèvre was added." */
  readonly notice?: string;
  /** A message about the whole form, e.g. "Nothing was saved: storage is unavailable." */
  readonly message?: string;
  readonly errors?: FieldErrors<DirectoryField>;
  /** What was typed, kept after a refusal (input id → value). */
  readonly values?: Readonly<Record<string, string>>;
  /**
   * Typed owners of the group's actions that the directory cannot settle (ambiguous, or naming
   * nobody), from `resolveOwners`: shown so the chair can fix the directory or the owner.
   */
  readonly ownersToCheck?: readonly OwnerResolution[];
}

/**
 * The chairs' `people` card: the group's directory as a table (name, organisation, e-mail, Teams
 * user or guest), paged by {@link PEOPLE_PAGE_SIZE}, each row with **Edit**; then a form to add a
 * person or change the one being edited, with **Save person**, **Remove** and **Cancel**. The
 * names, organisations and addresses are shown as user text, never as markdown.
 */
export function buildPeopleCard(options: PeopleCardOptions): AdaptiveCard {
  const pageCount = Math.max(1, Math.ceil(options.people.length / PEOPLE_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(options.page ?? 1) || 1));
  const onPage = options.people.slice((page - 1) * PEOPLE_PAGE_SIZE, page * PEOPLE_PAGE_SIZE);
  let card = adaptiveCard([]);
  // Long names and addresses are cut in the table (the form shows them whole) until the card
  // fits the size Teams takes.
  for (const limits of CELL_LIMITS) {
    card = peopleCard(options, onPage, limits, { page, pageCount });
    if (cardBytes(card) <= MAX_LIST_CARD_BYTES) break;
  }
  return card;
}

function peopleCard(
  options: PeopleCardOptions,
  onPage: readonly DirectoryEntry[],
  limits: CellLimits,
  { page, pageCount }: { page: number; pageCount: number },
): AdaptiveCard {
  const base = { groupCode: options.groupCode, page };
  const body: CardElement[] = [
    heading(`People of ${options.groupCode}`),
    ...(options.notice ? [userText(options.notice, { color: 'good' })] : []),
    textBlock(
      'Owners typed as text are matched to these people (accents and case ignored); reminders ' +
        'reach them in Teams, or by e-mail when they are not in Teams.',
      { isSubtle: true, size: 'small' },
    ),
    ...(onPage.length === 0
      ? [textBlock('Nobody is in the directory yet.')]
      : [peopleTable(onPage, options.canEdit, base, limits)]),
    ...(pageCount > 1
      ? [
          textBlock(`Page ${page} of ${pageCount} · ${options.people.length} people`, {
            isSubtle: true,
          }),
        ]
      : []),
    ...ownersToCheck(options.ownersToCheck ?? []),
    ...(options.canEdit ? personForm(options) : []),
  ];
  const paging = (title: string, to: number) =>
    executeAction(
      title,
      PEOPLE_CARD_VERBS.peoplePage,
      { ...base, page: to },
      { associatedInputs: 'none' },
    );
  const actions: ActionExecute[] = [
    ...(options.canEdit ? formButtons(options, base) : []),
    ...(page > 1 ? [paging('Previous page', page - 1)] : []),
    ...(page < pageCount ? [paging('Next page', page + 1)] : []),
  ];
  return adaptiveCard(body, actions);
}

function peopleTable(
  people: readonly DirectoryEntry[],
  canEdit: boolean,
  base: { groupCode: string; page: number },
  limits: CellLimits,
): CardElement {
  const header = tableRow(
    ['Name', 'Organisation', 'E-mail', 'Teams', ...(canEdit ? ['Change'] : [])].map((title) => [
      textBlock(title, { weight: 'bolder' }),
    ]),
  );
  const rows = people.map((person) =>
    tableRow([
      [userText(truncate(person.name, limits.name))],
      [cell(person.organisation, limits.organisation)],
      [cell(person.email, limits.email)],
      [textBlock(teamsStatus(person), { isSubtle: !person.aadObjectId && !person.teamsUserId })],
      ...(canEdit
        ? [
            [
              {
                type: 'ActionSet' as const,
                actions: [
                  executeAction(
                    'Edit',
                    PEOPLE_CARD_VERBS.editPerson,
                    { ...base, key: personKey(person) },
                    { associatedInputs: 'none' },
                  ),
                ],
              },
            ],
          ]
        : []),
    ]),
  );
  return table(canEdit ? [3, 3, 4, 2, 2] : [3, 3, 4, 2], header, rows);
}

// An empty TableCell is dropped by some clients and the row shifts left: never send one.
function cell(text: string | undefined, limit: number): CardElement {
  return text ? userText(truncate(text, limit)) : textBlock('—', { isSubtle: true });
}

function teamsStatus(person: DirectoryEntry): string {
  const known = person.aadObjectId !== undefined || person.teamsUserId !== undefined;
  if (person.guest) return known ? 'Guest' : 'Guest (not linked)';
  return known ? 'Yes' : '—';
}

function ownersToCheck(resolutions: readonly OwnerResolution[]): CardElement[] {
  if (resolutions.length === 0) return [];
  const shown = resolutions.slice(0, MAX_OWNERS_TO_CHECK);
  const more = resolutions.length - shown.length;
  return [
    textBlock('Owners to check', { weight: 'bolder', separator: true, spacing: 'medium' }),
    ...shown.map((resolution) =>
      userText(describeOwnerResolution(resolution), {
        size: 'small',
        ...(resolution.status === 'ambiguous' ? { color: 'warning' as const } : {}),
      }),
    ),
    ...(more > 0 ? [textBlock(`and ${more} more`, { isSubtle: true, size: 'small' })] : []),
  ];
}

function personForm(options: PeopleCardOptions): CardElement[] {
  const editing = options.editing;
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const value = (field: keyof typeof PEOPLE_CARD_INPUTS, stored: string | undefined) =>
    values[PEOPLE_CARD_INPUTS[field]] ?? stored ?? '';
  return [
    // The name is the user's text: a TextRun, never markdown.
    richTextBlock(
      [
        {
          type: 'TextRun',
          text: editing ? 'Change ' : 'Add a person',
          size: 'medium',
          weight: 'bolder',
        },
        ...(editing ? [userTextRun(editing.name, { size: 'medium', weight: 'bolder' })] : []),
      ],
      { separator: true, spacing: 'large' },
    ),
    ...formMessage(options.message),
    ...formInput({
      id: PEOPLE_CARD_INPUTS.name,
      label: 'Name',
      value: value('name', editing?.name),
      error: errors.name,
      requiredMessage: 'Name is required.',
      placeholder: 'As owners are typed, e.g. Zoë Lefèvre',
    }),
    ...formInput({
      id: PEOPLE_CARD_INPUTS.organisation,
      label: 'Organisation',
      value: value('organisation', editing?.organisation),
      error: errors.organisation,
      placeholder: 'E.g. Ofgem',
    }),
    ...formInput({
      id: PEOPLE_CARD_INPUTS.email,
      label: 'E-mail',
      value: value('email', editing?.email),
      error: errors.email,
      placeholder: 'Reminders go here when the person is not reached in Teams',
    }),
    ...formInput({
      id: PEOPLE_CARD_INPUTS.aadObjectId,
      label: 'Teams user (Entra object id)',
      value: value('aadObjectId', editing?.aadObjectId),
      error: errors.aadObjectId,
      placeholder: 'Optional: the Object ID from the Entra admin centre',
    }),
    {
      type: 'Input.Toggle',
      id: PEOPLE_CARD_INPUTS.guest,
      title: 'A guest of the organisation (from outside)',
      value: values[PEOPLE_CARD_INPUTS.guest] ?? String(editing?.guest === true),
      valueOn: 'true',
      valueOff: 'false',
    },
    ...fieldError(errors.guest),
  ];
}

function formButtons(
  options: PeopleCardOptions,
  base: { groupCode: string; page: number },
): ActionExecute[] {
  const editing = options.editing;
  if (!editing) {
    return [
      executeAction('Save person', PEOPLE_CARD_VERBS.savePerson, base, {
        associatedInputs: 'auto',
        style: 'positive',
      }),
    ];
  }
  const key = personKey(editing);
  return [
    executeAction(
      'Save person',
      PEOPLE_CARD_VERBS.savePerson,
      { ...base, key },
      { associatedInputs: 'auto', style: 'positive' },
    ),
    executeAction(
      'Remove',
      PEOPLE_CARD_VERBS.removePerson,
      { ...base, key },
      { associatedInputs: 'none', style: 'destructive' },
    ),
    executeAction('Cancel', PEOPLE_CARD_VERBS.peoplePage, base, { associatedInputs: 'none' }),
  ];
}
