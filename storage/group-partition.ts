import { encodeKey } from './table-keys';

/**
 * Everything of one group lives in one partition of the Groups table (PartitionKey = group code):
 * the group, its meetings, actions, discussion items and the counters that allocate refs. One
 * partition makes "allocate the next ref and insert the action" a single atomic transaction, and
 * listing a meeting's actions a range read that never touches another group. RowKeys sort so that
 * a range read returns ref order. See storage/README.md.
 */
const MEETING_DIGITS = 4; // MAX_MEETING_NUMBER 9999
const SEQUENCE_DIGITS = 5; // MAX_SEQUENCE 99999

const pad = (value: number, digits: number) => String(value).padStart(digits, '0');

export const GROUP_ROW = 'group';

export function meetingRow(meetingNumber: number): string {
  return `meeting|${pad(meetingNumber, MEETING_DIGITS)}`;
}

export function actionRow(meetingNumber: number, sequence: number): string {
  return `action|${pad(meetingNumber, MEETING_DIGITS)}|${pad(sequence, SEQUENCE_DIGITS)}`;
}

export function discussionRow(meetingNumber: number, order: number): string {
  return `discussion|${pad(meetingNumber, MEETING_DIGITS)}|${pad(order, SEQUENCE_DIGITS)}`;
}

export function counterRow(
  kind: 'action' | 'discussion' | 'report',
  meetingNumber: number,
): string {
  return `counter|${kind}|${pad(meetingNumber, MEETING_DIGITS)}`;
}

/** Every receipt's RowKey starts with this (receiptRow); the retention sweep removes old ones. */
export const RECEIPT_PREFIX = 'receipt|';

/**
 * The receipt of an add made under a caller's operation id: created in the same transaction as
 * the row, it names that row, so a repeat of the add is answered with it (numbered-inserts.ts).
 */
export function receiptRow(
  kind: 'action' | 'discussion',
  meetingNumber: number,
  operationId: string,
): string {
  return `${RECEIPT_PREFIX}${kind}|${pad(meetingNumber, MEETING_DIGITS)}|${encodeKey(operationId)}`;
}

/** RowKey bounds of every row starting with `prefix`: `ge` inclusive, `lt` exclusive. */
export function rowRange(prefix: string): { ge: string; lt: string } {
  // '|' is followed in ASCII by '}', so every key starting `prefix` sorts below `prefix` + '}'.
  return { ge: prefix, lt: `${prefix}}` };
}

export function meetingActionsPrefix(meetingNumber: number): string {
  return `action|${pad(meetingNumber, MEETING_DIGITS)}|`;
}

export function meetingDiscussionPrefix(meetingNumber: number): string {
  return `discussion|${pad(meetingNumber, MEETING_DIGITS)}|`;
}

const VERSION_DIGITS = 4; // a meeting's report re-issued 9999 times is not a committee's

export function reportRow(meetingNumber: number, version: number): string {
  return `report|${pad(meetingNumber, MEETING_DIGITS)}|${pad(version, VERSION_DIGITS)}`;
}

export function meetingReportsPrefix(meetingNumber: number): string {
  return `report|${pad(meetingNumber, MEETING_DIGITS)}|`;
}
