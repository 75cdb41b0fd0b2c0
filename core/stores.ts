import type { Action } from './action';
import type { ActionRef } from './action-ref';
import type { DiscussionItem } from './discussion-item';
import type { Group } from './group';
import type { IssuedReport, IssuedReportSummary } from './reports/issued-report';
import type { Meeting } from './meeting';

/**
 * What the domain needs from storage. storage/ implements these against Azure Table Storage; the
 * bot and the command line depend on these contracts, not on a storage client.
 *
 * Changes that can race are expressed as functions of the current value (`change`): the store
 * reads, applies, and writes with the ETag it read; when someone else wrote meanwhile it re-reads
 * and applies `change` again, so both people's changes are kept. A `change` that throws (e.g. the
 * action was closed meanwhile) stops the retry and its error reaches the caller.
 *
 * Writes that change data take an optional operation id (WriteOptions). The store keeps it in
 * what it writes, so that when storage's answer is lost it reads back and knows whether the write
 * was applied (then it answers with the stored value) instead of writing again. Failures are
 * truthful: StorageUnavailableError means nothing was saved, OutcomeUnknownError that storage
 * could not be asked.
 */

/** Options of a write that changes data. */
export interface WriteOptions {
  /**
   * Names this one change (e.g. the invoke's operation key, or a UUID), at most 200 characters.
   * A repeat of an update with an id the entity carries already is answered with the stored
   * value and changes nothing. The store makes one up when none is given.
   */
  readonly operationId?: string;
}

export interface GroupStore {
  getGroup(code: string): Promise<Group | undefined>;
  /** Creates the group, or returns the existing one unchanged when it exists already. */
  createGroupIfMissing(group: Group): Promise<Group>;
  updateGroup(
    code: string,
    change: (group: Group) => Group,
    options?: WriteOptions,
  ): Promise<Group>;
  /** Every group, by code (a scan of every partition: for export and administration only). */
  listGroups(): Promise<Group[]>;
}

export interface MeetingStore {
  getMeeting(groupCode: string, meetingNumber: number): Promise<Meeting | undefined>;
  /** Creates the meeting, or returns the existing one unchanged when it exists already. */
  createMeetingIfMissing(meeting: Meeting): Promise<Meeting>;
  updateMeeting(
    groupCode: string,
    meetingNumber: number,
    change: (meeting: Meeting) => Meeting,
    options?: WriteOptions,
  ): Promise<Meeting>;
  /** The group's meetings, by number. */
  listMeetings(groupCode: string): Promise<Meeting[]>;
  /** The date (`yyyy-mm-dd`) the meeting's report was issued, when one is recorded. */
  getReportIssueDate(groupCode: string, meetingNumber: number): Promise<string | undefined>;
  /**
   * Records the date (`yyyy-mm-dd`) the meeting's report was issued, unless one is recorded
   * already (an imported report's date; an import run twice keeps the first). Returns the date
   * on record.
   */
  recordReportIssueDateIfMissing(
    groupCode: string,
    meetingNumber: number,
    issueDate: string,
  ): Promise<string>;
}

export interface ActionStore {
  /**
   * Allocates the meeting's next ref and stores the action `build` makes under it, atomically:
   * members adding at the same moment get distinct, consecutive refs and no action is lost.
   */
  addAction(
    groupCode: string,
    meetingNumber: number,
    build: (ref: ActionRef) => Action,
    options?: WriteOptions,
  ): Promise<Action>;
  /**
   * Stores an action under the ref it already has (an imported log). The meeting's next ref is
   * moved past it. Returns false, changing nothing, when that ref exists already.
   */
  importAction(action: Action): Promise<boolean>;
  getAction(ref: string): Promise<Action | undefined>;
  updateAction(
    ref: string,
    change: (action: Action) => Action,
    options?: WriteOptions,
  ): Promise<Action>;
  /** The meeting's actions in ref order. */
  listMeetingActions(groupCode: string, meetingNumber: number): Promise<Action[]>;
  /** The group's open actions, from every meeting, in ref order. */
  listOpenActions(groupCode: string): Promise<Action[]>;
}

export interface DiscussionStore {
  /** Stores the item `build` makes at the meeting's next position (1, 2, …), atomically. */
  addDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    build: (order: number) => DiscussionItem,
    options?: WriteOptions,
  ): Promise<DiscussionItem>;
  /** Stores an imported item at its own position; false, changing nothing, when one is there. */
  importDiscussionItem(item: DiscussionItem): Promise<boolean>;
  /** The meeting's items in order; deleted items only when `options.includeDeleted`. */
  listDiscussionItems(
    groupCode: string,
    meetingNumber: number,
    options?: ListDiscussionItemsOptions,
  ): Promise<DiscussionItem[]>;
  /**
   * Changes one item (an edit, a deletion) as a function of its current value, re-applied when
   * someone else wrote meanwhile.
   * @throws NotFoundError when the meeting has no item at `order`.
   */
  updateDiscussionItem(
    groupCode: string,
    meetingNumber: number,
    order: number,
    change: (item: DiscussionItem) => DiscussionItem,
    options?: WriteOptions,
  ): Promise<DiscussionItem>;
}

/** Options for {@link DiscussionStore.listDiscussionItems}. */
export interface ListDiscussionItemsOptions {
  /** Also the deleted items (an export, an audit); the report leaves them out. */
  readonly includeDeleted?: boolean;
}

/** Which group and meeting a Teams conversation is about. */
export interface ConversationBinding {
  readonly groupCode: string;
  /** Set for a meeting chat; a channel holds a group and follows its latest meeting. */
  readonly meetingNumber?: number;
}

export interface BindingStore {
  getBinding(conversationId: string): Promise<ConversationBinding | undefined>;
  bind(conversationId: string, binding: ConversationBinding): Promise<void>;
}

/** Issued headline reports, versioned per meeting; every version stays readable. */
export interface ReportStore {
  /**
   * Allocates the meeting's next report version (1, 2, …) and stores the report `build` makes for
   * it, atomically: two chairs issuing at once get v1 and v2, never the same version twice.
   */
  issueReport(
    groupCode: string,
    meetingNumber: number,
    build: (version: number) => IssuedReport,
    options?: WriteOptions,
  ): Promise<IssuedReport>;
  getReport(
    groupCode: string,
    meetingNumber: number,
    version: number,
  ): Promise<IssuedReport | undefined>;
  /** The meeting's issued versions, oldest first, without the reports themselves. */
  listReports(groupCode: string, meetingNumber: number): Promise<IssuedReportSummary[]>;
}
