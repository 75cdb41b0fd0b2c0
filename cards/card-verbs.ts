/**
 * The discussion item card's Edit and Delete (cards/discussion-item-card.ts), sent only when its
 * builder is told the viewer may change the item. Each carries `{ meetingCode, order }` (core
 * `readDiscussionItemKey`), and:
 * - `editDiscussion`: the inputs `DISCUSSION_CARD_INPUTS.editArea` and `.editText`;
 * - `deleteDiscussion`: `DISCUSSION_CARD_INPUTS.deleteReason` (optional).
 * Spread into CARD_VERBS (features/discussion/discussion-routes.ts routes them).
 */
export const DISCUSSION_CARD_VERBS = {
  editDiscussion: 'editDiscussion',
  deleteDiscussion: 'deleteDiscussion',
} as const;

/**
 * The chairs' `people` card (cards/people-card.ts). Each carries `{ groupCode, page }` (the
 * directory page shown, from 1), and:
 * - `peoplePage`: nothing more; shows that page with an empty form (also the form's Cancel).
 * - `editPerson`: `key`, the {@link personKey} of the person to edit; answers the card with the
 *   form filled with their details.
 * - `savePerson`: the form's inputs (`PEOPLE_CARD_INPUTS`: `name`, `organisation`, `email`,
 *   `aadObjectId`, `guest` as `'true'`/`'false'`) and, when editing, `key` of the person edited.
 * - `removePerson`: `key` of the person to remove.
 * Spread into CARD_VERBS (features/people/people-routes.ts routes them).
 */
export const PEOPLE_CARD_VERBS = {
  peoplePage: 'peoplePage',
  editPerson: 'editPerson',
  savePerson: 'savePerson',
  removePerson: 'removePerson',
} as const;

/**
 * Every verb a card can send with `Action.Execute`. The card builders and the bot's invoke
 * handler both use this one object, so a verb cannot be sent without a handler to route it to
 * (a test walks every card and checks its verbs are listed here).
 *
 * What each verb's `data` carries (Teams merges the card's inputs into it):
 * - `addAction`: the action form's inputs (`area`, `text`, `owner`, `due`, `update`, and
 *   `groupCode` / `meetingNumber` when the conversation has no meeting yet).
 * - `addUpdate`, `changeDueDate`, `markDone`, `reopen`, `cancel`, `refreshAction`: `{ ref }`, plus
 *   the inputs of the small form that sends them (see `ACTION_CARD_INPUTS`).
 * - `addDiscussion`: the discussion form's inputs (`area`, `text`).
 * - `saveMeeting`: the meeting form's inputs (`MEETING_FORM_FIELDS`).
 * - `listPage`: `{ filter, page, meetingNumber? }`.
 */
export const CARD_VERBS = {
  addAction: 'addAction',
  addUpdate: 'addUpdate',
  changeDueDate: 'changeDueDate',
  markDone: 'markDone',
  reopen: 'reopen',
  cancel: 'cancel',
  editAction: 'editAction',
  refreshAction: 'refreshAction',
  addDiscussion: 'addDiscussion',
  saveMeeting: 'saveMeeting',
  listPage: 'listPage',
  // The action card answering Add action: `{ ref, meetingCode, area, due? }` (core/action-form
  // `readNextActionPrefill`) → that card stays, and a fresh form for the conversation's meeting
  // is posted under it, area and due date kept.
  addAnother: 'addAnother',
  // The report preview card (cards/report-preview-card.ts): `{ groupCode, meetingNumber }`.
  issueReport: 'issueReport',
  // The meeting-ended prompt (cards/meeting-ended-card.ts): `{ groupCode, meetingNumber }`.
  previewReport: 'previewReport',
  // The reminder card (cards/reminder-card.ts): `{ ref, refs, owner }` plus its inputs.
  reminderDone: 'reminderDone',
  reminderUpdate: 'reminderUpdate',
  reminderDueDate: 'reminderDueDate',
  reminderSnooze: 'reminderSnooze',
  reminderMute: 'reminderMute',
  reminderRefresh: 'reminderRefresh',
  // The reminders policy card (cards/reminder-policy-card.ts): its inputs.
  saveReminderPolicy: 'saveReminderPolicy',
  ...DISCUSSION_CARD_VERBS,
  ...PEOPLE_CARD_VERBS,
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

const VERBS: ReadonlySet<string> = new Set(Object.values(CARD_VERBS));

/** True when `value` is a verb some card sends; anything else is a forged or stale payload. */
export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERBS.has(value);
}
