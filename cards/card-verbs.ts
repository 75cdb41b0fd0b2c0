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
 * - `listPage`: `{ filter, page }`.
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
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * Verbs of issue 14 whose cards are built here and whose routes are not wired yet. A card sends
 * one only when its builder is asked to (`addAnother`, the discussion card's `viewer`), so no
 * card in use sends a verb without a handler; each moves into CARD_VERBS with its route.
 *
 * - `addAnother`: `{ meetingCode, area, due? }` (core/action-form `readNextActionPrefill`); the
 *   answer is a fresh action form for that meeting with the area and due date kept.
 * - `editDiscussion`: `{ meetingCode, order }` plus the inputs `DISCUSSION_CARD_INPUTS.editArea`
 *   and `.editText`.
 * - `deleteDiscussion`: `{ meetingCode, order }` plus `DISCUSSION_CARD_INPUTS.deleteReason`.
 */
export const CAPTURE_VERBS = {
  addAnother: 'addAnother',
  editDiscussion: 'editDiscussion',
  deleteDiscussion: 'deleteDiscussion',
} as const;

export type CaptureVerb = (typeof CAPTURE_VERBS)[keyof typeof CAPTURE_VERBS];

const VERBS: ReadonlySet<string> = new Set(Object.values(CARD_VERBS));

/** True when `value` is a verb some card sends; anything else is a forged or stale payload. */
export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERBS.has(value);
}
